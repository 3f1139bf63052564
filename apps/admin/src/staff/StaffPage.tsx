import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ErrorSummary, type SummaryError } from '@amtsweg/ui';
import { accountPathOf, ApiError, formatDateTime, Link, PageHeading, useStaffSession } from '@amtsweg/ui/app';
import { Field } from '../form-field';
import { forgetHandedMessage, forgetHandedSecret, readHandedMessage, readHandedSecret } from '../handoff';
import { formatMoment, useLanguage } from '../i18n';
import { ConfirmPanel } from '../webhooks/ConfirmPanel';
import { refusalByField } from './account-fields';
import { generatePassword } from './generate-password';
import { RoleCheckboxes, firstRoleId } from './RoleCheckboxes';
import { ServiceRoles } from './ServiceRoles';
import { ShownOncePanel } from './ShownOncePanel';
import { changeAccount, loadAccount, loadServicesWithRoles, STAFF_ROLES, type AccountChanges, type ServiceWithRoles, type StaffAccount } from './staff-api';
import { STAFF_PATH } from './staff-paths';
import { staffRoleList } from './staff-words';
import { AccountState } from './StaffListPage';
import './staff.css';

type Panel = 'none' | 'reset' | 'password' | 'deactivate';

/** A password this page shows once: the initial one handed over on creating the account, or a new one set here. */
interface ShownPassword {
  value: string;
  kind: 'initial' | 'new';
}

/**
 * One staff account: its facts, name and staff roles, access (lift a lock, reset a lost second factor, set a new
 * password, deactivate and reactivate — the last two never on one's own), and its roles in services granted and
 * revoked one at a time.
 * Every change is confirmed in the status region; every refusal is named in the error summary.
 */
