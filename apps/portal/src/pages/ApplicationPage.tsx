import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { FormPage } from '@amtsweg/definitions';
import {
  AnswersSummary,
  ErrorSummary,
  fieldId,
  FormPageView,
  localize,
  pageOfPointer,
  visiblePages,
  writeAnswer,
  type FileUploader,
  type SummaryError,
} from '@amtsweg/ui';
import { api, ApiError, NetworkError, uploadWithProgress, type FieldError } from '../api';
import { clearLocalDraft, useDraft, type SaveState } from '../drafts';
import { useLanguage } from '../i18n';
import { rememberCase } from '../known-cases';
import { PageHeading } from '../page-heading';
import { Link, navigate, usePlace } from '../router';
import { findService, loadVersion, type CatalogEntry, type PublishedVersion } from '../services';
import { useSession } from '../session';
import { useLoad } from '../use-load';
import { Confirmation, type SubmissionAnswer } from './Confirmation';
import { LoadState } from './LoadState';

const CHECK_STEP = 'pruefen';
const SENT_STEP = 'gesendet';

/** The application: the form page by page, then "check your answers", then the confirmation. */
export default function ApplicationPage({ slug, step }: { slug: string; step: string }): ReactNode {
  const loaded = useLoad(async () => {
    const service = await findService(slug);
    if (!service) throw new ApiError(404, 'SERVICE_NOT_FOUND', '');
    return { service, version: await loadVersion(service.id, service.publishedVersion) };
  }, [slug]);
  if (loaded.state !== 'done') return <LoadState loaded={loaded} />;
  if (step === SENT_STEP) return <Confirmation service={loaded.value.service} />;
  return <Application service={loaded.value.service} version={loaded.value.version} step={step} />;
}

function Application({ service, version, step }: { service: CatalogEntry; version: PublishedVersion; step: string }): ReactNode {
  const { citizen } = useSession();
  const { draft, saveState, update, flush } = useDraft(service.id, version.version, Boolean(citizen));
  const pages = draft ? visiblePages(version.definition.form, draft.answers) : [];
  const page = pages.find((p) => p.id === step);
  // A page that is hidden by the answers (or unknown) leads back to the first page.
  const lost = Boolean(draft) && step !== CHECK_STEP && !page;
  useEffect(() => {
    if (lost && pages[0]) navigate(`/dienste/${service.slug}/antrag/${pages[0].id}`, { replace: true });
  }, [lost, pages, service.slug]);
  if (citizen === undefined || !draft) return null;
  if (step === CHECK_STEP) return <CheckAnswers service={service} version={version} draft={draft} update={update} />;
  if (!page) return null;
  return <PageStep key={page.id} service={service} version={version} page={page} pages={pages} draft={draft} update={update} flush={flush} saveState={saveState} />;
}

type DraftApi = ReturnType<typeof useDraft>;

interface PageStepProps {
  service: CatalogEntry;
  version: PublishedVersion;
  page: FormPage;
  pages: FormPage[];
  draft: NonNullable<DraftApi['draft']>;
  update: DraftApi['update'];
  flush: DraftApi['flush'];
  saveState: SaveState;
}

