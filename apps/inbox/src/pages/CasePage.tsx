import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { ActionInput, FileReference, LocalizedText, ServiceDefinition } from '@amtsweg/definitions';
import { AnswersSummary, ErrorSummary, localize, type UiLanguage } from '@amtsweg/ui';
import { api, ApiError, downloadFile, formatDateTime, Link, navigate, PageHeading, useStaffSession, type FieldError } from '@amtsweg/ui/app';
import { BASE } from '../App';
import { useLanguage } from '../i18n';
import { loadCaseworkers, loadDefinition, type Caseworker } from '../reference-data';

/** An input as the server offers it; a date that sets a deadline comes with the days allowed and the day offered. */
type OfferedInput = ActionInput & { deadline?: { offered: string; earliest: string; latest: string } };

interface CaseAction {
  id: string;
  label: LocalizedText;
  target: string;
  inputs: OfferedInput[];
  enabled: boolean;
  guardMessage?: LocalizedText;
  /** Four-eyes principle: taking it proposes; a second caseworker confirms. */
  fourEyes?: boolean;
}

interface Proposal {
  action: CaseAction;
  proposedBy: { id: string; displayName: string | null };
  proposedAt: string;
  inputs: Record<string, string>;
  comment: string | null;
  available: ('confirm' | 'reject-proposal' | 'withdraw-proposal')[];
}

interface HistoryEntry {
  at: string;
  kind: string;
  actorId: string;
  actorRole: string;
  action: string | null;
  fromState: string | null;
  toState: string | null;
  comment: string | null;
  internal: boolean;
  /** The API token the entry came through (its person is actorId); null for a session, the applicant, the system. */
  apiToken?: { id: string; name: string | null } | null;
  inputs?: Record<string, unknown>;
  files?: FileReference[];
}

export interface CaseView {
  id: string;
  reference: string;
  serviceId: string;
  serviceVersion: number;
  serviceTitle: LocalizedText;
  state: { id: string; kind: string; label: LocalizedText };
  status: string;
  data: Record<string, unknown>;
  version: number;
  applicantName: string;
  assigneeId: string | null;
  dueAt: string | null;
  receivedAt: string;
  actions: CaseAction[];
  proposal?: Proposal | null;
  history: HistoryEntry[];
  documents: { id: string; kind: string; title: string; createdAt: string }[];
}

/**
 * One case: who works on it, the actions allowed now with their inputs (a decision previewed before it is
 * issued), the application as submitted (read-only renderer), files, documents, history and internal notes.
 * Every change names the version it was made on; a case changed meanwhile says by whom and keeps what was typed.
 */
