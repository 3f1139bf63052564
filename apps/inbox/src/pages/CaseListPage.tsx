import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ServiceDefinition } from '@amtsweg/definitions';
import { localize } from '@amtsweg/ui';
import { api, ApiError, formatDateTime, Link, navigate, PageHeading, usePlace, useStaffSession } from '@amtsweg/ui/app';
import { BASE } from '../App';
import { useLanguage } from '../i18n';
import { loadCaseworkers, loadDefinition, loadServices, type Caseworker, type ServiceEntry } from '../reference-data';

interface CaseRow {
  id: string;
  reference: string;
  serviceId: string;
  serviceVersion: number;
  state: string;
  status: string;
  applicantName: string;
  assigneeId: string | null;
  dueAt: string | null;
  receivedAt: string;
  overdue: boolean;
}

interface ListAnswer {
  cases: CaseRow[];
  nextCursor: string | null;
  countsByState: Record<string, number>;
}

const TABS = ['open', 'mine', 'unassigned', 'waiting', 'overdue'] as const;
type Tab = (typeof TABS)[number];

/**
 * The work list: views (tabs) for the usual questions, filters by service and state, search, sort, counts per
 * state, and paging by cursor. The filters live in the address, so a view can be bookmarked and reloaded.
 */
export function CaseListPage(): ReactNode {
  const { t, language } = useLanguage();
  const { search } = usePlace();
  const tab = (TABS as readonly string[]).includes(search.get('ansicht') ?? '') ? (search.get('ansicht') as Tab) : 'open';
  const serviceId = search.get('dienst') ?? '';
  const state = search.get('stand') ?? '';
  const sort = search.get('sortierung') === 'due' ? 'due' : 'received';
  const [query, setQuery] = useState(search.get('suche') ?? '');
  const [answer, setAnswer] = useState<ListAnswer | undefined>(undefined);
  const [rows, setRows] = useState<CaseRow[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [services, setServices] = useState<ServiceEntry[]>([]);
  const [people, setPeople] = useState<Caseworker[]>([]);
  const [definitions, setDefinitions] = useState<Map<string, ServiceDefinition>>(new Map());
  const searchRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);

  useEffect(() => {
    void loadServices().then(async (found) => {
      setServices(found);
      const loaded = await Promise.all(found.map(async (s) => [s.id, await loadDefinition(s.id, s.publishedVersion)] as const));
      setDefinitions(new Map(loaded));
    });
    void loadCaseworkers().then(setPeople, () => setPeople([]));
  }, []);

  // "Waiting for the applicant" is a kind of state; each service names its own.
  const waitingStates = [...new Set([...definitions.values()].flatMap((d) => d.process.states.filter((s) => s.kind === 'waiting').map((s) => s.id)))];

  const params = (cursor?: string) => {
    const query_ = new URLSearchParams({ sort, limit: '50' });
    if (serviceId) query_.set('serviceId', serviceId);
    if (state) query_.set('state', state);
    else if (tab === 'waiting' && waitingStates[0]) query_.set('state', waitingStates[0]);
    if (tab === 'mine') query_.set('assignee', 'me');
    if (tab === 'unassigned') query_.set('assignee', 'unassigned');
    if (tab === 'overdue') query_.set('overdue', 'true');
    if (search.get('suche')) query_.set('q', search.get('suche')!);
    if (cursor) query_.set('cursor', cursor);
    return query_.toString();
  };
  const key = params();

  useEffect(() => {
    let current = true;
    setProblem(null);
    api<ListAnswer>(`/api/cases?${key}`)
      .then((next) => {
        if (!current) return;
        setAnswer(next);
        setRows(next.cases);
      })
      .catch((error: unknown) => current && setProblem(error instanceof ApiError ? error.message : t('loadFailed')));
    return () => {
      current = false;
    };
  }, [key, t]);

  // j/k walk the list, / goes to the search; Enter on a row opens it (it is a link).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (event.ctrlKey || event.metaKey || event.altKey || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) return;
      if (event.key === '/') {
        event.preventDefault();
        searchRef.current?.focus();
      } else if (event.key === 'j' || event.key === 'k') {
        const links = [...(tableRef.current?.querySelectorAll<HTMLAnchorElement>('tbody a') ?? [])];
        if (links.length === 0) return;
        const at = links.indexOf(document.activeElement as HTMLAnchorElement);
        const next = event.key === 'j' ? Math.min(at + 1, links.length - 1) : Math.max(at - 1, 0);
        links[at === -1 ? 0 : next]!.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const go = (changes: Record<string, string>) => {
    const next = new URLSearchParams(search);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    navigate(`${BASE}/${next.size > 0 ? `?${next.toString()}` : ''}`, { replace: true });
  };

  const loadMore = async () => {
    if (!answer?.nextCursor) return;
    const next = await api<ListAnswer>(`/api/cases?${params(answer.nextCursor)}`);
    setAnswer(next);
    setRows((current) => [...current, ...next.cases]);
  };

  const stateLabel = (row: Pick<CaseRow, 'serviceId' | 'state'>) =>
    localize(definitions.get(row.serviceId)?.process.states.find((s) => s.id === row.state)?.label, language) || row.state;
  // The filters offer the services the caseworker holds a role in (the inbox shows only their cases), and their states.
  const { staff } = useStaffSession();
  const granted = new Set(staff?.serviceRoles.map((grant) => grant.serviceId));
  const ownServices = services.filter((s) => granted.has(s.id));
  const allStates = [
    ...new Map(
      [...definitions.entries()].filter(([id]) => granted.has(id)).flatMap(([, d]) => d.process.states.map((s) => [s.id, localize(s.label, language)] as const)),
    ).entries(),
  ];
  const nameOf = (id: string | null) => (id ? (people.find((p) => p.id === id)?.displayName ?? '–') : t('nobody'));
  const tabLabel: Record<Tab, string> = { open: t('tabOpen'), mine: t('tabMine'), unassigned: t('tabUnassigned'), waiting: t('tabWaiting'), overdue: t('tabOverdue') };

  return (
    <>
      <PageHeading title={`${t('listTitle')} – ${t('appName')}`}>{t('listTitle')}</PageHeading>
      <nav aria-label={t('tabs')} className="aw-tabs">
        <ul>
          {TABS.map((name) => (
            <li key={name}>
              <Link to={`${BASE}/?ansicht=${name}`} aria-current={tab === name ? 'page' : undefined} onClick={() => setRows([])}>
                {tabLabel[name]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <form
        className="ib-filters"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          go({ suche: query.trim() });
        }}
      >
        <div className="ib-filter">
          <label className="aw-label" htmlFor="filter-search">
            {t('search')}
          </label>
          <input id="filter-search" ref={searchRef} className="aw-input" type="search" value={query} onChange={(event) => setQuery(event.target.value)} />
        </div>
        <div className="ib-filter">
          <label className="aw-label" htmlFor="filter-service">
            {t('service')}
          </label>
          <select id="filter-service" className="aw-select" value={serviceId} onChange={(event) => go({ dienst: event.target.value })}>
            <option value="">{t('allServices')}</option>
            {ownServices.map((s) => (
              <option key={s.id} value={s.id}>
                {localize(s.title, language)}
              </option>
            ))}
          </select>
        </div>
        <div className="ib-filter">
          <label className="aw-label" htmlFor="filter-state">
            {t('state')}
          </label>
          <select id="filter-state" className="aw-select" value={state} onChange={(event) => go({ stand: event.target.value })}>
            <option value="">{t('allStates')}</option>
            {allStates.map(([id, label]) => (
              <option key={id} value={id}>
                {label}
                {answer?.countsByState[id] !== undefined ? ` (${answer.countsByState[id]})` : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="ib-filter">
          <label className="aw-label" htmlFor="filter-sort">
            {t('sort')}
          </label>
          <select id="filter-sort" className="aw-select" value={sort} onChange={(event) => go({ sortierung: event.target.value === 'due' ? 'due' : '' })}>
            <option value="received">{t('sortReceived')}</option>
            <option value="due">{t('sortDue')}</option>
          </select>
        </div>
        <button type="submit" className="aw-button aw-button--secondary">
          {t('searchButton')}
        </button>
      </form>
      {answer ? (
        <p className="ib-counts" role="status">
          {Object.entries(answer.countsByState)
            .map(([id, count]) => `${allStates.find(([stateId]) => stateId === id)?.[1] ?? id}: ${count}`)
            .join(' · ')}
        </p>
      ) : null}
      {problem ? (
        <div className="pt-notice pt-notice--error" role="alert">
          {problem}
        </div>
      ) : null}
      {answer && rows.length === 0 ? <p>{staff && granted.size === 0 ? t('noServiceRoles') : t('noCases')}</p> : null}
      {rows.length > 0 ? (
        <table className="ib-table" ref={tableRef}>
          <caption className="aw-visually-hidden">{`${tabLabel[tab]} – ${t('countOf')(rows.length)}`}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reference')}</th>
              <th scope="col">{t('applicant')}</th>
              <th scope="col">{t('service')}</th>
              <th scope="col">{t('state')}</th>
              <th scope="col">{t('received')}</th>
              <th scope="col">{t('due')}</th>
              <th scope="col">{t('assignee')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className={row.overdue ? 'ib-row--overdue' : undefined}>
                <td>
                  <Link to={`${BASE}/vorgaenge/${row.id}`}>{row.reference}</Link>
                </td>
                <td>{row.applicantName}</td>
                <td>{localize(services.find((s) => s.id === row.serviceId)?.title, language)}</td>
                <td>{stateLabel(row)}</td>
                <td>{formatDateTime(row.receivedAt, language, false)}</td>
                <td>
                  {row.dueAt ? formatDateTime(row.dueAt, language, false) : '–'}
                  {row.overdue ? <strong className="ib-overdue"> {t('overdue')}</strong> : null}
                </td>
                <td>{nameOf(row.assigneeId)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {answer?.nextCursor ? (
        <button type="button" className="aw-button aw-button--secondary" onClick={() => void loadMore()}>
          {t('more')}
        </button>
      ) : null}
      <details className="ib-shortcuts">
        <summary>{t('shortcutsTitle')}</summary>
        <p>{t('shortcuts')}</p>
      </details>
    </>
  );
}
