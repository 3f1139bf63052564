import { useId, useMemo, type ReactNode } from 'react';
import { useDroppable } from '@dnd-kit/core';
import type { FormPage } from '@amtsweg/definitions';
import { useLanguage } from '../i18n';
import type { DragData } from './drag-plan';
import { countPageProblems, type ElementProblem } from './element-problems';
import { focusTarget } from './focus-soon';
import { useFormTexts } from './form-texts';
import { pageName, type FormActions } from './use-form-designer';

interface PageListProps {
  pages: readonly FormPage[];
  currentId: string;
  problems: ReadonlyMap<string, readonly ElementProblem[]>;
  actions: FormActions;
}

/**
 * The form's pages: choose the one shown on the canvas (its properties show when no field is selected), add,
 * reorder, delete. Each page name is a drop place: a field dropped on it moves to the end of that page.
 */
export function PageList({ pages, currentId, problems, actions }: PageListProps): ReactNode {
  const t = useFormTexts();
  return (
    <section className="st-pages" aria-labelledby="st-pages-title">
      <h2 id="st-pages-title">{t('pagesTitle')}</h2>
      <ol className="st-page-list">
        {pages.map((page, index) => (
          <PageItem
            key={page.id}
            page={page}
            index={index}
            count={pages.length}
            current={page.id === currentId}
            problemCount={countPageProblems(problems, `/form/pages/${index}`)}
            actions={actions}
          />
        ))}
      </ol>
      <button type="button" className="aw-button aw-button--secondary st-small-button" onClick={actions.addPage}>
        {t('addPage')}
      </button>
      <p className="aw-hint">{t('pageDropHint')}</p>
    </section>
  );
}

interface PageItemProps {
  page: FormPage;
  index: number;
  count: number;
  current: boolean;
  problemCount: { all: number; errors: number };
  actions: FormActions;
}

function PageItem({ page, index, count, current, problemCount, actions }: PageItemProps): ReactNode {
  const t = useFormTexts();
  const { language } = useLanguage();
  const infoId = useId();
  const data = useMemo<DragData>(
    () => ({ target: { kind: 'page', page: page.id, length: page.elements.length, pageName: { de: pageName(page, 'de'), en: pageName(page, 'en') } } }),
    [page],
  );
  const { setNodeRef, isOver } = useDroppable({ id: `page:${page.id}`, data });
  const name = pageName(page, language);
  const classes = [
    'st-page',
    current ? 'st-page--current' : '',
    isOver ? 'st-page--over' : '',
    problemCount.all > 0 ? 'st-has-error' : '',
    problemCount.all > 0 && problemCount.errors === 0 ? 'st-has-warning' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <li ref={setNodeRef} className={classes}>
      <button
        type="button"
        className="st-page-select"
        aria-current={current ? 'true' : undefined}
        aria-describedby={infoId}
        onClick={() => actions.selectPage(page.id)}
        data-st-focus={focusTarget('page', page.id)}
      >
        {name}
      </button>
      <span id={infoId} className="st-page-info">
        {t('pageCount')(page.elements.length)}
        {problemCount.all > 0 ? `, ${t('pageProblems')(problemCount.all)}` : ''}
      </span>
      <span className="st-page-actions">
        <button
          type="button"
          className="st-icon-button"
          aria-label={t('pageUp')(name)}
          title={t('pageUp')(name)}
          aria-disabled={index === 0 || undefined}
          onClick={() => actions.movePage(page.id, -1)}
          data-st-focus={focusTarget('page-up', page.id)}
        >
          <span aria-hidden="true">↑</span>
        </button>
        <button
          type="button"
          className="st-icon-button"
          aria-label={t('pageDown')(name)}
          title={t('pageDown')(name)}
          aria-disabled={index === count - 1 || undefined}
          onClick={() => actions.movePage(page.id, 1)}
          data-st-focus={focusTarget('page-down', page.id)}
        >
          <span aria-hidden="true">↓</span>
        </button>
        <button
          type="button"
          className="st-icon-button st-icon-button--danger"
          aria-label={t('pageDelete')(name)}
          title={t('pageDelete')(name)}
          onClick={() => actions.deletePage(page.id)}
        >
          <span aria-hidden="true">✕</span>
        </button>
      </span>
    </li>
  );
}
