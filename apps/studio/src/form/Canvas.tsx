import { memo, useId, useMemo, useRef, type ReactNode } from 'react';
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, useSortable, type SortingStrategy } from '@dnd-kit/sortable';
import type { FormElement, FormPage } from '@amtsweg/definitions';
import { describeElement, type EditText, type ElementScope } from '@amtsweg/editor';
import { useLanguage } from '../i18n';
import { dropPosition, isInsideSource, joinPath, type DragData, type DragSource, type DropTarget } from './drag-plan';
import { useDraggedSource } from './dragged-source';
import type { ElementProblem } from './element-problems';
import { elementName, isContainerElement, typeName } from './field-types';
import { focusTarget } from './focus-soon';
import { formText, useFormTexts } from './form-texts';
import { pageName, type FormActions } from './use-form-designer';

/** A page as the "to page" choice names it. */
export interface PageChoice {
  id: string;
  name: string;
}

// The items stay where they are while dragging; a line shows where the drop would land (see `dropPosition`).
const NO_SHIFT: SortingStrategy = () => null;
const NO_PROBLEMS: readonly ElementProblem[] = [];
const NO_PROBLEM_MAP: ReadonlyMap<string, readonly ElementProblem[]> = new Map();
const TO_PAGE_HINT_ID = 'st-to-page-hint';

