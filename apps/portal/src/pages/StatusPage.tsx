import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { ActionInput, FileReference, LocalizedText } from '@amtsweg/definitions';
import { ErrorSummary, FileInput, localize, type FileUploader, type SummaryError } from '@amtsweg/ui';
import { api, ApiError, downloadFile, Link, NetworkError, PageHeading, uploadWithProgress, withRouterBase } from '@amtsweg/ui/app';
import { formatDateTime, useLanguage } from '../i18n';
import { findKnownCase, rememberCase } from '../known-cases';
import { FocusedNotice } from './FocusedNotice';
import { useSession } from '../session';

export interface ApplicantView {
  id: string;
  reference: string;
  serviceTitle: LocalizedText;
  status: 'active' | 'done';
  outcome?: string | null;
  statusText: LocalizedText;
  receivedAt: string;
  dueAt?: string | null;
  version: number;
  openRequest: { message: string | null; actions: { id: string; label: LocalizedText; inputs: ActionInput[] }[] } | null;
  timeline: { at: string; statusText: LocalizedText }[];
  documents: { id: string; kind: string; title: string; createdAt: string }[];
}

/** Reads the access code from `#code=…` (the access link), keeps it in this browser and takes it out of the address. */
// Reading has no side effect: React may run a state initializer again (a render that suspends starts over), so the
// code is only taken out of the address by an effect, once the page is shown.
function readCodeFromAddress(caseId: string): string | undefined {
  const code = new URLSearchParams(location.hash.slice(1)).get('code') ?? undefined;
  return code ?? findKnownCase(caseId)?.accessToken;
}

type Loaded = { state: 'loading' } | { state: 'needs-code'; failures: number } | { state: 'failed'; message: string } | { state: 'done'; view: ApplicantView };