export function StaffPage({ userId }: { userId: string }): ReactNode {
  const { t, language } = useLanguage();
  const { staff: me } = useStaffSession();
  const [account, setAccount] = useState<StaffAccount | undefined>(undefined);
  const [services, setServices] = useState<ServiceWithRoles[]>([]);
  const [loadProblem, setLoadProblem] = useState<{ status: number; message: string } | null>(null);
  const [message, setMessage] = useState<string | null>(() => readHandedMessage() ?? null);
  const [password, setPassword] = useState<ShownPassword | undefined>(() => {
    const initial = readHandedSecret(userId);
    return initial ? { value: initial, kind: 'initial' } : undefined;
  });
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [panel, setPanel] = useState<Panel>('none');
  const messageRef = useRef<HTMLParagraphElement>(null);
  const sending = useRef(false);
  const buttons = {
    reset: useRef<HTMLButtonElement>(null),
    password: useRef<HTMLButtonElement>(null),
    deactivate: useRef<HTMLButtonElement>(null),
    name: useRef<HTMLInputElement>(null),
  };

  // The password and the message are shown on this first visit only.
  useEffect(() => {
    forgetHandedSecret(userId);
    forgetHandedMessage();
  }, [userId]);

  useEffect(() => {
    Promise.all([loadAccount(userId), loadServicesWithRoles()]).then(
      ([loadedAccount, loadedServices]) => {
        setAccount(loadedAccount);
        setServices(loadedServices);
      },
      (error: unknown) => setLoadProblem(error instanceof ApiError ? { status: error.status, message: error.message } : { status: 0, message: t('loadFailed') }),
    );
  }, [userId]);

  const done = (text: string, focusMessage = false) => {
    setErrors([]);
    setMessage(text);
    if (focusMessage) setTimeout(() => messageRef.current?.focus());
  };
  const refuse = (problems: SummaryError[]) => {
    setMessage(null);
    setErrors(problems);
    setAttempt((n) => n + 1);
  };
  /**
   * A change by a button: the outcome in the status region, a refusal in the summary at the button. A password it
   * sets is shown once, and its panel takes the focus instead of the status message.
   */
  const act = async (changes: AccountChanges, text: string, button: string) => {
    // A second click while the first is on its way would set a password other than the one shown.
    if (sending.current) return;
    sending.current = true;
    try {
      setAccount(await changeAccount(userId, changes));
      setPanel('none');
      if (changes.password) setPassword({ value: changes.password, kind: 'new' });
      done(text, !changes.password);
    } catch (error) {
      setPanel('none');
      refuse([{ pointer: `#${button}`, message: error instanceof ApiError ? error.message : t('saveFailed') }]);
    } finally {
      sending.current = false;
    }
  };

  if (!account) {
    if (loadProblem?.status === 404) {
      return (
        <>
          <BackLink />
          <PageHeading title={`${t('staff.accountMissing')} – ${t('appName')}`}>{t('staff.accountMissing')}</PageHeading>
        </>
      );
    }
    return loadProblem ? (
      <p className="pt-notice pt-notice--error" role="alert">
        {loadProblem.message}
      </p>
    ) : (
      <p role="status">{t('loading')}</p>
    );
  }

  const isSelf = me?.id === account.id;
  // The operator's account reaches every organisation of the installation: only an operator changes it (the server
  // refuses everyone else), so the page shows it without the controls.
  const operatorOnly = account.roles.includes('operator') && !isSelf && !me?.permissions.includes('organisations:manage');
  return (
    <>
      <BackLink />
      <p className="pt-caption">{t('staff.staffTitle')}</p>
      <PageHeading title={`${account.displayName} – ${t('staff.staffTitle')} – ${t('appName')}`}>
        {account.displayName}
        {isSelf ? <> {t('staff.you')}</> : null}
      </PageHeading>
      <ErrorSummary errors={errors} uiLanguage={language} focusKey={attempt} title={t('problemTitle')} />
      <p ref={messageRef} tabIndex={-1} role="status" className={message ? 'pt-notice pt-notice--success' : 'ad-empty-status'}>
        {message}
      </p>
      {password ? (
        <ShownOncePanel
          id={`${password.kind}-password`}
          value={password.value}
          texts={{
            title: password.kind === 'new' ? t('staff.newPasswordTitle') : t('staff.passwordTitle'),
            note: password.kind === 'new' ? t('staff.newPasswordNote') : t('staff.passwordNote'),
            label: password.kind === 'new' ? t('staff.newPassword') : t('staff.initialPassword'),
            copy: t('staff.copyPassword'),
            copied: t('staff.passwordCopied'),
            copyFailed: t('staff.passwordCopyFailed'),
            done: t('staff.passwordDone'),
          }}
          onDone={() => {
            setPassword(undefined);
            // Back to where the administrator came from: the new password's button, or the fresh account's name.
            const target = password.kind === 'new' ? buttons.password : buttons.name;
            setTimeout(() => target.current?.focus());
          }}
        />
      ) : null}
      <dl className="ad-facts">
        <div>
          <dt>{t('staff.email')}</dt>
          <dd className="ad-url">{account.email}</dd>
        </div>
        <div>
          <dt>{t('staff.roles')}</dt>
          <dd>{staffRoleList(t, account.roles)}</dd>
        </div>
        <div>
          <dt>{t('staff.secondFactor')}</dt>
          <dd>{account.secondFactorEnabled ? t('staff.secondFactorYes') : t('staff.secondFactorNo')}</dd>
        </div>
        <div>
          <dt>{t('staff.accountState')}</dt>
          <dd>
            <AccountState account={account} language={language} />
          </dd>
        </div>
        <div>
          <dt>{t('staff.createdAt')}</dt>
          <dd>{formatDateTime(account.createdAt, language, false)}</dd>
        </div>
      </dl>

      {operatorOnly ? (
        <p className="pt-notice">{t('staff.operatorOnly')}</p>
      ) : (
        <>
          <NameAndRoles
            account={account}
            isSelf={isSelf}
            nameRef={buttons.name}
            onSaved={(next, text) => {
              if (next) setAccount(next);
              done(text);
            }}
            onRefused={refuse}
          />

          <section aria-labelledby="access-title" className="ad-section st-actions-list">
            <h2 id="access-title">{t('staff.access')}</h2>
            {account.lockedUntil || account.failedLogins > 0 ? (
              <div>
                <p>{t('staff.recentFailures')(account.failedLogins)}</p>
                {account.lockedUntil ? <p>{t('staff.waitingText')(account.waitingClients, formatMoment(account.lockedUntil, language))}</p> : null}
                <button id="unlock" type="button" className="aw-button aw-button--secondary" onClick={() => void act({ unlock: true }, t('staff.unlocked'), 'unlock')}>
                  {t('staff.unlock')}
                </button>
              </div>
            ) : null}
            <div>
              <p>{account.secondFactorEnabled ? t('staff.secondFactorOn') : t('staff.secondFactorOff')}</p>
              {account.secondFactorEnabled ? (
                <button
                  id="reset-second-factor"
                  ref={buttons.reset}
                  type="button"
                  className="aw-button aw-button--secondary"
                  aria-expanded={panel === 'reset'}
                  onClick={() => setPanel(panel === 'reset' ? 'none' : 'reset')}
                >
                  {t('staff.resetSecondFactor')}
                </button>
              ) : null}
              {panel === 'reset' ? (
                <ConfirmPanel
                  id="reset-confirm"
                  danger
                  question={t('staff.resetSecondFactorQuestion')}
                  confirmLabel={t('staff.resetSecondFactorYes')}
                  onCancel={() => {
                    setPanel('none');
                    setTimeout(() => buttons.reset.current?.focus());
                  }}
                  onConfirm={() => void act({ resetSecondFactor: true }, t('staff.secondFactorWasReset'), 'reset-second-factor')}
                />
              ) : null}
            </div>
            <div>
              {isSelf ? (
                <p>
                  {t('staff.ownPasswordText')} <Link to={accountPathOf('admin')}>{t('staff.myAccount')}</Link>
                </p>
              ) : (
                <>
                  <p>{t('staff.setPasswordText')}</p>
                  <button
                    id="set-password"
                    ref={buttons.password}
                    type="button"
                    className="aw-button aw-button--secondary"
                    aria-expanded={panel === 'password'}
                    onClick={() => setPanel(panel === 'password' ? 'none' : 'password')}
                  >
                    {t('staff.setPassword')}
                  </button>
                  {panel === 'password' ? (
                    <ConfirmPanel
                      id="password-confirm"
                      danger
                      question={t('staff.setPasswordQuestion')}
                      confirmLabel={t('staff.setPasswordYes')}
                      onCancel={() => {
                        setPanel('none');
                        setTimeout(() => buttons.password.current?.focus());
                      }}
                      onConfirm={() => void act({ password: generatePassword() }, t('staff.passwordWasSet')(account.displayName), 'set-password')}
                    />
                  ) : null}
                </>
              )}
            </div>
            <div>
              {isSelf ? (
                <p>{t('staff.selfText')}</p>
              ) : account.disabled ? (
                <>
                  <p>{t('staff.disabledText')}</p>
                  <button id="reactivate" type="button" className="aw-button aw-button--secondary" onClick={() => void act({ disabled: false }, t('staff.reactivated'), 'reactivate')}>
                    {t('staff.reactivate')}
                  </button>
                </>
              ) : (
                <>
                  <button
                    id="deactivate"
                    ref={buttons.deactivate}
                    type="button"
                    className="aw-button ad-button--danger"
                    aria-expanded={panel === 'deactivate'}
                    onClick={() => setPanel(panel === 'deactivate' ? 'none' : 'deactivate')}
                  >
                    {t('staff.deactivate')}
                  </button>
                  {panel === 'deactivate' ? (
                    <ConfirmPanel
                      id="deactivate-confirm"
                      danger
                      question={t('staff.deactivateQuestion')}
                      confirmLabel={t('staff.deactivateYes')}
                      onCancel={() => {
                        setPanel('none');
                        setTimeout(() => buttons.deactivate.current?.focus());
                      }}
                      onConfirm={() => void act({ disabled: true }, t('staff.deactivated'), 'deactivate')}
                    />
                  ) : null}
                </>
              )}
            </div>
          </section>
        </>
      )}

      <ServiceRoles
        account={account}
        services={services}
        onChanged={(next, text, focusMessage) => {
          setAccount(next);
          done(text, focusMessage);
        }}
        onRefused={refuse}
      />
    </>
  );
}

