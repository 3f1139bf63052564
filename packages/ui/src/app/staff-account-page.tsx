import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ErrorSummary } from '../ErrorSummary';
import type { UiLanguage } from '../localize';
import { AccountField, type FieldProblem } from './account-field';
import { api, ApiError } from './api';
import { formatDateTime } from './language';
import { PageHeading } from './page-heading';
import { RecoveryCodes } from './recovery-codes';
import { SecondFactorEnrolment } from './second-factor-enrolment';
import { useStaffSession, type StaffMember } from './staff-session';
import { staffTexts } from './staff-texts';
import { useLoad } from './use-load';

type Texts = ReturnType<typeof staffTexts>;
type Report = (problems: FieldProblem[]) => void;

interface SessionView {
  id: string;
  current: boolean;
  stage: 'complete' | 'second-factor' | 'enrol-second-factor';
  startedAt: string;
  lastSeenAt: string | null;
  expiresAt: string;
  browser: string | null;
  system: string | null;
}

const MIN_PASSWORD = 12;
const MAX_PASSWORD = 256;

/**
 * A staff member's own account, the same in every staff front end: who is logged in, the password, the second
 * factor (enrol with a QR code, recovery codes, turn off where allowed) and the devices logged in. A front end
 * adds its own settings as children (the Inbox: the daily e-mail).
 */
export function StaffAccountPage({ appName, language, children }: { appName: string; language: UiLanguage; children?: ReactNode }): ReactNode {
  const t = staffTexts(language);
  const { staff } = useStaffSession();
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [attempt, setAttempt] = useState(0);
  // Bumped when something may have ended other sessions, so the list is read again.
  const [sessionsVersion, setSessionsVersion] = useState(0);
  const report: Report = (next) => {
    setProblems(next);
    if (next.length > 0) setAttempt((n) => n + 1);
  };
  if (!staff) return null;
  const reloadSessions = () => setSessionsVersion((n) => n + 1);
  return (
    <div className="aw-account">
      <ErrorSummary errors={problems.map((p) => ({ pointer: `#${p.id}`, message: p.message }))} uiLanguage={language} focusKey={attempt} title={t.problemTitle} />
      <PageHeading title={`${t.account} – ${appName}`}>{t.account}</PageHeading>
      <p>{t.accountIntro(staff.displayName, staff.email)}</p>
      <dl className="aw-account-facts">
        <dt>{t.organisation}</dt>
        <dd>{staff.organisation.name}</dd>
        <dt>{t.roles}</dt>
        <dd>{staff.roles.length > 0 ? staff.roles.map((role) => roleName(t, role)).join(', ') : t.noRoles}</dd>
      </dl>
      <PasswordSection t={t} report={report} onChanged={reloadSessions} />
      <SecondFactorSection t={t} staff={staff} language={language} report={report} onChanged={reloadSessions} />
      <SessionsSection t={t} language={language} version={sessionsVersion} />
      {children}
    </div>
  );
}

function roleName(t: Texts, role: string): string {
  const key = `role.${role}` as keyof Texts;
  return key in t ? (t[key] as string) : role;
}

