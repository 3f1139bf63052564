import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { FormPage } from '@amtsweg/definitions';
import { AnswersSummary, ErrorSummary, fieldId, FormPageView, localize, pageOfPointer, visiblePages, writeAnswer, type FileUploader, type SummaryError } from '@amtsweg/ui';
import { api, ApiError, type FieldError, Link, navigate, NetworkError, PageHeading, uploadWithProgress, useLoad, usePlace } from '@amtsweg/ui/app';
import { clearLocalDraft, clearPendingSend, loadPendingSend, rememberPendingSend, useDraft, type SaveState } from '../drafts';
import { useLanguage } from '../i18n';
import { rememberCase } from '../known-cases';
import { findService, loadVersion, type CatalogEntry, type PublishedVersion } from '../services';
import { useSession } from '../session';
import { Confirmation, rememberConfirmation, type SubmissionAnswer } from './Confirmation';
import { FocusedNotice } from './FocusedNotice';
import { LoadState } from './LoadState';
import { citesPrivacyNotice, PrivacyNoticeLink } from '../legal/PrivacyNoticeLink';

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

type DraftApi = ReturnType<typeof useDraft>;
type Draft = NonNullable<DraftApi['draft']>;

interface StepProps {
  service: CatalogEntry;
  version: PublishedVersion;
  draft: Draft;
  drafts: DraftApi;
  citizenId: string | null;
}

function Application({ service, version, step }: { service: CatalogEntry; version: PublishedVersion; step: string }): ReactNode {
  const { citizen } = useSession();
  const citizenId = citizen === undefined ? undefined : (citizen?.id ?? null);
  const drafts = useDraft(service.id, version.version, citizenId);
  const { draft } = drafts;
  const pages = draft ? visiblePages(version.definition.form, draft.answers) : [];
  const page = pages.find((p) => p.id === step);
  // A page that is hidden by the answers (or unknown) leads back to the first page.
  const lost = Boolean(draft) && step !== CHECK_STEP && !page;
  const firstPage = pages[0]?.id;
  useEffect(() => {
    if (lost && firstPage) navigate(`/dienste/${service.slug}/antrag/${firstPage}`, { replace: true });
  }, [lost, firstPage, service.slug]);
  if (citizenId === undefined || !draft) return null;
  const props = { service, version, draft, drafts, citizenId };
  if (step === CHECK_STEP) return <CheckAnswers {...props} />;
  if (!page) return null;
  return <PageStep key={page.id} {...props} page={page} pages={pages} />;
}

