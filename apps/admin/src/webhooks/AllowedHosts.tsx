import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ErrorSummary, type SummaryError } from '@amtsweg/ui';
import { ApiError } from '@amtsweg/ui/app';
import { Field } from '../form-field';
import { useLanguage, type Translate } from '../i18n';
import { hostEntryOf, isSchemaError } from './field-errors';
import { loadWebhookHosts, saveWebhookHosts } from './webhooks-api';

const INPUT = 'new-host';

/**
 * The organisation's allow-list of webhook hosts: each entry with a button to remove it, and a field to add one.
 * Every change is saved at once; what the server refuses (`/body/webhookHosts/N`) is named in the error summary
 * and at the field.
 */
export function AllowedHosts(): ReactNode {
  const { t, language } = useLanguage();
  const [hosts, setHosts] = useState<string[] | undefined>(undefined);
  const [problem, setProblem] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const messageRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    loadWebhookHosts().then(setHosts, (error: unknown) => setProblem(error instanceof ApiError ? error.message : t('loadFailed')));
    // Loaded once; the language only changes the words around it.
  }, []);

  const fail = (next: SummaryError[]) => {
    setErrors(next);
    setMessage(null);
    setAttempt((n) => n + 1);
  };

  const save = async (next: string[], done: string): Promise<boolean> => {
    setBusy(true);
    try {
      const saved = await saveWebhookHosts(next);
      setHosts(saved);
      setErrors([]);
      setProblem(null);
      setMessage(done);
      return true;
    } finally {
      setBusy(false);
    }
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !hosts) return;
    const value = draft.trim();
    if (!value) return fail([{ pointer: `#${INPUT}`, message: t('hostRequired') }]);
    if (hosts.some((host) => host.toLowerCase() === value.toLowerCase())) return fail([{ pointer: `#${INPUT}`, message: t('hostDuplicate')(value) }]);
    const next = [...hosts, value];
    try {
      if (await save(next, t('hostAdded')(value.toLowerCase()))) setDraft('');
    } catch (error) {
      fail(describeRefusal(error, next, t));
    }
  };

  const remove = async (host: string) => {
    if (busy || !hosts) return;
    try {
      await save(
        hosts.filter((entry) => entry !== host),
        t('hostRemoved')(host),
      );
    } catch (error) {
      setMessage(null);
      setProblem(error instanceof ApiError ? error.message : t('saveFailed'));
    }
    // The button is gone with its entry: the message says what happened, and the keyboard goes on from there.
    messageRef.current?.focus();
  };

  const fieldError = errors.find((error) => error.pointer === `#${INPUT}`)?.message;
  return (
    <section aria-labelledby="hosts-title" className="ad-section">
      <h2 id="hosts-title">{t('hostsTitle')}</h2>
      <ErrorSummary errors={errors} uiLanguage={language} focusKey={attempt} title={t('problemTitle')} />
      <p>{t('hostsIntro')}</p>
      {problem ? (
        <p className="pt-notice pt-notice--error" role="alert">
          {problem}
        </p>
      ) : null}
      <p ref={messageRef} tabIndex={-1} role="status" className={message ? 'pt-notice pt-notice--success' : 'ad-empty-status'}>
        {message}
      </p>
      {hosts === undefined ? (
        problem ? null : <p role="status">{t('loading')}</p>
      ) : hosts.length === 0 ? (
        <p>
          <strong>{t('hostsEmpty')}</strong>
        </p>
      ) : (
        <ul className="ad-hosts" aria-label={t('hostsListLabel')}>
          {hosts.map((host) => (
            <li key={host}>
              <code>{host}</code>
              <button type="button" className="aw-link-button" aria-disabled={busy} onClick={() => void remove(host)}>
                {t('removeHost')}
                <span className="aw-visually-hidden">: {host}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {hosts !== undefined ? (
        <form noValidate className="ad-add-host" onSubmit={(event) => void add(event)}>
          <Field id={INPUT} label={t('newHost')} hint={t('newHostHint')} error={fieldError}>
            {(description) => (
              <input
                id={INPUT}
                className="aw-input"
                type="text"
                inputMode="url"
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                value={draft}
                onChange={(event) => setDraft(event.target.value)}
                {...description}
              />
            )}
          </Field>
          <button type="submit" className="aw-button aw-button--secondary" aria-disabled={busy}>
            {t('addHost')}
          </button>
        </form>
      ) : null}
    </section>
  );
}

/** What the server refused, in the page's words, at the one field that adds an entry. */
function describeRefusal(error: unknown, sent: string[], t: Translate): SummaryError[] {
  const pointer = `#${INPUT}`;
  if (!(error instanceof ApiError)) return [{ pointer, message: t('saveFailed') }];
  const named = error.errors.filter((entry) => hostEntryOf(entry.path) !== undefined);
  if (named.length === 0) return [{ pointer, message: error.message }];
  const messages = named.map((entry) => {
    const index = hostEntryOf(entry.path);
    const value = typeof index === 'number' ? (sent[index] ?? '') : (sent.at(-1) ?? '');
    if (!isSchemaError(entry)) return entry.message;
    if (entry.code === 'uniqueItems') return t('hostDuplicate')(value);
    if (entry.code === 'maxItems') return t('hostTooMany');
    return t('hostInvalid')(value);
  });
  return [...new Set(messages)].map((message) => ({ pointer, message }));
}