/** Returns the previous value while `next` equals it, so memoised children and dnd-kit contexts stay put. */
function useStable<T>(next: T, equal: (a: T, b: T) => boolean): T {
  const kept = useRef(next);
  if (!equal(kept.current, next)) kept.current = next;
  return kept.current;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

interface CanvasProps {
  page: FormPage;
  pageIndex: number;
  pages: readonly PageChoice[];
  selectedPath: string | null;
  canPaste: boolean;
  problems: ReadonlyMap<string, readonly ElementProblem[]>;
  actions: FormActions;
}

/** The fields of the page being designed, in order; groups and repeating groups hold their own lists. */
export function Canvas({ page, pageIndex, pages, selectedPath, canPaste, problems, actions }: CanvasProps): ReactNode {
  const t = useFormTexts();
  const { language } = useLanguage();
  const titleDe = pageName(page, 'de');
  const titleEn = pageName(page, 'en');
  const scopeName = useMemo(() => ({ de: formText('scopePage', 'de')(titleDe), en: formText('scopePage', 'en')(titleEn) }), [titleDe, titleEn]);
  const endName = useMemo(() => ({ de: formText('endOfPage', 'de')(titleDe), en: formText('endOfPage', 'en')(titleEn) }), [titleDe, titleEn]);
  const title = pageName(page, language);
  return (
    <section className="st-canvas" aria-labelledby="st-canvas-title">
      <h2 id="st-canvas-title" tabIndex={-1} data-st-focus={focusTarget('canvas-heading')}>
        {t('canvasTitle')(title)}
      </h2>
      <p id={TO_PAGE_HINT_ID} hidden>
        {t('toPageHint')}
      </p>
      {page.elements.length === 0 ? <p className="aw-hint">{t('emptyPage')}</p> : null}
      <ElementList
        elements={page.elements}
        page={page.id}
        parent={undefined}
        listPointer={`/form/pages/${pageIndex}`}
        label={t('canvasLabel')(title)}
        scopeName={scopeName}
        endName={endName}
        selectedPath={selectedPath}
        canPaste={canPaste}
        problems={problems}
        pages={pages}
        actions={actions}
      />
      {canPaste ? (
        <button type="button" className="aw-button aw-button--secondary st-small-button" onClick={() => actions.pasteAtEnd({ page: page.id })}>
          {t('pasteAtEnd')}
        </button>
      ) : null}
    </section>
  );
}

interface ElementListProps {
  elements: readonly FormElement[];
  page: string;
  parent: string | undefined;
  /** Pointer of the page or group holding the list. */
  listPointer: string;
  label: string;
  /** „auf der Seite „Halter““ / „in Gruppe „Halter““: where the list's elements are, for announcements. */
  scopeName: EditText;
  endName: EditText;
  selectedPath: string | null;
  canPaste: boolean;
  problems: ReadonlyMap<string, readonly ElementProblem[]>;
  pages: readonly PageChoice[];
  actions: FormActions;
}

/** One list of elements (a page's top level or a group's contents): a sortable list with a drop place at its end. */
const ElementList = memo(function ElementList(props: ElementListProps): ReactNode {
  const { elements, page, parent, listPointer, selectedPath, problems } = props;
  const ids = useStable(
    elements.map((element) => `el:${joinPath(parent, element.key)}`),
    sameStrings,
  );
  const scope = useMemo<ElementScope>(() => (parent === undefined ? { page } : { page, parent }), [page, parent]);
  return (
    <SortableContext id={`list:${page}:${parent ?? ''}`} items={ids} strategy={NO_SHIFT}>
      <ol className="st-element-list" aria-label={props.label}>
        {elements.map((element, index) => {
          const path = joinPath(parent, element.key);
          const pointer = `${listPointer}/elements/${index}`;
          const container = isContainerElement(element);
          return (
            <ElementItem
              key={element.key}
              element={element}
              path={path}
              page={page}
              parent={parent}
              index={index}
              count={elements.length}
              pointer={pointer}
              scopeName={props.scopeName}
              selected={path === selectedPath}
              selectedPath={container && selectedPath?.startsWith(`${path}.`) ? selectedPath : null}
              canPaste={props.canPaste}
              ownProblems={problems.get(pointer) ?? NO_PROBLEMS}
              problems={container ? problems : undefined}
              pages={props.pages}
              actions={props.actions}
            />
          );
        })}
      </ol>
      <EndZone scope={scope} length={elements.length} endName={props.endName} />
    </SortableContext>
  );
});

interface ElementItemProps {
  element: FormElement;
  path: string;
  page: string;
  parent: string | undefined;
  index: number;
  count: number;
  pointer: string;
  scopeName: EditText;
  selected: boolean;
  /** Only for groups holding the selected element, which pass it on to their contents; null otherwise, so other items ignore selection changes. */
  selectedPath: string | null;
  canPaste: boolean;
  ownProblems: readonly ElementProblem[];
  /** Only for groups, for their contents. */
  problems: ReadonlyMap<string, readonly ElementProblem[]> | undefined;
  pages: readonly PageChoice[];
  actions: FormActions;
}

/**
 * One element on the canvas: a handle to drag it (also by keyboard), a button naming it that selects it, its
 * kind and problems, and buttons to move, copy, paste after, and delete it. Memoised: the definition is
 * immutable, so an unchanged element keeps its identity and its item does not re-render while another is edited.
 */
const ElementItem = memo(function ElementItem(props: ElementItemProps): ReactNode {
  const { element, path, page, parent, index, count, pointer, actions, ownProblems } = props;
  const t = useFormTexts();
  const { language } = useLanguage();
  const describeId = useId();
  const problemsId = useId();
  const name = elementName(element);
  const described = useMemo(() => describeElement(element), [element]);
  const place = useMemo(() => (parent === undefined ? { page, index } : { page, parent, index }), [page, parent, index]);
  const target = useMemo<DropTarget>(() => ({ kind: 'item', path, place, name: described, scopeName: props.scopeName }), [path, place, described, props.scopeName]);
  const source = useMemo<DragSource>(() => ({ kind: 'element', path, place, name: described }), [path, place, described]);
  const data = useMemo<DragData>(() => ({ source, target }), [source, target]);
  const dragged = useDraggedSource();
  // A group cannot be dropped into itself: its contents are no drop places while it is dragged.
  const insideDragged = dragged !== undefined && isInsideSource(dragged, target);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, isOver, isDragging } = useSortable({
    id: `el:${path}`,
    data,
    disabled: { draggable: false, droppable: insideDragged },
    attributes: { roleDescription: t('roleDescription') },
  });
  const indicator = isOver && dragged !== undefined && !insideDragged ? dropPosition(dragged, target) : 'none';
  const hasErrors = ownProblems.some((problem) => problem.severity === 'error');
  const classes = [
    'st-element',
    isContainerElement(element) ? 'st-element--container' : '',
    props.selected ? 'st-element--selected' : '',
    ownProblems.length > 0 ? 'st-has-error' : '',
    ownProblems.length > 0 && !hasErrors ? 'st-has-warning' : '',
    isDragging ? 'st-element--dragging' : '',
    indicator === 'before' ? 'st-drop-before' : '',
    indicator === 'after' ? 'st-drop-after' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const badges = [typeName(element.type, language)];
  if ('required' in element && element.required) badges.push(t('badgeRequired'));
  else if ('requiredIf' in element && element.requiredIf !== undefined) badges.push(t('badgeRequiredIf'));
  if (element.visibleIf !== undefined) badges.push(t('badgeConditional'));
  const otherPages = props.pages.filter((choice) => choice.id !== page || parent !== undefined);

  return (
    <li ref={setNodeRef} className={classes}>
      <div className="st-element-bar">
        <div className="st-element-head">
          <button
            type="button"
            ref={setActivatorNodeRef}
            {...attributes}
            {...listeners}
            className="st-drag-handle"
            aria-label={t('dragHandle')(name)}
            data-st-focus={focusTarget('handle', path)}
          >
            <span aria-hidden="true">⠿</span>
          </button>
          <button
            type="button"
            className="st-element-select"
            aria-current={props.selected ? 'true' : undefined}
            aria-describedby={ownProblems.length > 0 ? `${describeId} ${problemsId}` : describeId}
            onClick={() => actions.selectElement(path)}
            data-st-focus={focusTarget('select', path)}
          >
            {name}
          </button>
          <span id={describeId} className="st-element-kind">
            {badges.join(', ')}
          </span>
        </div>
        <div className="st-element-actions">
          <button
            type="button"
            className="st-small-button"
            aria-label={t('moveUpNamed')(name)}
            aria-disabled={index === 0 || undefined}
            onClick={() => actions.moveBy(path, -1)}
            data-st-focus={focusTarget('up', path)}
          >
            {t('moveUp')}
          </button>
          <button
            type="button"
            className="st-small-button"
            aria-label={t('moveDownNamed')(name)}
            aria-disabled={index === count - 1 || undefined}
            onClick={() => actions.moveBy(path, 1)}
            data-st-focus={focusTarget('down', path)}
          >
            {t('moveDown')}
          </button>
          {otherPages.length > 0 ? (
            <select
              className="st-small-select"
              aria-label={t('toPageNamed')(name)}
              aria-describedby={TO_PAGE_HINT_ID}
              value=""
              onChange={(event) => {
                if (event.target.value !== '') actions.moveToPage(path, event.target.value);
              }}
            >
              <option value="">{t('toPage')}</option>
              {otherPages.map((choice) => (
                <option key={choice.id} value={choice.id}>
                  {choice.name}
                </option>
              ))}
            </select>
          ) : null}
          <button type="button" className="st-small-button" aria-label={t('copyNamed')(name)} onClick={() => actions.copy(path)}>
            {t('copy')}
          </button>
          <button
            type="button"
            className="st-small-button"
            aria-label={t('pasteNamed')(name)}
            aria-disabled={!props.canPaste || undefined}
            onClick={() => actions.pasteAfter(path)}
          >
            {t('paste')}
          </button>
          <button type="button" className="st-small-button st-small-button--danger" aria-label={t('removeNamed')(name)} onClick={() => actions.remove(path)}>
            {t('remove')}
          </button>
        </div>
      </div>
      {ownProblems.length > 0 ? (
        <ul id={problemsId} className="st-element-problems">
          {ownProblems.map((problem, position) => (
            <li key={position} className={`st-element-problem st-element-problem--${problem.severity}`}>
              <strong>{problem.severity === 'error' ? t('errorPrefix') : t('warningPrefix')}</strong> {problem.message}
            </li>
          ))}
        </ul>
      ) : null}
      {isContainerElement(element) ? (
        <GroupContents
          element={element}
          path={path}
          page={page}
          pointer={pointer}
          selectedPath={props.selectedPath}
          canPaste={props.canPaste}
          problems={props.problems ?? NO_PROBLEM_MAP}
          pages={props.pages}
          actions={actions}
        />
      ) : null}
    </li>
  );
});

interface GroupContentsProps {
  element: Extract<FormElement, { elements: FormElement[] }>;
  path: string;
  page: string;
  pointer: string;
  selectedPath: string | null;
  canPaste: boolean;
  problems: ReadonlyMap<string, readonly ElementProblem[]>;
  pages: readonly PageChoice[];
  actions: FormActions;
}

/** The list inside a group or repeating group, with a button to paste into it. */
function GroupContents({ element, path, page, pointer, selectedPath, canPaste, problems, pages, actions }: GroupContentsProps): ReactNode {
  const t = useFormTexts();
  const { language } = useLanguage();
  const dativeDe = describeElement(element, 'dative').de;
  const dativeEn = describeElement(element, 'dative').en;
  const scopeName = useMemo(() => ({ de: formText('scopeGroup', 'de')(dativeDe), en: formText('scopeGroup', 'en')(dativeEn) }), [dativeDe, dativeEn]);
  const endName = useMemo(() => ({ de: formText('endOfGroup', 'de')(dativeDe), en: formText('endOfGroup', 'en')(dativeEn) }), [dativeDe, dativeEn]);
  const dative = language === 'de' ? dativeDe : dativeEn;
  return (
    <div className="st-group-contents">
      <ElementList
        elements={element.elements}
        page={page}
        parent={path}
        listPointer={pointer}
        label={t('groupContents')(describeElement(element, 'dative')[language])}
        scopeName={scopeName}
        endName={endName}
        selectedPath={selectedPath}
        canPaste={canPaste}
        problems={problems}
        pages={pages}
        actions={actions}
      />
      {canPaste ? (
        <button type="button" className="st-small-button" onClick={() => actions.pasteAtEnd({ page, parent: path })}>
          {t('pasteInto')(dative)}
        </button>
      ) : null}
    </div>
  );
}

/** The drop place at the end of a list; named while something is dragged, or when the list is empty. */
function EndZone({ scope, length, endName }: { scope: ElementScope; length: number; endName: EditText }): ReactNode {
  const t = useFormTexts();
  const { language } = useLanguage();
  const target = useMemo<DropTarget>(() => ({ kind: 'end', scope, length, endName }), [scope, length, endName]);
  const data = useMemo<DragData>(() => ({ target }), [target]);
  const dragged = useDraggedSource();
  const disabled = dragged !== undefined && isInsideSource(dragged, target);
  const { setNodeRef, isOver } = useDroppable({ id: `end:${scope.page}:${scope.parent ?? ''}`, data, disabled });
  const classes = ['st-end-zone', length === 0 ? 'st-end-zone--empty' : '', dragged && !disabled ? 'st-end-zone--active' : '', isOver && !disabled ? 'st-end-zone--over' : '']
    .filter(Boolean)
    .join(' ');
  const showText = length === 0 || (dragged !== undefined && !disabled);
  return (
    <div ref={setNodeRef} className={classes}>
      {showText ? (scope.parent === undefined ? t('dropAtEndOfPage') : `${t('dropHere')} (${endName[language]})`) : null}
    </div>
  );
}
