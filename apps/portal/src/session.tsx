import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, setCsrfToken } from '@amtsweg/ui/app';
import { clearAccountDrafts } from './drafts';

export interface Citizen {
  id: string;
  displayName: string;
  email: string;
}

interface SessionAnswer {
  account: { id: string; kind: 'staff' | 'citizen'; displayName: string; email: string; stage: string };
  csrfToken?: string;
}

export interface Session {
  /** undefined while asking the server, null when nobody (or no citizen) is logged in. */
  citizen: Citizen | null | undefined;
  /** Takes the answer of a login or registration. */
  accept: (answer: SessionAnswer) => Citizen | null;
  logOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/** Who is logged in: asked once at start (`/api/auth/me`), updated by login and logout. */
export function SessionProvider({ children }: { children: ReactNode }): ReactNode {
  const [citizen, setCitizen] = useState<Citizen | null | undefined>(undefined);
  const accept = useCallback((answer: SessionAnswer) => {
    setCsrfToken(answer.csrfToken);
    const { account } = answer;
    // The portal is for citizens; a staff session (same browser as the inbox) stays out of it.
    const next = account.kind === 'citizen' && account.stage === 'complete' ? { id: account.id, displayName: account.displayName, email: account.email } : null;
    setCitizen(next);
    return next;
  }, []);
  useEffect(() => {
    api<SessionAnswer>('/api/auth/me')
      .then(accept)
      .catch(() => setCitizen(null));
  }, [accept]);
  const logOut = useCallback(async () => {
    await api('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    // The account's drafts are in the account; the browser copies go, so the next person sees none of them.
    if (citizen) clearAccountDrafts(citizen.id);
    setCsrfToken(undefined);
    setCitizen(null);
  }, [citizen]);
  return <SessionContext.Provider value={{ citizen, accept, logOut }}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
