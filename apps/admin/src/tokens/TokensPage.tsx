import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ErrorSummary, type SummaryError } from '@amtsweg/ui';
import { ApiError, formatDateTime, PageHeading, useStaffSession } from '@amtsweg/ui/app';
import { Field, FieldMessage } from '../form-field';
import { formatMoment, useLanguage, type Translate } from '../i18n';
import { ShownOncePanel } from '../staff/ShownOncePanel';
import { ConfirmPanel } from '../webhooks/ConfirmPanel';
import { createToken, endOfBerlinDay, loadTokens, revokeToken, TOKEN_SCOPES, type ApiTokenInfo } from './tokens-api';
import '../staff/staff.css';

type TokenField = 'name' | 'scopes' | 'expiresAt';
const IDS: Record<TokenField, string> = { name: 'token-name', scopes: 'token-scope-0', expiresAt: 'token-expiry' };

interface Values {
  name: string;
  scopes: string[];
  expiry: string;
}

/**
 * API tokens: what they are, the form that creates one for the person logged in (name, scopes their roles grant,
 * expiry) and shows the token once with a copy button, and the list of the organisation's tokens (whom each acts
 * for, scopes, created, last used, expiry, revoked) with revoking behind a question. A token acts only for the
 * person who creates it (issue 18): there is no choosing another account.
 */