function PageStep({ service, version, page, pages, draft, update, flush, saveState }: PageStepProps): ReactNode {
  const { t, language } = useLanguage();
  const { search } = usePlace();
  const definitionLanguage = version.definition.settings.languages.includes(language) ? language : 'de';
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const index = pages.indexOf(page);
  const total = pages.length + 1;
  const returnToCheck = search.get('zurueck') === CHECK_STEP;
  const base = `/dienste/${service.slug}/antrag`;
  const answersRef = useRef(draft.answers);
  answersRef.current = draft.answers;

  // Remember where the person is, so resuming starts here.
  useEffect(() => {
    if (draft.pageId !== page.id) update({ pageId: page.id });
    // Only on entering the page.
  }, [page.id]);

  // A "Change" link from the check page lands on its field.
  useEffect(() => {
    const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    target?.focus();
  }, []);

  const onChange = useCallback(
    (pointer: string, value: unknown) => {
      update({ answers: writeAnswer(answersRef.current, pointer, value) });
      // An error stays until the next "Continue", as on GOV.UK; only its own field's message goes once changed.
      setErrors((current) => current.filter((error) => error.path !== pointer));
    },
    [update],
  );

  const upload: FileUploader = useCallback(
    async (file, field, onProgress) => {
      const form = new FormData();
      form.append('serviceId', service.id);
      form.append('field', field.path);
      form.append('file', file, file.name);
      try {
        return await uploadWithProgress(`/api/files`, form, onProgress);
      } catch (error) {
        throw new Error(error instanceof ApiError ? (error.errors[0]?.message ?? error.message) : t('validationUnavailable'));
      }
    },
    [service.id, t],
  );

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const result = await api<{ valid: boolean; errors: FieldError[] }>(`/api/services/${service.id}/versions/${version.version}/validation`, {
        method: 'POST',
        body: draft.answers,
      });
      const own = result.errors.filter((error) => pageOfPointer(version.definition.form, error.path)?.id === page.id);
      setErrors(own);
      setAttempt((n) => n + 1);
      if (own.length > 0) return;
      void flush();
      const next = returnToCheck ? undefined : pages[index + 1];
      navigate(next ? `${base}/${next.id}` : `${base}/${CHECK_STEP}`);
    } catch {
      setProblem(t('validationUnavailable'));
    } finally {
      setBusy(false);
    }
  };

  const errorMap = new Map(errors.map((error) => [error.path, error.message]));
  const summary: SummaryError[] = errors.map((error) => ({ pointer: error.path, message: error.message }));
  const title = localize(page.title, definitionLanguage);
  const serviceTitle = localize(service.title, language);
  return (
    <>
      <div className="pt-step-header">
        {index > 0 ? (
          <Link to={`${base}/${pages[index - 1]!.id}`} className="pt-back-link">
            {t('back')}
          </Link>
        ) : (
          <Link to={`/dienste/${service.slug}`} className="pt-back-link">
            {t('back')}
          </Link>
        )}
        <Progress current={index + 1} total={total} />
      </div>
      <ErrorSummary errors={summary} uiLanguage={language} focusKey={attempt} />
      {problem ? (
        <div className="pt-notice pt-notice--error" role="alert">
          {problem}
        </div>
      ) : null}
      <p className="pt-caption">{serviceTitle}</p>
      <PageHeading title={`${errors.length > 0 ? `${language === 'de' ? 'Fehler' : 'Error'}: ` : ''}${title} – ${serviceTitle}`}>{title}</PageHeading>
      <form noValidate onSubmit={(event) => void onSubmit(event)} className="pt-form">
        <FormPageView page={page} answers={draft.answers} language={definitionLanguage} uiLanguage={language} errors={errorMap} onChange={onChange} upload={upload} />
        <div className="pt-actions">
          <button type="submit" className="aw-button" disabled={busy} aria-busy={busy}>
            {t('continue')}
          </button>
          <SaveIndicator state={saveState} />
        </div>
      </form>
    </>
  );
}

function Progress({ current, total }: { current: number; total: number }): ReactNode {
  const { t } = useLanguage();
  return (
    <div className="pt-progress">
      <span id="pt-progress-label">{t('stepOf')(current, total)}</span>
      <progress className="pt-progress-bar" max={total} value={current} aria-labelledby="pt-progress-label" />
    </div>
  );
}

function SaveIndicator({ state }: { state: SaveState }): ReactNode {
  const { t } = useLanguage();
  const text =
    state === 'local' ? t('savedLocally') : state === 'saving' ? t('saving') : state === 'server' ? t('savedOnServer') : state === 'server-failed' ? t('saveFailed') : state === 'conflict' ? t('draftConflict') : '';
  // Polite and without layout shift: the line keeps its height when empty.
  return (
    <p className="pt-save-state" role="status">
      {text}
    </p>
  );
}