export function CasePage({ caseId }: { caseId: string }): ReactNode {
  const { t, language } = useLanguage();
  const { staff } = useStaffSession();
  const [view, setView] = useState<CaseView | undefined>(undefined);
  const [definition, setDefinition] = useState<ServiceDefinition | undefined>(undefined);
  const [people, setPeople] = useState<Caseworker[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const reload = useCallback(async () => {
    const next = await api<CaseView>(`/api/cases/${caseId}`);
    setView(next);
    setConflict(null);
    setDefinition(await loadDefinition(next.serviceId, next.serviceVersion));
    return next;
  }, [caseId]);

  useEffect(() => {
    reload().catch((error: unknown) => setProblem(error instanceof ApiError ? error.message : t('loadFailed')));
    void loadCaseworkers().then(setPeople, () => setPeople([]));
  }, [reload, t]);

  const nameOf = (id: string | null | undefined): string => {
    if (!id) return t('nobody');
    if (id === 'system') return t('system');
    if (id === 'applicant') return t('applicantRole');
    return people.find((p) => p.id === id)?.displayName ?? t('applicantRole');
  };

  /** Runs a change; a 409 becomes the conflict notice (what was typed stays in the forms). */
  const change = async (run: () => Promise<unknown>, done?: string): Promise<boolean> => {
    setMessage(null);
    try {
      await run();
      await reload();
      setMessage(done ?? t('done'));
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        const fresh = await api<CaseView>(`/api/cases/${caseId}`).catch(() => undefined);
        const last = fresh?.history.at(-1);
        setConflict(t('conflict')(last && last.actorId !== staff?.id ? nameOf(last.actorId) : t('someoneElse')));
        return false;
      }
      throw error;
    }
  };

  // c claims, a goes to the actions, n to the note, u back to the list.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (event.ctrlKey || event.metaKey || event.altKey || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) return;
      const focus = (selector: string) => document.querySelector<HTMLElement>(selector)?.focus();
      if (event.key === 'c') focus('#claim');
      else if (event.key === 'a') focus('#actions button');
      else if (event.key === 'n') focus('#note');
      else if (event.key === 'u') navigate(`${BASE}/`);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (problem)
    return (
      <div className="pt-notice pt-notice--error" role="alert">
        {problem}
      </div>
    );
  if (!view || !definition) return <p role="status">{t('loading')}</p>;

  const stateLabel = (id: string | null) => (id ? localize(definition.process.states.find((s) => s.id === id)?.label, language) || id : '');
  const files = collectFiles(view);
  const assignable = people.filter((p) => p.serviceRoles.some((grant) => grant.serviceId === view.serviceId));

  return (
    <>
      <p>
        <Link to={`${BASE}/`} className="pt-back-link">
          {t('backToList')}
        </Link>
      </p>
      <p className="pt-caption">{localize(view.serviceTitle, language)}</p>
      <PageHeading title={`${view.reference} – ${t('appName')}`}>
        {view.reference} · {view.applicantName}
      </PageHeading>
      <dl className="ib-facts">
        <div>
          <dt>{t('state')}</dt>
          <dd>{localize(view.state.label, language)}</dd>
        </div>
        <div>
          <dt>{t('received')}</dt>
          <dd>{formatDateTime(view.receivedAt, language)}</dd>
        </div>
        <div>
          <dt>{t('due')}</dt>
          <dd>{view.dueAt ? formatDateTime(view.dueAt, language, false) : '–'}</dd>
        </div>
        <div>
          <dt>{t('assignee')}</dt>
          <dd>{nameOf(view.assigneeId)}</dd>
        </div>
      </dl>
      {conflict ? (
        <div className="pt-notice pt-notice--error" role="alert">
          <p>{conflict}</p>
          <button type="button" className="aw-button aw-button--secondary" onClick={() => void reload()}>
            {t('reload')}
          </button>
        </div>
      ) : null}
      {message ? (
        <p className="pt-notice pt-notice--success" role="status">
          {message}
        </p>
      ) : null}
      {view.status === 'active' ? (
        <div className="ib-assign">
          {view.assigneeId !== staff?.id ? (
            <button
              id="claim"
              type="button"
              className="aw-button aw-button--secondary"
              onClick={() => void change(() => api(`/api/cases/${caseId}/assign`, { method: 'POST', body: { assigneeId: staff!.id, expectedVersion: view.version } }))}
            >
              {t('claim')}
            </button>
          ) : null}
          <AssignForm view={view} people={assignable} onAssign={(assigneeId) => change(() => api(`/api/cases/${caseId}/assign`, { method: 'POST', body: { assigneeId, expectedVersion: view.version } }))} />
        </div>
      ) : null}

      <section id="actions" aria-labelledby="actions-title" className="ib-section">
        <h2 id="actions-title">{t('actions')}</h2>
        {view.proposal ? <ProposalPanel caseId={caseId} view={view} proposal={view.proposal} change={change} /> : null}
        {view.actions.length === 0 && !view.proposal ? <p>{view.status === 'active' ? t('readOnly') : t('noActions')}</p> : null}
        {view.actions.map((action) => (
          <ActionForm key={`${action.id}:${view.version}`} caseId={caseId} view={view} action={action} definition={definition} change={change} />
        ))}
      </section>

      <section aria-labelledby="answers-title" className="ib-section">
        <h2 id="answers-title">{t('answers')}</h2>
        <AnswersSummary form={definition.form} answers={view.data} language={language} uiLanguage={language} headingLevel={3} />
      </section>

      <section aria-labelledby="files-title" className="ib-section">
        <h2 id="files-title">{t('files')}</h2>
        {files.length === 0 ? (
          <p>–</p>
        ) : (
          <ul>
            {files.map((file) => (
              <li key={file.id}>
                {file.name} <span className="pt-meta">({file.mediaType})</span>{' '}
                {/\/(pdf|jpeg|png)$/.test(file.mediaType) ? (
                  <a href={`/api/cases/${caseId}/files/${file.id}?ansicht=true`} target="_blank" rel="noopener">
                    {t('viewFile')}
                    <span className="aw-visually-hidden">: {file.name}</span>
                  </a>
                ) : null}{' '}
                <a href={`/api/cases/${caseId}/files/${file.id}`}>
                  {t('download')}
                  <span className="aw-visually-hidden">: {file.name}</span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="documents-title" className="ib-section">
        <h2 id="documents-title">{t('documents')}</h2>
        <ul>
          {view.documents.map((document) => (
            <li key={document.id}>
              {document.title} <span className="pt-meta">({formatDateTime(document.createdAt, language, false)})</span>{' '}
              <a href={`/api/cases/${caseId}/documents/${document.id}/pdf`}>
                {t('download')}
                <span className="aw-visually-hidden">: {document.title}</span>
              </a>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="history-title" className="ib-section">
        <h2 id="history-title">{t('history')}</h2>
        <ol className="ib-history">
          {[...view.history].reverse().map((entry, index) => (
            <li key={`${entry.at}:${index}`} className={entry.internal ? 'ib-history--internal' : undefined}>
              <time dateTime={entry.at}>{formatDateTime(entry.at, language)}</time> · {nameOf(entry.actorId)}
              {entry.apiToken ? <> {t('viaToken')(entry.apiToken.name)}</> : null}
              {entry.action ? <> · {localize(findAction(definition, entry.action)?.label, language) || entry.action}</> : null}
              {entry.toState ? (
                <>
                  {' '}
                  · {stateLabel(entry.fromState)} → {stateLabel(entry.toState)}
                </>
              ) : null}
              {entry.internal ? <strong> ({t('internal')})</strong> : null}
              {entry.comment ? <p className="aw-preserve-lines">{entry.comment}</p> : null}
              {Object.entries(entry.inputs ?? {}).map(([key, value]) => (
                <p key={key} className="aw-preserve-lines">
                  {String(value)}
                </p>
              ))}
            </li>
          ))}
        </ol>
      </section>

      <NoteForm caseId={caseId} change={change} />
    </>
  );
}

/**
 * An action proposed under the four-eyes principle: what was proposed, by whom, with which inputs; a colleague
 * confirms (the move happens then) or sends it back with a reason; the proposer may withdraw it.
 */
function ProposalPanel({ caseId, view, proposal, change }: { caseId: string; view: CaseView; proposal: Proposal; change: ActionFormProps['change'] }): ReactNode {
  const { t, language } = useLanguage();
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const label = localize(proposal.action.label, language);
  const answer = async (route: Proposal['available'][number]) => {
    setProblem(null);
    try {
      await change(
        () => api(`/api/cases/${caseId}/actions/${proposal.action.id}/${route}`, { method: 'POST', body: { expectedVersion: view.version, ...(comment.trim() ? { comment: comment.trim() } : {}) } }),
        route === 'confirm' ? label : undefined,
      );
    } catch (error) {
      setProblem(error instanceof ApiError ? (error.errors[0]?.message ?? error.message) : t('loadFailed'));
    }
  };
  const names: Record<Proposal['available'][number], string> = { confirm: t('confirm'), 'reject-proposal': t('sendBack'), 'withdraw-proposal': t('withdrawProposal') };
  return (
    <div className="pt-notice ib-proposal">
      <p>
        <strong>{t('proposalPending')(proposal.proposedBy.displayName ?? t('someoneElse'), label)}</strong>
      </p>
      {Object.entries(proposal.inputs).map(([key, value]) => (
        <p key={key} className="aw-preserve-lines">
          {value}
        </p>
      ))}
      {problem ? (
        <p className="aw-error-message" role="alert">
          {problem}
        </p>
      ) : null}
      {proposal.available.length > 0 ? (
        <>
          <div className="aw-field">
            <label className="aw-label" htmlFor="proposal-comment">
              {t('proposalComment')}
            </label>
            <textarea id="proposal-comment" className="aw-textarea" rows={2} value={comment} onChange={(event) => setComment(event.target.value)} />
          </div>
          <div className="pt-actions">
            {proposal.available.map((route) => (
              <button key={route} type="button" className={route === 'confirm' ? 'aw-button' : 'aw-button aw-button--secondary'} onClick={() => void answer(route)}>
                {names[route]}
              </button>
            ))}
          </div>
        </>
      ) : null}
    </div>
  );
}

function findAction(definition: ServiceDefinition, actionId: string) {
  return definition.process.states.flatMap((state) => state.actions ?? []).find((action) => action.id === actionId);
}

/** Files of the application (file fields, however deep) and those sent later with replies. */
function collectFiles(view: CaseView): FileReference[] {
  const found: FileReference[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const candidate = value as Partial<FileReference>;
      if (typeof candidate.id === 'string' && typeof candidate.name === 'string' && typeof candidate.mediaType === 'string') found.push(candidate as FileReference);
      else Object.values(value).forEach(walk);
    }
  };
  walk(view.data);
  for (const entry of view.history) for (const file of entry.files ?? []) found.push(file);
  return found;
}

function AssignForm({ view, people, onAssign }: { view: CaseView; people: Caseworker[]; onAssign: (id: string | null) => Promise<boolean> }): ReactNode {
  const { t } = useLanguage();
  const [chosen, setChosen] = useState(view.assigneeId ?? '');
  return (
    <form
      className="ib-inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        void onAssign(chosen || null);
      }}
    >
      <label className="aw-label" htmlFor="assign-to">
        {t('assignTo')}
      </label>
      <select id="assign-to" className="aw-select" value={chosen} onChange={(event) => setChosen(event.target.value)}>
        <option value="">{t('nobody')}</option>
        {people.map((person) => (
          <option key={person.id} value={person.id}>
            {person.displayName}
          </option>
        ))}
      </select>
      <button type="submit" className="aw-button aw-button--secondary">
        {t('assign')}
      </button>
    </form>
  );
}

interface ActionFormProps {
  caseId: string;
  view: CaseView;
  action: CaseAction;
  definition: ServiceDefinition;
  change: (run: () => Promise<unknown>, done?: string) => Promise<boolean>;
}

/** The action input an error names (`/body/inputs/answerBy`), if it names one. */
function inputKeyOf(error: FieldError): string | undefined {
  const match = /^\/body\/inputs\/([^/]+)$/.exec(error.path);
  return match?.[1]?.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** A `YYYY-MM-DD` day as people read it. */
function formatDay(day: string, language: UiLanguage): string {
  return formatDateTime(`${day}T12:00:00Z`, language, false);
}

/**
 * One action: its button opens its inputs; an action that issues a decision is previewed first (the notice as
 * it would be issued, also as PDF), then taken. Inputs survive a conflict: the form stays with its text.
 */
function ActionForm({ caseId, view, action, definition, change }: ActionFormProps): ReactNode {
  const { t, language } = useLanguage();
  const [open, setOpen] = useState(false);
  const [inputs, setInputs] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [preview, setPreview] = useState<{ title: string; text: string }[] | null>(null);
  const firstInput = useRef<HTMLElement | null>(null);
  const target = definition.process.states.find((s) => s.id === action.target);
  const decides = target?.kind === 'final';
  const id = `action-${action.id}`;
  const [attempt, setAttempt] = useState(0);
  const body = () => ({ expectedVersion: view.version, inputs: Object.fromEntries(Object.entries(inputs).filter(([, value]) => value.trim() !== '')) });

  useEffect(() => {
    if (open) firstInput.current?.focus();
  }, [open]);

  const showError = (error: unknown) => {
    if (!(error instanceof ApiError)) throw error;
    setErrors(error.errors.length > 0 ? error.errors : [{ path: '', code: error.code, message: error.message }]);
    setAttempt((n) => n + 1);
  };

  const take = async (event: FormEvent) => {
    event.preventDefault();
    setErrors([]);
    try {
      const taken = await change(() => api(`/api/cases/${caseId}/actions/${action.id}`, { method: 'POST', body: body() }), localize(action.label, language));
      if (taken) setOpen(false);
    } catch (error) {
      showError(error);
    }
  };

  const showPreview = async () => {
    setErrors([]);
    try {
      const answer = await api<{ documents: { title: string; text: string }[] }>(`/api/cases/${caseId}/actions/${action.id}/preview`, { method: 'POST', body: body() });
      setPreview(answer.documents);
    } catch (error) {
      showError(error);
    }
  };

  if (!action.enabled)
    return (
      <div className="ib-action ib-action--disabled">
        <button type="button" className="aw-button aw-button--secondary" aria-disabled="true" aria-describedby={`${id}-why`}>
          {localize(action.label, language)}
        </button>
        <p id={`${id}-why`} className="aw-hint">
          {localize(action.guardMessage, language)}
        </p>
      </div>
    );

  return (
    <div className="ib-action">
      <button type="button" className="aw-button aw-button--secondary" aria-expanded={open} aria-controls={`${id}-form`} onClick={() => setOpen(!open)}>
        {localize(action.label, language)}
      </button>
      {open ? (
        <form id={`${id}-form`} className="ib-action-form" noValidate onSubmit={(event) => void take(event)}>
          <ErrorSummary
            errors={errors.map((error) => ({ pointer: `#${inputKeyOf(error) === undefined ? `${id}-form` : `${id}-${inputKeyOf(error)}`}`, message: error.message }))}
            uiLanguage={language}
            focusKey={attempt}
            title={t('problemTitle')}
          />
          {action.inputs.map((input, index) => {
            const inputId = `${id}-${input.key}`;
            const error = errors.find((e) => inputKeyOf(e) === input.key);
            const hint = input.deadline ? t('deadlineHint')(formatDay(input.deadline.offered, language)) : undefined;
            const describedBy = [hint ? `${inputId}-hint` : '', error ? `${inputId}-error` : ''].filter(Boolean).join(' ');
            const common = {
              id: inputId,
              value: inputs[input.key] ?? input.deadline?.offered ?? '',
              'aria-required': input.required || undefined,
              'aria-invalid': error ? true : undefined,
              'aria-describedby': describedBy || undefined,
              ref: index === 0 ? (element: HTMLElement | null) => void (firstInput.current = element) : undefined,
              onChange: (event: { target: { value: string } }) => {
                const value = event.target.value;
                setInputs((current) => ({ ...current, [input.key]: value }));
              },
            };
            return (
              <div key={input.key} className={`aw-field${error ? ' aw-field--error' : ''}`}>
                <label className="aw-label" htmlFor={inputId}>
                  {localize(input.label, language)}
                </label>
                {hint ? (
                  <p id={`${inputId}-hint`} className="aw-hint">
                    {hint}
                  </p>
                ) : null}
                {error ? (
                  <p id={`${inputId}-error`} className="aw-error-message">
                    {error.message}
                  </p>
                ) : null}
                {input.type === 'choice' ? (
                  <select className="aw-select" {...common}>
                    <option value="" />
                    {(input.options ?? []).map((option) => (
                      <option key={option.value} value={option.value}>
                        {localize(option.label, language)}
                      </option>
                    ))}
                  </select>
                ) : input.type === 'date' ? (
                  <input className="aw-input aw-input--date" type="date" min={input.deadline?.earliest} max={input.deadline?.latest} {...common} />
                ) : (
                  <textarea className="aw-textarea" rows={input.type === 'reason' ? 8 : 4} {...common} />
                )}
              </div>
            );
          })}
          {decides ? (
            <div className="pt-actions">
              <button type="button" className="aw-button aw-button--secondary" onClick={() => void showPreview()}>
                {t('preview')}
              </button>
              <button
                type="button"
                className="aw-button aw-button--secondary"
                onClick={() => void downloadFile(`/api/cases/${caseId}/actions/${action.id}/preview/pdf`, `${view.reference}-Entwurf.pdf`, undefined, body()).catch(showError)}
              >
                {t('downloadPreview')}
              </button>
            </div>
          ) : null}
          {preview ? (
            <section className="ib-preview" aria-label={t('previewTitle')}>
              {preview.map((document) => (
                <article key={document.title}>
                  <h3>{document.title}</h3>
                  <div className="pt-document-text">{document.text}</div>
                </article>
              ))}
            </section>
          ) : null}
          {action.fourEyes ? <p className="aw-hint">{t('fourEyesNote')}</p> : null}
          <button type="submit" className="aw-button">
            {action.fourEyes ? t('propose')(localize(action.label, language)) : decides ? t('issue')(localize(action.label, language)) : localize(action.label, language)}
          </button>
        </form>
      ) : null}
    </div>
  );
}

function NoteForm({ caseId, change }: { caseId: string; change: (run: () => Promise<unknown>, done?: string) => Promise<boolean> }): ReactNode {
  const { t } = useLanguage();
  const [text, setText] = useState('');
  return (
    <form
      className="ib-section"
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim() === '') return;
        void change(() => api(`/api/cases/${caseId}/comments`, { method: 'POST', body: { text } })).then((ok) => ok && setText(''));
      }}
    >
      <div className="aw-field">
        <label className="aw-label" htmlFor="note">
          {t('notes')}
        </label>
        <div id="note-hint" className="aw-hint">
          {t('noteHint')}
        </div>
        <textarea id="note" className="aw-textarea" rows={3} value={text} aria-describedby="note-hint" onChange={(event) => setText(event.target.value)} />
      </div>
      <button type="submit" className="aw-button aw-button--secondary">
        {t('addNote')}
      </button>
    </form>
  );
}