function PasswordSection({ t, report, onChanged }: { t: Texts; report: Report; onChanged: () => void }): ReactNode {
  const [values, setValues] = useState({ current: '', next: '', repeat: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const show = (found: Record<string, string>) => {
    setErrors(found);
    report(Object.entries(found).map(([id, message]) => ({ id, message })));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setDone(false);
    setFailure(undefined);
    const found: Record<string, string> = {};
    if (values.current === '') found['current-password'] = t.required(t.currentPassword);
    if (values.next === '') found['new-password'] = t.required(t.newPassword);
    else if (values.next.length < MIN_PASSWORD) found['new-password'] = t.passwordTooShort;
    else if (values.next.length > MAX_PASSWORD) found['new-password'] = t.passwordTooLong;
    else if (values.next === values.current) found['new-password'] = t.passwordSame;
    if (values.repeat === '') found['repeat-password'] = t.required(t.repeatPassword);
    else if (values.next !== '' && values.repeat !== values.next) found['repeat-password'] = t.passwordsDiffer;
    if (Object.keys(found).length > 0) return show(found);
    setBusy(true);
    try {
      await api('/api/auth/password', { method: 'PUT', body: { currentPassword: values.current, newPassword: values.next } });
      show({});
      setValues({ current: '', next: '', repeat: '' });
      setDone(true);
      onChanged();
    } catch (error) {
      if (!(error instanceof ApiError)) return setFailure(t.saveFailed);
      const onNew = error.code === 'PASSWORD_TOO_WEAK' || error.errors.some((e) => e.path === '/body/newPassword');
      if (error.code === 'INVALID_CREDENTIALS') show({ 'current-password': error.message });
      else if (onNew) show({ 'new-password': error.errors.find((e) => e.path === '/body/newPassword')?.message ?? error.message });
      else setFailure(error.message);
    } finally {
      setBusy(false);
    }
  };

  const set = (key: keyof typeof values) => (value: string) => setValues((current) => ({ ...current, [key]: value }));
  return (
    <section aria-labelledby="password-title">
      <h2 id="password-title">{t.passwordTitle}</h2>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <AccountField id="current-password" label={t.currentPassword} type="password" autoComplete="current-password" value={values.current} onChange={set('current')} error={errors['current-password']} />
        <AccountField id="new-password" label={t.newPassword} hint={t.newPasswordHint} type="password" autoComplete="new-password" value={values.next} onChange={set('next')} error={errors['new-password']} />
        <AccountField id="repeat-password" label={t.repeatPassword} type="password" autoComplete="new-password" value={values.repeat} onChange={set('repeat')} error={errors['repeat-password']} />
        <button type="submit" className="aw-button" aria-disabled={busy}>
          {t.changePassword}
        </button>
        <div role="status">{done ? <p className="pt-notice pt-notice--success">{t.passwordChanged}</p> : null}</div>
        <div role="alert">{failure ? <p className="pt-notice pt-notice--error">{failure}</p> : null}</div>
      </form>
    </section>
  );
}

function SecondFactorSection({
  t,
  staff,
  language,
  report,
  onChanged,
}: {
  t: Texts;
  staff: StaffMember;
  language: UiLanguage;
  report: Report;
  onChanged: () => void;
}): ReactNode {
  const { refresh } = useStaffSession();
  const [mode, setMode] = useState<'idle' | 'enrolling' | { recoveryCodes: string[] }>('idle');
  const [message, setMessage] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const { enabled, required, recoveryCodesLeft } = staff.secondFactor;

  // What was pressed is gone with the part it belonged to: the focus goes back to the section's heading.
  const backToStart = () => {
    setMode('idle');
    report([]);
    heading.current?.focus();
  };
  const finish = (text: string) => {
    backToStart();
    setMessage(text);
    void refresh();
    onChanged();
  };

  return (
    <section aria-labelledby="second-factor-title">
      <h2 id="second-factor-title" ref={heading} tabIndex={-1}>
        {t.secondFactorTitle}
      </h2>
      {typeof mode === 'object' ? (
        <RecoveryCodes
          codes={mode.recoveryCodes}
          email={staff.email}
          organisation={staff.organisation.name}
          language={language}
          headingLevel={3}
          onKept={() => finish(enabled ? '' : t.enrolled)}
        />
      ) : mode === 'enrolling' ? (
        <>
          <SecondFactorEnrolment email={staff.email} language={language} headingLevel={3} onProblems={report} onEnrolled={(recoveryCodes) => setMode({ recoveryCodes })} />
          <button type="button" className="aw-button aw-button--secondary" onClick={backToStart}>
            {t.cancel}
          </button>
        </>
      ) : (
        <>
          <p>{enabled ? t.secondFactorOn : t.secondFactorOff}</p>
          {required ? <p>{t.secondFactorRequired}</p> : null}
          {enabled ? <p>{t.recoveryLeft(recoveryCodesLeft)}</p> : null}
          {!enabled ? (
            <button
              type="button"
              className="aw-button"
              onClick={() => {
                setMessage('');
                setMode('enrolling');
              }}
            >
              {t.startEnrolment}
            </button>
          ) : (
            <>
              <CodeForm
                t={t}
                id="recovery-renewal-code"
                title={t.newRecoveryCodes}
                hint={t.newRecoveryCodesHint}
                label={t.confirmWithAppCode}
                report={report}
                send={async (code) => {
                  const answer = await api<{ recoveryCodes: string[] }>('/api/auth/second-factor/recovery-codes', { method: 'POST', body: { code } });
                  setMessage('');
                  setMode({ recoveryCodes: answer.recoveryCodes });
                }}
              />
              {!required ? (
                <CodeForm
                  t={t}
                  id="turn-off-code"
                  title={t.turnOff}
                  hint={t.turnOffHint}
                  label={t.confirmWithCode}
                  report={report}
                  danger
                  send={async (code) => {
                    await api('/api/auth/second-factor', { method: 'DELETE', body: { code } });
                    finish(t.turnedOff);
                  }}
                />
              ) : null}
            </>
          )}
        </>
      )}
      <div role="status">{message ? <p className="pt-notice pt-notice--success">{message}</p> : null}</div>
    </section>
  );
}

/** A small form asking for a code to confirm something (new recovery codes, turning the factor off). */
function CodeForm({
  t,
  id,
  title,
  hint,
  label,
  report,
  send,
  danger = false,
}: {
  t: Texts;
  id: string;
  title: string;
  hint: string;
  label: string;
  report: Report;
  send: (code: string) => Promise<void>;
  danger?: boolean;
}): ReactNode {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const fail = (message: string) => {
    setError(message);
    report([{ id, message }]);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const typed = code.trim();
    if (typed === '') return fail(t.required(label));
    setBusy(true);
    try {
      await send(typed);
      setError(undefined);
      setCode('');
      report([]);
    } catch (failure) {
      fail(failure instanceof ApiError ? (failure.errors[0]?.message ?? failure.message) : t.saveFailed);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="aw-code-form" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <AccountField id={id} label={label} hint={hint} value={code} onChange={setCode} error={error} autoComplete="one-time-code" short />
      <button type="submit" className={`aw-button${danger ? ' aw-button--warning' : ' aw-button--secondary'}`} aria-disabled={busy}>
        {title}
      </button>
    </form>
  );
}

function deviceName(t: Texts, session: SessionView): string {
  return t.browserOn(session.browser ?? t.unknownBrowser, session.system ?? t.unknownSystem);
}

function SessionsSection({ t, language, version }: { t: Texts; language: UiLanguage; version: number }): ReactNode {
  const [ended, setEnded] = useState(0);
  const [message, setMessage] = useState('');
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const heading = useRef<HTMLHeadingElement>(null);
  const loaded = useLoad(() => api<{ sessions: SessionView[] }>('/api/auth/sessions'), [version, ended, language]);

  const act = async (request: () => Promise<unknown>, done: string) => {
    setFailure(undefined);
    setMessage('');
    try {
      await request();
      setMessage(done);
    } catch (error) {
      setFailure(error instanceof ApiError ? error.message : t.saveFailed);
    }
    setEnded((n) => n + 1);
    // The button pressed is gone with its row: the focus goes to the section, whose status says what happened.
    heading.current?.focus();
  };

  const others = loaded.state === 'done' ? loaded.value.sessions.filter((s) => !s.current) : [];
  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title" ref={heading} tabIndex={-1}>
        {t.sessionsTitle}
      </h2>
      <p>{t.sessionsIntro}</p>
      {loaded.state === 'loading' ? <p role="status">{t.loading}</p> : null}
      {loaded.state === 'failed' ? (
        <div className="pt-notice pt-notice--error" role="alert">
          <p>{loaded.error instanceof ApiError ? loaded.error.message : t.loadFailed}</p>
          <button type="button" className="aw-button aw-button--secondary" onClick={loaded.retry}>
            {t.tryAgain}
          </button>
        </div>
      ) : null}
      {loaded.state === 'done' ? (
        <>
          <table className="aw-sessions">
            <caption className="aw-visually-hidden">{t.sessionsCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.device}</th>
                <th scope="col">{t.since}</th>
                <th scope="col">{t.lastSeen}</th>
                <th scope="col">{t.until}</th>
                <th scope="col">{t.action}</th>
              </tr>
            </thead>
            <tbody>
              {loaded.value.sessions.map((session) => {
                const device = deviceName(t, session);
                const since = formatDateTime(session.startedAt, language);
                return (
                  <tr key={session.id} className={session.current ? 'aw-session--current' : undefined}>
                    <th scope="row">
                      {device}
                      {session.stage === 'second-factor' ? <span className="aw-session-note">{t.halfLogin}</span> : null}
                    </th>
                    <td>{since}</td>
                    <td>{session.current ? t.now : session.lastSeenAt ? formatDateTime(session.lastSeenAt, language) : '–'}</td>
                    <td>{formatDateTime(session.expiresAt, language)}</td>
                    <td>
                      {session.current ? (
                        <strong>{t.thisSession}</strong>
                      ) : (
                        <button
                          type="button"
                          className="aw-button aw-button--secondary aw-small-button"
                          aria-label={t.endSessionLabel(device, since)}
                          onClick={() => void act(() => api(`/api/auth/sessions/${encodeURIComponent(session.id)}`, { method: 'DELETE' }), t.sessionEnded(device))}
                        >
                          {t.endSession}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {others.length > 0 ? (
            <button type="button" className="aw-button aw-button--secondary" onClick={() => void act(() => api('/api/auth/logout-others', { method: 'POST' }), t.othersEnded)}>
              {t.endOthers}
            </button>
          ) : (
            <p>{t.noOtherSessions}</p>
          )}
        </>
      ) : null}
      <div role="status">{message ? <p className="pt-notice pt-notice--success">{message}</p> : null}</div>
      <div role="alert">{failure ? <p className="pt-notice pt-notice--error">{failure}</p> : null}</div>
    </section>
  );
}