function CheckAnswers({ service, version, draft, update }: { service: CatalogEntry; version: PublishedVersion; draft: PageStepProps['draft']; update: DraftApi['update'] }): ReactNode {
  const { t, language } = useLanguage();
  const definitionLanguage = version.definition.settings.languages.includes(language) ? language : 'de';
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const base = `/dienste/${service.slug}/antrag`;
  const pages = visiblePages(version.definition.form, draft.answers);
  const changeHref = (page: FormPage, pointer: string) => `${base}/${page.id}?zurueck=${CHECK_STEP}#${fieldId(pointer)}`;

  const send = async () => {
    setSending(true);
    setProblem(null);
    // The key is saved with the draft before the first attempt: after a lost answer or a reload, sending again
    // replays the first answer instead of filing a second application.
    const idempotencyKey = draft.idempotencyKey ?? crypto.randomUUID();
    if (!draft.idempotencyKey) update({ idempotencyKey });
    try {
      const answer = await api<SubmissionAnswer>(`/api/services/${service.id}/submissions`, {
        method: 'POST',
        body: draft.answers,
        headers: { 'Idempotency-Key': idempotencyKey },
      });
      rememberCase({ caseId: answer.caseId, reference: answer.reference, accessToken: answer.accessToken, serviceTitle: service.title, receivedAt: new Date().toISOString() });
      sessionStorage.setItem(`amtsweg.sent.${service.id}`, JSON.stringify(answer));
      clearLocalDraft(service.id);
      navigate(`${base}/${SENT_STEP}`, { replace: true });
    } catch (error) {
      if (error instanceof NetworkError) setProblem(t('sendNetworkError'));
      else if (error instanceof ApiError && error.errors.length > 0) {
        setErrors(error.errors.map((e) => ({ pointer: e.path, message: e.message })));
        setAttempt((n) => n + 1);
      } else {
        if (error instanceof ApiError && error.code === 'IDEMPOTENCY_KEY_REUSED') update({ idempotencyKey: crypto.randomUUID() });
        setProblem(error instanceof ApiError ? error.message : t('sendNetworkError'));
      }
    } finally {
      setSending(false);
    }
  };

  // An error on the check page links to the page and field where it can be fixed.
  const linked = errors.map((error) => {
    const page = pageOfPointer(version.definition.form, error.pointer);
    return { ...error, href: page ? changeHref(page, error.pointer) : undefined };
  });
  // Whoever arrives here with answers missing (a bookmark, a form updated meanwhile) sees what to fix at once.
  useEffect(() => {
    api<{ valid: boolean; errors: FieldError[] }>(`/api/services/${service.id}/versions/${version.version}/validation`, { method: 'POST', body: draft.answers })
      .then((result) => {
        if (result.errors.length > 0) {
          setErrors(result.errors.map((e) => ({ pointer: e.path, message: e.message })));
          setAttempt((n) => n + 1);
        }
      })
      .catch(() => undefined);
    // Once, on arriving.
  }, []);

  const title = t('checkTitle');
  return (
    <>
      <div className="pt-step-header">
        <Link to={`${base}/${pages.at(-1)?.id ?? ''}`} className="pt-back-link">
          {t('back')}
        </Link>
        <Progress current={pages.length + 1} total={pages.length + 1} />
      </div>
      {linked.length > 0 ? (
        <CheckErrorSummary errors={linked} focusKey={attempt} />
      ) : null}
      {problem ? (
        <div className="pt-notice pt-notice--error" role="alert" tabIndex={-1} ref={(element) => element?.focus()}>
          {problem}
        </div>
      ) : null}
      <PageHeading title={`${title} – ${localize(service.title, language)}`}>{title}</PageHeading>
      <p>{t('checkIntro')}</p>
      <AnswersSummary
        form={version.definition.form}
        answers={draft.answers}
        language={definitionLanguage}
        uiLanguage={language}
        changeHref={changeHref}
        onChangeLink={(event, href) => {
          event.preventDefault();
          navigate(href);
        }}
      />
      <h2>{t('sendTitle')}</h2>
      <p>{t('sendText')}</p>
      <button type="button" className="aw-button" disabled={sending} aria-busy={sending} onClick={() => void send()}>
        {sending ? t('sending') : t('send')}
      </button>
    </>
  );
}

function CheckErrorSummary({ errors, focusKey }: { errors: (SummaryError & { href: string | undefined })[]; focusKey: number }): ReactNode {
  const { t } = useLanguage();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [focusKey]);
  return (
    <div ref={ref} className="aw-error-summary" tabIndex={-1} role="alert" aria-labelledby="check-errors-title">
      <h2 id="check-errors-title" className="aw-error-summary-title">
        {t('problemTitle')}
      </h2>
      <ul className="aw-error-summary-list">
        {errors.map((error) => (
          <li key={`${error.pointer}:${error.message}`}>
            {error.href ? (
              <Link to={error.href}>{error.message}</Link>
            ) : (
              error.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
