import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, setCsrfToken } from './api';

export type LoginStage = 'complete' | 'second-factor' | 'enrol-second-factor';

export interface StaffMember {
  id: string;
  displayName: string;
  email: string;
  organisation: { id: string; slug: string; name: string };
  roles: string[];
  permissions: string[];
  serviceRoles: { serviceId: string; role: string }[];
  secondFactor: { enabled: boolean; required: boolean; recoveryCodesLeft: number };
  preferences?: { dailyDigest: boolean };
}

export interface SessionAnswer {
  account: StaffMember & { kind: 'staff' | 'citizen'; stage: LoginStage };
  csrfToken?: string;
}

interface Session {
  /** undefined while asking, null when nobody (or no staff member) is fully logged in. */
  staff: StaffMember | null | undefined;
  /** A login begun in this browser that still waits for its second factor or its enrolment (after a reload too). */
  pending: { stage: Exclude<LoginStage, 'complete'>; email: string; organisation: string } | null;
  accept: (answer: SessionAnswer) => LoginStage | 'not-staff';
  /** Asks the server again who is logged in (after a change to the account). */
  refresh: () => Promise<void>;
  logOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/**
 * The logged-in staff member of a staff front end (Inbox, Studio, Administration): asked once from
 * `/api/auth/me`, set by the login page, cleared on logout.
 */
export function StaffSessionProvider({ children }: { children: ReactNode }): ReactNode {
  const [staff, setStaff] = useState<StaffMember | null | undefined>(undefined);
  const [pending, setPending] = useState<Session['pending']>(null);
  const accept = useCallback((answer: SessionAnswer) => {
    setCsrfToken(answer.csrfToken);
    const { account } = answer;
    if (account.kind !== 'staff') {
      setStaff(null);
      setPending(null);
      return 'not-staff' as const;
    }
    setStaff(account.stage === 'complete' ? account : null);
    setPending(account.stage === 'complete' ? null : { stage: account.stage, email: account.email, organisation: account.organisation.name });
    return account.stage;
  }, []);
  const refresh = useCallback(async () => {
    await api<SessionAnswer>('/api/auth/me')
      .then(accept)
      .catch(() => {
        setStaff(null);
        setPending(null);
      });
  }, [accept]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const logOut = useCallback(async () => {
    await api('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    setCsrfToken(undefined);
    setStaff(null);
    setPending(null);
  }, []);
  return <SessionContext.Provider value={{ staff, pending, accept, refresh, logOut }}>{children}</SessionContext.Provider>;
}

export function useStaffSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useStaffSession outside StaffSessionProvider');
  return session;
}
