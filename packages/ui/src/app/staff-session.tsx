import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, setCsrfToken } from './api';

export interface StaffMember {
  id: string;
  displayName: string;
  permissions: string[];
  serviceRoles: { serviceId: string; role: string }[];
}

export interface SessionAnswer {
  account: StaffMember & { kind: 'staff' | 'citizen'; stage: 'complete' | 'second-factor' | 'enrol-second-factor' };
  csrfToken?: string;
}

interface Session {
  /** undefined while asking, null when nobody (or no caseworker) is logged in. */
  staff: StaffMember | null | undefined;
  accept: (answer: SessionAnswer) => SessionAnswer['account']['stage'] | 'not-staff';
  logOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/**
 * The logged-in staff member of a staff front end (Inbox, Studio): asked once from `/api/auth/me`, set by the login
 * page, cleared on logout.
 */
export function StaffSessionProvider({ children }: { children: ReactNode }): ReactNode {
  const [staff, setStaff] = useState<StaffMember | null | undefined>(undefined);
  const accept = useCallback((answer: SessionAnswer) => {
    setCsrfToken(answer.csrfToken);
    const { account } = answer;
    if (account.kind !== 'staff') {
      setStaff(null);
      return 'not-staff' as const;
    }
    setStaff(account.stage === 'complete' ? account : null);
    return account.stage;
  }, []);
  useEffect(() => {
    api<SessionAnswer>('/api/auth/me')
      .then(accept)
      .catch(() => setStaff(null));
  }, [accept]);
  const logOut = useCallback(async () => {
    await api('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    setCsrfToken(undefined);
    setStaff(null);
  }, []);
  return <SessionContext.Provider value={{ staff, accept, logOut }}>{children}</SessionContext.Provider>;
}

export function useStaffSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useStaffSession outside StaffSessionProvider');
  return session;
}