function PageStep({ service, version, draft, drafts, page, pages }: StepProps & { page: FormPage; pages: FormPage[] }): ReactNode {
  const { t, language } = useLanguage();
  const { search } = usePlace();
  const definitionLanguage = version.definition.settings.languages.includes(language) ? language : 'de';
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const index = pages.indexOf(page);
  const returnToCheck = search.get('zurueck') === CHECK_STEP;
  const base = `/dienste/${service.slug}/antrag`;
  const { update, flush } = drafts;
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
      const next = writeAnswer(answersRef.current, pointer, value);
      // Read by the next change before React renders again (fast typing, an upload finishing).
      answersRef.current = next;
      update({ answers: next });
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
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const result = await api<{ valid: boolean; errors: FieldError[] }>(`/api/services/${service.id}/versions/${version.version}/validation`, {
        method: 'POST',
        body: answersRef.current,
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
        <Link to={index > 0 ? `${base}/${pages[index - 1]!.id}` : `/dienste/${service.slug}`} className="pt-back-link">
          {t('back')}
        </Link>
        <Progress current={index + 1} total={pages.length + 1} />
      </div>
      <DraftConflict drafts={drafts} />
      <ErrorSummary errors={summary} uiLanguage={language} focusKey={attempt} />
      <FocusedNotice text={problem} tone="error" />
      <p className="pt-caption">{serviceTitle}</p>
      <PageHeading title={`${errors.length > 0 ? `${t('errorTitlePrefix')} ` : ''}${title} – ${serviceTitle}`}>{title}</PageHeading>
      <form noValidate onSubmit={(event) => void onSubmit(event)} className="pt-form">
        <FormPageView page={page} answers={draft.answers} language={definitionLanguage} uiLanguage={language} errors={errorMap} onChange={onChange} upload={upload} />
        {citesPrivacyNotice(page.elements) ? <PrivacyNoticeLink /> : null}
        <div className="pt-actions">
          {/* aria-disabled, not disabled: a disabled button would drop the keyboard focus to the page. */}
          <button type="submit" className="aw-button" aria-disabled={busy} aria-busy={busy}>
            {t('continue')}
          </button>
          <SaveIndicator state={drafts.saveState} />
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

/** Where the answers are kept; said quietly (no live region), except when saving to the account fails. */
function SaveIndicator({ state }: { state: SaveState }): ReactNode {
  const { t } = useLanguage();
  if (state === 'server-failed')
    return (
      <p className="pt-save-state" role="status">
        {t('saveFailed')}
      </p>
    );
  const text = state === 'local' ? t('savedLocally') : state === 'saving' ? t('saving') : state === 'server' ? t('savedOnServer') : '';
  // The line keeps its height when empty, so nothing moves.
  return <p className="pt-save-state">{text}</p>;
}

/** The account's draft changed on another device (or was sent there): the person decides, nothing is overwritten. */
function DraftConflict({ drafts }: { drafts: DraftApi }): ReactNode {
  const { t } = useLanguage();
  if (drafts.saveState !== 'conflict' && drafts.saveState !== 'gone') return null;
  return (
    <div className="pt-notice pt-notice--error" role="alert">
      <p>{drafts.saveState === 'conflict' ? t('draftConflict') : t('draftGone')}</p>
      <div className="pt-actions">
        <button type="button" className="aw-button aw-button--secondary" onClick={() => void drafts.resolve('mine')}>
          {t('keepMine')}
        </button>
        {drafts.saveState === 'conflict' ? (
          <button type="button" className="aw-button aw-button--secondary" onClick={() => void drafts.resolve('theirs')}>
            {t('takeTheirs')}
          </button>
        ) : null}
      </div>
    </div>
  );
}

function CheckAnswers({ service, version, draft, drafts, citizenId }: StepProps): ReactNode {
  const { t, language } = useLanguage();
  const definitionLanguage = version.definition.settings.languages.includes(language) ? language : 'de';
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const base = `/dienste/${service.slug}/antrag`;
  const pages = visiblePages(version.definition.form, draft.answers);
  const changeHref = (page: FormPage, pointer: string) => `${base}/${page.id}?zurueck=${CHECK_STEP}#${fieldId(pointer)}`;

  const showErrors = (found: FieldError[]) => {
    setErrors(
      found.map((error) => {
        const page = pageOfPointer(version.definition.form, error.path);
        return { pointer: error.path, message: error.message, ...(page ? { href: changeHref(page, error.path) } : {}) };
      }),
    );
    setAttempt((n) => n + 1);
  };

  // Whoever arrives here with answers missing (a bookmark, a form updated meanwhile) sees what to fix at once.
  useEffect(() => {
    api<{ valid: boolean; errors: FieldError[] }>(`/api/services/${service.id}/versions/${version.version}/validation`, { method: 'POST', body: draft.answers })
      .then((result) => {
        if (result.errors.length > 0) showErrors(result.errors);
      })
      .catch(() => undefined);
    // Once, on arriving.
  }, []);

  const post = (answers: unknown, key: string) =>
    api<SubmissionAnswer>(`/api/services/${service.id}/submissions`, { method: 'POST', body: answers, headers: { 'Idempotency-Key': key } });

  const send = async () => {
    setSending(true);
    setProblem(null);
    // The key and exactly the answers sent with it are stored before the first attempt, apart from the draft:
    // after a lost answer or a reload, sending again replays the first answer instead of filing twice.
    const pending = loadPendingSend(service.id, citizenId) ?? { key: crypto.randomUUID(), answers: draft.answers };
    rememberPendingSend(service.id, citizenId, pending);
    try {
      let answer: SubmissionAnswer;
      try {
        answer = await post(draft.answers, pending.key);
      } catch (error) {
        // The answers changed after an attempt whose answer was lost, and that attempt did file the application:
        // fetch its answer (the same body replays it) instead of filing a second one.
        if (!(error instanceof ApiError && error.code === 'IDEMPOTENCY_KEY_REUSED')) throw error;
        answer = await post(pending.answers, pending.key);
      }
      clearPendingSend(service.id, citizenId);
      clearLocalDraft(service.id, citizenId);
      // The case is filed: what follows only stores conveniences and must not hide the confirmation.
      try {
        rememberConfirmation(service.id, answer);
        if (!citizenId) rememberCase({ caseId: answer.caseId, reference: answer.reference, accessToken: answer.accessToken, serviceTitle: service.title, receivedAt: new Date().toISOString() });
      } catch {
        // Storage refused: the confirmation below still shows what it can.
      }
      navigate(`${base}/${SENT_STEP}`, { replace: true });
    } catch (error) {
      if (error instanceof NetworkError) setProblem(t('sendNetworkError'));
      else if (error instanceof ApiError && error.errors.length > 0) {
        // Refused: nothing was filed, so the next attempt may use a new key.
        clearPendingSend(service.id, citizenId);
        showErrors(error.errors);
      } else setProblem(error instanceof ApiError ? error.message : t('sendNetworkError'));
    } finally {
      setSending(false);
    }
  };

  const title = t('checkTitle');
  return (
    <>
      <div className="pt-step-header">
        <Link to={`${base}/${pages.at(-1)?.id ?? ''}`} className="pt-back-link">
          {t('back')}
        </Link>
        <Progress current={pages.length + 1} total={pages.length + 1} />
      </div>
      <DraftConflict drafts={drafts} />
      <ErrorSummary errors={errors} uiLanguage={language} focusKey={attempt} title={t('problemTitle')} onNavigate={(href) => navigate(href)} />
      <FocusedNotice text={problem} tone="error" />
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
      <button type="button" className="aw-button" aria-disabled={sending} aria-busy={sending} onClick={() => void (sending ? undefined : send())}>
        {sending ? t('sending') : t('send')}
      </button>
    </>
  );
}