/** The account's name and staff roles, saved together; only what changed is sent. */
function NameAndRoles({
  account,
  isSelf,
  nameRef,
  onSaved,
  onRefused,
}: {
  account: StaffAccount;
  isSelf: boolean;
  nameRef: React.RefObject<HTMLInputElement | null>;
  onSaved: (account: StaffAccount | undefined, message: string) => void;
  onRefused: (errors: SummaryError[]) => void;
}): ReactNode {
  const { t } = useLanguage();
  const staffRoles = account.roles.filter((role) => (STAFF_ROLES as readonly string[]).includes(role));
  const [name, setName] = useState(account.displayName);
  const [roles, setRoles] = useState<string[]>(staffRoles);
  const [fieldErrors, setFieldErrors] = useState<{ displayName?: string; roles?: string }>({});
  const [busy, setBusy] = useState(false);
  const ids = { displayName: 'account-name', roles: firstRoleId('account') };

  const fail = (problems: [keyof typeof ids, string][]) => {
    setFieldErrors(Object.fromEntries(problems));
    onRefused(problems.map(([field, message]) => ({ pointer: `#${ids[field]}`, message })));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const problems: [keyof typeof ids, string][] = [];
    if (!name.trim()) problems.push(['displayName', t('staff.nameRequired')]);
    else if (name.trim().length > 200) problems.push(['displayName', t('staff.nameTooLong')]);
    if (roles.length === 0) problems.push(['roles', t('staff.rolesRequired')]);
    if (problems.length > 0) return fail(problems);
    const changes: AccountChanges = {};
    if (name.trim() !== account.displayName) changes.displayName = name.trim();
    if ([...roles].sort().join() !== [...staffRoles].sort().join()) changes.roles = roles;
    setFieldErrors({});
    if (Object.keys(changes).length === 0) return onSaved(undefined, t('staff.nothingChanged'));
    setBusy(true);
    try {
      onSaved(await changeAccount(account.id, changes), t('staff.changesSaved'));
    } catch (error) {
      const friendly = { displayName: t('staff.nameRequired'), email: t('staff.emailInvalid'), roles: t('staff.rolesRequired'), password: t('staff.passwordTooShort') };
      const refusal = error instanceof ApiError ? refusalByField(error.errors, error.message, friendly, 'displayName') : ([['displayName', t('saveFailed')]] as const);
      fail(refusal.map(([field, message]) => [field === 'roles' ? 'roles' : 'displayName', message]));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="name-roles-title" className="ad-section ad-narrow">
      <h2 id="name-roles-title">{t('staff.nameAndRoles')}</h2>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <Field id={ids.displayName} label={t('staff.name')} hint={t('staff.displayNameHint')} error={fieldErrors.displayName}>
          {(description) => (
            <input
              id={ids.displayName}
              ref={nameRef}
              className="aw-input ad-input--wide"
              type="text"
              autoComplete="off"
              value={name}
              onChange={(event) => setName(event.target.value)}
              {...description}
            />
          )}
        </Field>
        <RoleCheckboxes
          idPrefix="account"
          value={roles}
          onChange={setRoles}
          error={fieldErrors.roles}
          locked={isSelf ? ['administrator'] : []}
          lockedHint={t('staff.ownAdminHint')}
        />
        {account.roles.includes('operator') ? <p className="st-muted">{`${t('staff.role.operator')}: ${t('staff.roleHint.operator')}`}</p> : null}
        <div className="pt-actions">
          <button type="submit" className="aw-button" aria-disabled={busy}>
            {t('staff.saveChanges')}
          </button>
        </div>
      </form>
    </section>
  );
}

function BackLink(): ReactNode {
  const { t } = useLanguage();
  return (
    <p>
      <Link to={`${STAFF_PATH}/`} className="pt-back-link">
        {t('staff.backToStaff')}
      </Link>
    </p>
  );
}

