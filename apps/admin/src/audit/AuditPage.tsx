import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ErrorSummary, type SummaryError } from '@amtsweg/ui';
import { ApiError, PageHeading } from '@amtsweg/ui/app';
import { Field } from '../form-field';
import { formatMoment, useLanguage, type Translate } from '../i18n';
import { AUDIT_KINDS } from './audit-texts';
import { loadAuditPage, type AuditEntry, type AuditFilter } from './audit-api';
import { auditActor, auditDetails, auditKindLabel, auditSubject } from './describe-audit-entry';
import '../staff/staff.css';

type FilterField = keyof AuditFilter;
const IDS: Record<FilterField, string> = { kind: 'audit-kind', from: 'audit-from', to: 'audit-to' };

/**
 * The audit trail, newest first: time (Berlin), event in words, who (by name), whom or what, details, IP address;
 * filtered by kind and period, fifty entries at a time with "Ältere Einträge" for the next fifty.
 */
export function AuditPage(): ReactNode {
  const { t, language } = useLanguage();
  const [draft, setDraft] = useState<AuditFilter>({ kind: '', from: '', to: '' });
  const [filter, setFilter] = useState<AuditFilter>(draft);
  const [entries, setEntries] = useState<AuditEntry[] | undefined>(undefined);
  const [nextBefore, setNextBefore] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const olderRef = useRef<HTMLButtonElement>(null);
  const countRef = useRef<HTMLParagraphElement>(null);
  const [loadedMore, setLoadedMore] = useState(0);
  // After older entries are shown, the keyboard stays near the list: on the button, or on the count once there is nothing older.
  useEffect(() => {
    if (loadedMore > 0) (olderRef.current ?? countRef.current)?.focus();
  }, [loadedMore]);

  const fail = (problems: [FilterField, string][]) => {
    setErrors(problems.map(([field, text]) => ({ pointer: `#${IDS[field]}`, message: text })));
    setAttempt((n) => n + 1);
  };

  useEffect(() => {
    let current = true;
    setEntries(undefined);
    setMessage(null);
    loadAuditPage(filter).then(
      (page) => {
        if (!current) return;
        setEntries(page.events);
        setNextBefore(page.nextBefore);
        setProblem(null);
      },
      (error: unknown) => {
        if (!current) return;
        const named = error instanceof ApiError ? refusalByField(error) : [];
        if (named.length > 0) fail(named);
        else setProblem(error instanceof ApiError ? error.message : t('loadFailed'));
        setEntries([]);
        setNextBefore(null);
      },
    );
    return () => {
      current = false;
    };
  }, [filter]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const problems = checkFilter(draft, t);
    if (problems.length > 0) return fail(problems);
    setErrors([]);
    setFilter({ ...draft });
  };

  const loadOlder = async () => {
    if (busy || !nextBefore) return;
    setBusy(true);
    try {
      const page = await loadAuditPage(filter, nextBefore);
      setEntries((current) => [...(current ?? []), ...page.events]);
      setNextBefore(page.nextBefore);
      setMessage(t('audit.loadedMore')(page.events.length));
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : t('loadFailed'));
    } finally {
      setBusy(false);
      setLoadedMore((n) => n + 1);
    }
  };

  const errorOf = (field: FilterField) => errors.find((error) => error.pointer === `#${IDS[field]}`)?.message;
  return (
    <>
      <PageHeading title={`${t('audit.title')} – ${t('appName')}`}>{t('audit.title')}</PageHeading>
      <p className="ad-lead">{t('audit.intro')}</p>
      <ErrorSummary errors={errors} uiLanguage={language} focusKey={attempt} title={t('problemTitle')} />
      <form noValidate aria-label={t('audit.filterTitle')} className="ad-filters" onSubmit={apply}>
        <Field id={IDS.kind} label={t('audit.kind')} error={errorOf('kind')}>
          {(description) => (
            <select id={IDS.kind} className="aw-select" value={draft.kind} onChange={(event) => setDraft({ ...draft, kind: event.target.value })} {...description}>
              <option value="">{t('audit.allKinds')}</option>
              {AUDIT_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {auditKindLabel(t, kind)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={IDS.from} label={t('audit.from')} hint={t('audit.dateHint')} error={errorOf('from')}>
          {(description) => <input id={IDS.from} className="aw-input aw-input--date" type="date" value={draft.from} onChange={(event) => setDraft({ ...draft, from: event.target.value })} {...description} />}
        </Field>
        <Field id={IDS.to} label={t('audit.to')} hint={t('audit.dateHint')} error={errorOf('to')}>
          {(description) => <input id={IDS.to} className="aw-input aw-input--date" type="date" value={draft.to} onChange={(event) => setDraft({ ...draft, to: event.target.value })} {...description} />}
        </Field>
        <button type="submit" className="aw-button aw-button--secondary st-filter-button">
          {t('audit.show')}
        </button>
      </form>
      {problem ? (
        <p className="pt-notice pt-notice--error" role="alert">
          {problem}
        </p>
      ) : null}
      <p role="status" className={message ? 'pt-notice pt-notice--success' : 'ad-empty-status'}>
        {message}
      </p>
      <p id="audit-count" ref={countRef} role="status" tabIndex={-1} className="ad-count">
        {entries === undefined ? t('loading') : t('audit.count')(entries.length, nextBefore !== null)}
      </p>
      {entries && entries.length > 0 ? (
        <table className="ad-table">
          <caption className="aw-visually-hidden">{t('audit.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audit.at')}</th>
              <th scope="col">{t('audit.event')}</th>
              <th scope="col">{t('audit.actor')}</th>
              <th scope="col">{t('audit.subject')}</th>
              <th scope="col">{t('audit.details')}</th>
              <th scope="col">{t('audit.ip')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry, index) => (
              <tr key={`${entry.at}-${index}`}>
                <td>{formatMoment(entry.at, language)}</td>
                <th scope="row">{auditKindLabel(t, entry.kind)}</th>
                <td>{auditActor(t, entry)}</td>
                <td className="st-details">{auditSubject(t, entry)}</td>
                <td className="st-details">{auditDetails(t, language, entry)}</td>
                <td>{entry.ip ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {nextBefore ? (
        <p>
          <button ref={olderRef} type="button" className="aw-button aw-button--secondary" aria-disabled={busy} onClick={() => void loadOlder()}>
            {t('audit.older')}
          </button>
        </p>
      ) : null}
    </>
  );
}

/** What can be told before asking the server. */
function checkFilter(filter: AuditFilter, t: Translate): [FilterField, string][] {
  const problems: [FilterField, string][] = [];
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (filter.from && !day.test(filter.from)) problems.push(['from', t('audit.dateInvalid')]);
  if (filter.to && !day.test(filter.to)) problems.push(['to', t('audit.dateInvalid')]);
  if (problems.length === 0 && filter.from && filter.to && filter.to < filter.from) problems.push(['to', t('audit.toBeforeFrom')]);
  return problems;
}

/** The server's refusal of the filter at the fields it names (`/querystring/from`). */
function refusalByField(error: ApiError): [FilterField, string][] {
  return error.errors.flatMap((entry): [FilterField, string][] => {
    const field = /^\/querystring\/(kind|from|to)$/.exec(entry.path)?.[1] as FilterField | undefined;
    return field ? [[field, entry.message]] : [];
  });
}