/** "Your application": status text, what is asked of the applicant, the history, the documents. */
export default function StatusPage({ caseId }: { caseId: string }): ReactNode {
  const { t, language } = useLanguage();
  const { citizen } = useSession();
  const [token, setToken] = useState<string | undefined>(() => readCodeFromAddress(caseId));
  // The code does not stay in the address (history, screenshots, a shoulder); the page keeps it in memory.
  useEffect(() => {
    if (new URLSearchParams(location.hash.slice(1)).has('code')) history.replaceState(null, '', withRouterBase(`/antraege/${encodeURIComponent(caseId)}`));
  }, [caseId]);
  // Every code entered is tried, even the same wrong one twice.
  const [codeAttempt, setCodeAttempt] = useState(0);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (citizen === undefined) return;
    if (!token && !citizen) {
      setLoaded({ state: 'needs-code', failures: 0 });
      return;
    }
    let current = true;
    api<ApplicantView>(`/api/applicant/cases/${caseId}`, { accessToken: token })
      .then((view) => {
        if (!current) return;
        if (token) rememberCase({ caseId, reference: view.reference, accessToken: token, serviceTitle: view.serviceTitle, receivedAt: view.receivedAt });
        setLoaded({ state: 'done', view });
      })
      .catch((error: unknown) => {
        if (!current) return;
        // Each refused code counts, so the error summary takes the focus again for every wrong attempt.
        if (error instanceof ApiError && error.status === 404) setLoaded((last) => ({ state: 'needs-code', failures: (last.state === 'needs-code' ? last.failures : 0) + (token ? 1 : 0) }));
        else setLoaded({ state: 'failed', message: error instanceof ApiError ? error.message : t('loadFailed') });
      });
    return () => {
      current = false;
    };
  }, [caseId, token, codeAttempt, citizen, t]);

  if (loaded.state === 'loading') return <p role="status">{t('loading')}</p>;
  if (loaded.state === 'failed')
    return (
      <div className="pt-notice pt-notice--error" role="alert">
        {loaded.message}
      </div>
    );
  if (loaded.state === 'needs-code')
    return (
      <EnterCode
        failures={loaded.failures}
        onCode={(code) => {
          setToken(code);
          setCodeAttempt((n) => n + 1);
        }}
      />
    );

  const { view } = loaded;
  const title = localize(view.serviceTitle, language);
  const decision = view.status === 'done' ? view.documents.filter((d) => d.kind === 'decision').at(-1) : undefined;
  return (
    <>
      <p className="pt-caption">{t('statusTitle')}</p>
      <PageHeading title={`${title} – ${view.reference}`}>{title}</PageHeading>
      <dl className="pt-facts">
        <div>
          <dt>{t('yourReference')}</dt>
          <dd className="pt-reference">{view.reference}</dd>
        </div>
        <div>
          <dt>{t('receivedOn')}</dt>
          <dd>{formatDateTime(view.receivedAt, language)}</dd>
        </div>
      </dl>
      <div className={`pt-status pt-status--${view.status}`}>
        <h2 className="pt-status-title">{t('status')}</h2>
        <p className="pt-status-text">{localize(view.statusText, language)}</p>
        {decision ? <p>{t('decisionReady')}</p> : null}
      </div>
      <FocusedNotice text={notice} tone="success" />
      {view.openRequest && view.openRequest.actions.length > 0 ? (
        <Reply
          view={view}
          token={token}
          onReplied={(next, message) => {
            setLoaded({ state: 'done', view: next });
            setNotice(message);
          }}
        />
      ) : null}
      <section aria-labelledby="documents-title">
        <h2 id="documents-title">{t('documents')}</h2>
        {view.documents.length === 0 ? (
          <p>{t('noDocuments')}</p>
        ) : (
          <ul className="pt-documents">
            {view.documents.map((document) => (
              <li key={document.id}>
                <span className="pt-document-title">{document.title}</span> <span className="pt-meta">({formatDateTime(document.createdAt, language, false)})</span>
                <ul className="pt-document-actions">
                  <li>
                    <button
                      type="button"
                      className="aw-link-button"
                      onClick={() => void downloadFile(`/api/applicant/cases/${view.id}/documents/${document.id}/pdf`, `${document.title}.pdf`, token)}
                    >
                      {t('downloadPdf')}
                      <span className="aw-visually-hidden">: {document.title}</span>
                    </button>
                  </li>
                  <li>
                    <Link to={`/antraege/${view.id}/dokumente/${document.id}`}>
                      {t('printView')}
                      <span className="aw-visually-hidden">: {document.title}</span>
                    </Link>
                  </li>
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('timeline')}</h2>
        <ol className="pt-timeline">
          {[...view.timeline].reverse().map((entry, index) => (
            <li key={`${entry.at}-${index}`}>
              <time dateTime={entry.at}>{formatDateTime(entry.at, language)}</time>
              <p>{localize(entry.statusText, language)}</p>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

function EnterCode({ failures, onCode }: { failures: number; onCode: (code: string) => void }): ReactNode {
  const { t, language } = useLanguage();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const message = failures > 0 ? t('codeRefused') : null;
  const shown = error ?? message;
  const errors: SummaryError[] = shown ? [{ pointer: '#access-code', message: shown }] : [];
  return (
    <>
      <ErrorSummary errors={errors} uiLanguage={language} focusKey={attempt + failures} />
      <PageHeading title={t('enterCodeTitle')}>{t('enterCodeTitle')}</PageHeading>
      <p>{t('enterCodeText')}</p>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (code.trim() === '') {
            setError(t('required')(t('accessCode')));
            setAttempt((n) => n + 1);
          } else {
            setError(null);
            onCode(code.trim());
          }
        }}
      >
        <div className={`aw-field${shown ? ' aw-field--error' : ''}`}>
          <label className="aw-label" htmlFor="access-code">
            {t('accessCode')}
          </label>
          {shown ? (
            <p id="access-code-error" className="aw-error-message">
              <span className="aw-visually-hidden">{t('errorTitlePrefix')} </span>
              {shown}
            </p>
          ) : null}
          <input
            id="access-code"
            className="aw-input"
            autoComplete="off"
            spellCheck={false}
            value={code}
            aria-invalid={shown ? true : undefined}
            aria-describedby={shown ? 'access-code-error' : undefined}
            onChange={(event) => setCode(event.target.value)}
          />
        </div>
        <button type="submit" className="aw-button">
          {t('open')}
        </button>
      </form>
      <p>
        <Link to="/anmelden">{t('logIn')}</Link>
      </p>
    </>
  );
}

/** Attachments to a reply: the same rules for every request for information. */
const REPLY_FILES = { type: 'file' as const, key: 'attachments', label: { de: 'Anlagen', en: 'Attachments' }, accept: ['application/pdf', 'image/jpeg', 'image/png'], maxSizeBytes: 10 * 1024 * 1024, maxFiles: 10 };

function Reply({ view, token, onReplied }: { view: ApplicantView; token: string | undefined; onReplied: (view: ApplicantView, message: string) => void }): ReactNode {
  const { t, language } = useLanguage();
  const request = view.openRequest!;
  // The answer the applicant gives; other choices (withdrawing) are offered as their own buttons.
  const answer = request.actions.find((action) => action.inputs.length > 0) ?? request.actions[0]!;
  const others = request.actions.filter((action) => action !== answer);
  const [inputs, setInputs] = useState<Record<string, string>>({});
  const [files, setFiles] = useState<FileReference[]>([]);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const upload: FileUploader = async (file, _field, onProgress) => {
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      return await uploadWithProgress<FileReference>(`/api/applicant/cases/${view.id}/files`, form, onProgress, token);
    } catch (error) {
      throw new Error(error instanceof ApiError ? (error.errors[0]?.message ?? error.message) : t('loadFailed'));
    }
  };

  const act = async (actionId: string, withInputs: boolean, event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    const action = request.actions.find((a) => a.id === actionId)!;
    if (withInputs) {
      const missing = action.inputs.filter((input) => input.required && !(inputs[input.key] ?? '').trim());
      if (missing.length > 0) {
        setErrors(missing.map((input) => ({ pointer: `#reply-${input.key}`, message: t('required')(localize(input.label, language)) })));
        setAttempt((n) => n + 1);
        return;
      }
    }
    setBusy(true);
    setProblem(null);
    try {
      const next = await api<ApplicantView>(`/api/applicant/cases/${view.id}/reply`, {
        method: 'POST',
        accessToken: token,
        body: { actionId, expectedVersion: view.version, ...(withInputs ? { inputs: trimmed(inputs), ...(files.length > 0 ? { files: files.map((f) => f.id) } : {}) } : {}) },
      });
      onReplied(next, withInputs ? t('replySent') : localize(next.statusText, language));
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        // Changed meanwhile (a deadline passed, a caseworker acted): show the new state, keep the typed text.
        const fresh = await api<ApplicantView>(`/api/applicant/cases/${view.id}`, { accessToken: token }).catch(() => undefined);
        if (fresh) onReplied(fresh, t('caseChanged'));
      } else if (error instanceof ApiError && error.errors.length > 0) {
        setErrors(error.errors.map((e) => ({ pointer: `#reply-${e.path.split('/').pop() ?? ''}`, message: e.message })));
        setAttempt((n) => n + 1);
      } else setProblem(error instanceof NetworkError ? t('sendNetworkError') : error instanceof ApiError ? error.message : t('loadFailed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="request-title" className="pt-request">
      <h2 id="request-title">{t('requestTitle')}</h2>
      {view.dueAt ? (
        <p>
          <strong>{t('answerBy')}:</strong> {formatDateTime(view.dueAt, language, false)}
        </p>
      ) : null}
      {request.message ? (
        <blockquote className="pt-request-message" aria-label={t('requestFrom')}>
          <p className="aw-preserve-lines">{request.message}</p>
        </blockquote>
      ) : null}
      <ErrorSummary errors={errors} uiLanguage={language} focusKey={attempt} />
      <FocusedNotice text={problem} tone="error" />
      <form noValidate onSubmit={(event) => void act(answer.id, true, event)}>
        {answer.inputs.map((input) => {
          const id = `reply-${input.key}`;
          const error = errors.find((e) => e.pointer === `#${id}`)?.message;
          return (
            <div key={input.key} className={`aw-field${error ? ' aw-field--error' : ''}`}>
              <label className="aw-label" htmlFor={id}>
                {localize(input.label, language)}
              </label>
              {error ? (
                <p id={`${id}-error`} className="aw-error-message">
                  <span className="aw-visually-hidden">{t('errorTitlePrefix')} </span>
                  {error}
                </p>
              ) : null}
              <textarea
                id={id}
                className="aw-textarea"
                rows={6}
                value={inputs[input.key] ?? ''}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-error` : undefined}
                aria-required={input.required || undefined}
                onChange={(event) => {
                  const value = event.target.value;
                  setInputs((current) => ({ ...current, [input.key]: value }));
                }}
              />
            </div>
          );
        })}
        {answer.inputs.length > 0 ? (
          <div className="aw-field">
            <label className="aw-label" htmlFor="reply-files">
              {t('attachments')} <span className="aw-optional">{t('optional')}</span>
            </label>
            <FileInput
              id="reply-files"
              element={REPLY_FILES}
              path="attachments"
              value={files}
              language={language}
              uiLanguage={language}
              error={null}
              describedBy={undefined}
              onChange={(value) => setFiles(Array.isArray(value) ? (value as FileReference[]) : [])}
              onRemove={(file) => void api(`/api/applicant/cases/${view.id}/attachments/${file.id}`, { method: 'DELETE', accessToken: token }).catch(() => undefined)}
              upload={upload}
            />
          </div>
        ) : null}
        <button type="submit" className="aw-button" aria-disabled={busy} aria-busy={busy}>
          {localize(answer.label, language)}
        </button>
      </form>
      {others.map((action) => (
        <button
          key={action.id}
          type="button"
          className="aw-button aw-button--secondary"
          disabled={busy}
          onClick={() => {
            if (window.confirm(t('withdrawConfirm')(localize(action.label, language)))) void act(action.id, false);
          }}
        >
          {localize(action.label, language)}
        </button>
      ))}
    </section>
  );
}

function trimmed(inputs: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(inputs)) if (value.trim() !== '') kept[key] = value.trim();
  return kept;
}