export function TokensPage(): ReactNode {
  const { t, language } = useLanguage();
  const { staff } = useStaffSession();
  // Only what the person's own roles grant: a token can never do more than its creator.
  const offered = TOKEN_SCOPES.filter((scope) => staff?.permissions.includes(scope));
  const initialScopes = offered.slice(0, 1);
  const [tokens, setTokens] = useState<ApiTokenInfo[] | undefined>(undefined);
  const [problem, setProblem] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | undefined>(undefined);
  const [values, setValues] = useState<Values>({ name: '', scopes: initialScopes, expiry: '' });
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [revoking, setRevoking] = useState<ApiTokenInfo | undefined>(undefined);
  const messageRef = useRef<HTMLParagraphElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    loadTokens().then(
      (loadedTokens) => setTokens(loadedTokens),
      (error: unknown) => setProblem(error instanceof ApiError ? error.message : t('loadFailed')),
    );
  }, []);

  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((current) => ({ ...current, [key]: value }));
  const fail = (problems: [TokenField, string][]) => {
    setMessage(null);
    setErrors(problems.map(([field, text]) => ({ pointer: `#${IDS[field]}`, message: text })));
    setAttempt((n) => n + 1);
  };
  const errorOf = (field: TokenField) => errors.find((error) => error.pointer === `#${IDS[field]}`)?.message;

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const problems = checkValues(values, t);
    if (problems.length > 0) return fail(problems);
    setBusy(true);
    try {
      const created = await createToken({ name: values.name.trim(), scopes: values.scopes, ...(values.expiry ? { expiresAt: endOfBerlinDay(values.expiry) } : {}) });
      setTokens((current) => [created.apiToken, ...(current ?? [])]);
      setErrors([]);
      setValues({ name: '', scopes: initialScopes, expiry: '' });
      setMessage(t('tokens.created')(created.apiToken.name));
      setSecret(created.token);
    } catch (error) {
      fail(describeRefusal(error, t));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (token: ApiTokenInfo) => {
    try {
      await revokeToken(token.id);
      setTokens((current) => current?.map((entry) => (entry.id === token.id ? { ...entry, revokedAt: new Date().toISOString() } : entry)));
      setErrors([]);
      setMessage(t('tokens.revoked')(token.name));
    } catch (error) {
      setMessage(null);
      setErrors([{ pointer: `#revoke-${token.id}`, message: error instanceof ApiError ? error.message : t('saveFailed') }]);
      setAttempt((n) => n + 1);
    }
    setRevoking(undefined);
    // The button is gone with the token's validity: the keyboard goes on from the message.
    setTimeout(() => messageRef.current?.focus());
  };

  const scopesError = errorOf('scopes');
  return (
    <>
      <PageHeading title={`${t('tokens.title')} – ${t('appName')}`}>{t('tokens.title')}</PageHeading>
      <p className="ad-lead">{t('tokens.intro')}</p>
      <ErrorSummary errors={errors} uiLanguage={language} focusKey={attempt} title={t('problemTitle')} />
      {problem ? (
        <p className="pt-notice pt-notice--error" role="alert">
          {problem}
        </p>
      ) : null}
      <p ref={messageRef} tabIndex={-1} role="status" className={message ? 'pt-notice pt-notice--success' : 'ad-empty-status'}>
        {message}
      </p>
      {secret ? (
        <ShownOncePanel
          id="new-token"
          value={secret}
          texts={{
            title: t('tokens.secretTitle'),
            note: t('tokens.secretNote'),
            label: t('tokens.secretLabel'),
            copy: t('tokens.copy'),
            copied: t('tokens.copied'),
            copyFailed: t('tokens.copyFailed'),
            done: t('tokens.secretDone'),
          }}
          onDone={() => {
            setSecret(undefined);
            setTimeout(() => messageRef.current?.focus());
          }}
        />
      ) : null}
      {tokens === undefined && !problem ? <p role="status">{t('loading')}</p> : null}
      {tokens !== undefined ? (
        <>
          <section aria-labelledby="create-token-title" className="ad-section ad-narrow">
            <h2 id="create-token-title">{t('tokens.createTitle')}</h2>
            <p id="token-acts-for">{t('tokens.actsForYou')(staff?.displayName ?? '')}</p>
            {offered.length === 0 ? (
              <p className="pt-notice">{t('tokens.noScopes')}</p>
            ) : (
              <form noValidate onSubmit={(event) => void create(event)} aria-describedby="token-acts-for">
                <Field id={IDS.name} label={t('tokens.name')} hint={t('tokens.nameHint')} error={errorOf('name')}>
                  {(description) => (
                    <input id={IDS.name} ref={nameRef} className="aw-input ad-input--wide" type="text" autoComplete="off" value={values.name} onChange={(event) => set('name', event.target.value)} {...description} />
                  )}
                </Field>
                <div className={`aw-field${scopesError ? ' aw-field--error' : ''}`}>
                  <fieldset className="aw-fieldset" aria-describedby={['token-scopes-hint', scopesError ? 'token-scopes-error' : ''].filter(Boolean).join(' ')}>
                    <legend className="aw-label">{t('tokens.scopes')}</legend>
                    <p id="token-scopes-hint" className="aw-hint">
                      {t('tokens.scopesHint')}
                    </p>
                    <FieldMessage id="token-scopes" error={scopesError} />
                    {offered.map((scope, index) => (
                      <div key={scope} className="aw-choice">
                        <input
                          id={`token-scope-${index}`}
                          type="checkbox"
                          checked={values.scopes.includes(scope)}
                          onChange={(event) => set('scopes', event.target.checked ? offered.filter((s) => s === scope || values.scopes.includes(s)) : values.scopes.filter((s) => s !== scope))}
                        />
                        <label htmlFor={`token-scope-${index}`}>
                          {t(`tokens.scope.${scope}`)} <code className="ad-event-id">{scope}</code>
                        </label>
                      </div>
                    ))}
                  </fieldset>
                </div>
                <Field
                  id={IDS.expiresAt}
                  label={
                    <>
                      {t('tokens.expiry')} <span className="aw-optional">{t('optional')}</span>
                    </>
                  }
                  hint={t('tokens.expiryHint')}
                  error={errorOf('expiresAt')}
                >
                  {(description) => (
                    <input id={IDS.expiresAt} className="aw-input aw-input--date" type="date" value={values.expiry} onChange={(event) => set('expiry', event.target.value)} {...description} />
                  )}
                </Field>
                <div className="pt-actions">
                  <button type="submit" className="aw-button" aria-disabled={busy}>
                    {t('tokens.create')}
                  </button>
                </div>
              </form>
            )}
          </section>
          <section aria-labelledby="tokens-list-title" className="ad-section">
            <h2 id="tokens-list-title">{t('tokens.listTitle')}</h2>
            {tokens.length === 0 ? (
              <p>{t('tokens.empty')}</p>
            ) : (
              <table className="ad-table" aria-labelledby="tokens-list-title">
                <thead>
                  <tr>
                    <th scope="col">{t('tokens.name')}</th>
                    <th scope="col">{t('tokens.actsFor')}</th>
                    <th scope="col">{t('tokens.scopes')}</th>
                    <th scope="col">{t('tokens.createdAt')}</th>
                    <th scope="col">{t('tokens.lastUsed')}</th>
                    <th scope="col">{t('tokens.expires')}</th>
                    <th scope="col">{t('tokens.state')}</th>
                    <th scope="col">{t('tokens.action')}</th>
                  </tr>
                </thead>
                <tbody>
                  {tokens.map((token) => {
                    const expired = token.expiresAt !== null && Date.parse(token.expiresAt) <= Date.now();
                    return (
                      <tr key={token.id}>
                        <th scope="row">{token.name}</th>
                        <td>{token.userName ?? t('tokens.unknownAccount')}</td>
                        <td>{token.scopes.map((scope) => ((TOKEN_SCOPES as readonly string[]).includes(scope) ? t(`tokens.scope.${scope as (typeof TOKEN_SCOPES)[number]}`) : scope)).join(', ')}</td>
                        <td>
                          {formatDateTime(token.createdAt, language)}
                          {token.createdByName ? <span className="ad-last-attempt">{t('tokens.createdBy')(token.createdByName)}</span> : null}
                        </td>
                        <td>{token.lastUsedAt ? formatMoment(token.lastUsedAt, language) : t('tokens.never')}</td>
                        <td>{token.expiresAt ? formatDateTime(token.expiresAt, language) : t('tokens.noExpiry')}</td>
                        <td>
                          {token.revokedAt ? (
                            <span className="ad-status ad-status--failed">{t('tokens.revokedAt')(formatDateTime(token.revokedAt, language))}</span>
                          ) : expired ? (
                            <span className="ad-status ad-status--pending">{t('tokens.expired')}</span>
                          ) : (
                            <span className="ad-status ad-status--delivered">{t('tokens.active')}</span>
                          )}
                        </td>
                        <td>
                          {token.revokedAt ? null : (
                            <button
                              id={`revoke-${token.id}`}
                              type="button"
                              className="aw-link-button"
                              aria-expanded={revoking?.id === token.id}
                              aria-controls={revoking?.id === token.id ? 'revoke-confirm' : undefined}
                              onClick={() => setRevoking(revoking?.id === token.id ? undefined : token)}
                            >
                              {t('tokens.revoke')}
                              <span className="aw-visually-hidden">: {token.name}</span>
                            </button>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
            {revoking ? (
              <ConfirmPanel
                id="revoke-confirm"
                danger
                question={t('tokens.revokeQuestion')(revoking.name)}
                confirmLabel={t('tokens.revokeYes')}
                onCancel={() => {
                  const id = revoking.id;
                  setRevoking(undefined);
                  setTimeout(() => document.getElementById(`revoke-${id}`)?.focus());
                }}
                onConfirm={() => void revoke(revoking)}
              />
            ) : null}
          </section>
        </>
      ) : null}
    </>
  );
}

/** What can be told before asking the server, field by field. */
function checkValues(values: Values, t: Translate): [TokenField, string][] {
  const problems: [TokenField, string][] = [];
  const name = values.name.trim();
  if (!name) problems.push(['name', t('tokens.nameRequired')]);
  else if (name.length > 200) problems.push(['name', t('tokens.nameTooLong')]);
  if (values.scopes.length === 0) problems.push(['scopes', t('tokens.scopesRequired')]);
  if (values.expiry) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.expiry)) problems.push(['expiresAt', t('tokens.expiryInvalid')]);
    else if (Date.parse(endOfBerlinDay(values.expiry)) <= Date.now()) problems.push(['expiresAt', t('tokens.expiryPast')]);
  }
  return problems;
}

/** The server's refusal at the fields it names; one that names none goes to the name. */
function describeRefusal(error: unknown, t: Translate): [TokenField, string][] {
  if (!(error instanceof ApiError)) return [['name', t('saveFailed')]];
  const fields: TokenField[] = ['name', 'scopes', 'expiresAt'];
  const found = new Map<TokenField, string>();
  for (const entry of error.errors) {
    const field = fields.find((name) => entry.path === `/body/${name}` || entry.path.startsWith(`/body/${name}/`));
    if (field && !found.has(field)) found.set(field, entry.message);
  }
  return found.size > 0 ? [...found] : [['name', error.message]];
}
