import { useMemo, useRef, useState } from 'react';
import type { FormElement, FormPage, LocalizedText, ServiceDefinition } from '@amtsweg/definitions';
import {
  addElement,
  addPage,
  copyElement,
  deleteElement,
  deletePage,
  describeElement,
  findElement,
  findElementAt,
  findUsages,
  keyFromLabel,
  listTakenKeys,
  moveElement,
  movePage,
  pasteElement,
  renameKey,
  updateElement,
  updatePage,
  type EditLabel,
  type EditResult,
  type ElementChanges,
  type ElementClipboard,
  type ElementPlace,
  type ElementScope,
  type PageChanges,
} from '@amtsweg/editor';
import type { UiLanguage } from '@amtsweg/ui';
import { useEditor } from '../editor-context';
import { useLanguage } from '../i18n';
import { joinPath, planDrop, replacePathPrefix, type DragSource, type DropTarget } from './drag-plan';
import { createNewElement, type ElementType } from './field-types';
import { focusSoon, focusTarget } from './focus-soon';
import { capitalize, FORM_TEXTS, formText, pageStepLabel, stepLabel } from './form-texts';

/** The element whose properties are shown; `token` changes on every new choice (not when its path follows a rename). */
export interface Selection {
  path: string | null;
  token: number;
}

/**
 * Everything the designer can do. The functions are stable for the designer's lifetime (they read the latest
 * definition from a ref), so memoised field items do not re-render because of them.
 */
export interface FormActions {
  selectPage: (pageId: string) => void;
  selectElement: (path: string) => void;
  addPage: () => void;
  movePage: (pageId: string, delta: -1 | 1) => void;
  deletePage: (pageId: string) => void;
  updatePage: (pageId: string, changes: PageChanges, part: string) => void;
  addNew: (type: ElementType) => void;
  moveBy: (path: string, delta: -1 | 1) => void;
  moveToPage: (path: string, pageId: string) => void;
  copy: (path: string) => void;
  pasteAfter: (path: string) => void;
  pasteAtEnd: (scope: ElementScope) => void;
  remove: (path: string) => void;
  drop: (source: DragSource, target: DropTarget | undefined, byKeyboard: boolean) => void;
  update: (path: string, changes: ElementChanges, part: string, kind?: 'stepChanged' | 'stepCondition') => void;
  updateLabel: (path: string, language: string, value: string) => void;
  /** Renames the key; answers the refusal to show at the key input, or null when done. */
  renameKey: (path: string, key: string) => string | null;
  /** True while a new element's key still follows its German label. */
  isKeyFollowingLabel: (path: string) => boolean;
}

export interface FormDesignerState {
  /** The page shown; undefined only for a broken definition without pages. */
  page: FormPage | undefined;
  selection: Selection;
  clipboard: ElementClipboard | null;
  actions: FormActions;
}

/** The title of a page in the language asked for, German or its id when missing. */
export function pageName(page: FormPage, language: string): string {
  return page.title[language]?.trim() || page.title.de.trim() || page.id;
}

/** Where an element stands, for what is said after a move: „Position 2 von 5 in Gruppe „Halter“ auf der Seite „Angaben““. */
export function describeWhere(definition: ServiceDefinition, path: string, language: UiLanguage): string {
  const located = findElement(definition, path);
  if (!located) return '';
  const page = definition.form.pages[located.pageIndex]!;
  const onPage = formText('scopePage', language)(pageName(page, language));
  const parent = located.place.parent === undefined ? undefined : findElement(definition, located.place.parent)?.element;
  if (parent === undefined || !('elements' in parent)) {
    return formText('location', language)(located.place.index + 1, page.elements.length, onPage);
  }
  const inGroup = formText('scopeGroup', language)(describeElement(parent, 'dative')[language]);
  return formText('location', language)(located.place.index + 1, parent.elements.length, `${inGroup} ${onPage}`);
}

/** The number of elements in the list a place points into. */
function listLength(definition: ServiceDefinition, scope: ElementScope): number {
  if (scope.parent !== undefined) {
    const owner = findElement(definition, scope.parent)?.element;
    return owner !== undefined && 'elements' in owner ? owner.elements.length : 0;
  }
  return definition.form.pages.find((page) => page.id === scope.page)?.elements.length ?? 0;
}

function nameOf(element: FormElement, language: UiLanguage): string {
  return capitalize(describeElement(element)[language]);
}

/** The designer's state (page shown, element selected, clipboard) and its actions. */
export function useFormDesigner(): FormDesignerState {
  const { definition, apply, announce } = useEditor();
  const { language } = useLanguage();
  const pages = definition.form.pages;
  const [pageId, setPageId] = useState(() => pages[0]?.id ?? '');
  const [selection, setSelection] = useState<Selection>({ path: null, token: 0 });
  const [clipboard, setClipboard] = useState<ElementClipboard | null>(null);
  // Paths of elements added here whose key still follows the label (until the designer sets the key).
  const autoKeys = useRef(new Set<string>());
  const page: FormPage | undefined = pages.find((candidate) => candidate.id === pageId) ?? pages[0];

  const latest = useRef({ definition, apply, announce, language, page, selection, clipboard });
  latest.current = { definition, apply, announce, language, page, selection, clipboard };

  const actions = useMemo<FormActions>(() => {
    const now = () => latest.current;
    const t = <K extends Parameters<typeof formText>[0]>(key: K) => formText(key, now().language);
    let tokens = 0;
    const choose = (path: string | null) => {
      tokens += 1;
      setSelection({ path, token: tokens });
    };
    /** Keeps the selection and the following keys on an element whose data path changed. */
    const followPath = (from: string, to: string) => {
      if (from === to) return;
      setSelection((before) => (before.path === null ? before : { ...before, path: replacePathPrefix(before.path, from, to) }));
      const moved = [...autoKeys.current].filter((path) => path === from || path.startsWith(`${from}.`));
      for (const path of moved) {
        autoKeys.current.delete(path);
        autoKeys.current.add(replacePathPrefix(path, from, to));
      }
    };
    /** Focus after an element left its place: the one now there, the one before, its group, or the heading. */
    const focusNear = (definition: ServiceDefinition, place: ElementPlace) => {
      const targets: string[] = [];
      const here = findElementAt(definition, place);
      if (here) targets.push(focusTarget('select', here.path));
      const before = place.index > 0 ? findElementAt(definition, { ...place, index: place.index - 1 }) : undefined;
      if (before) targets.push(focusTarget('select', before.path));
      if (place.parent !== undefined) targets.push(focusTarget('select', place.parent));
      targets.push(focusTarget('canvas-heading'));
      focusSoon(targets);
    };
    /** Applies a result (a refusal is announced by `apply`); answers the new definition when it was made. */
    const applyOk = (result: EditResult, label: EditLabel, options?: { mergeKey?: string }): ServiceDefinition | null =>
      now().apply(result, label, options) && result.ok ? result.definition : null;

    const moveTo = (path: string, place: ElementPlace, focusKind: string | null): ServiceDefinition | null => {
      const { definition, language, announce } = now();
      const located = findElement(definition, path);
      if (!located) return null;
      const changed = applyOk(moveElement(definition, path, place), stepLabel('stepMoved', located.element));
      if (!changed) return null;
      const newPath = joinPath(place.parent, located.element.key);
      followPath(path, newPath);
      announce(t('movedTo')(nameOf(located.element, language), describeWhere(changed, newPath, language)));
      if (focusKind) focusSoon([focusTarget(focusKind, newPath), focusTarget('select', newPath)]);
      return changed;
    };

    const addAt = (type: ElementType, place: ElementPlace) => {
      const { definition, language, announce } = now();
      const element = createNewElement(type, listTakenKeys(definition, place));
      const changed = applyOk(addElement(definition, place, element), stepLabel('stepAdded', element));
      if (!changed) return;
      const path = joinPath(place.parent, element.key);
      if (element.type !== 'staticText') autoKeys.current.add(path);
      choose(path);
      announce(t('addedAt')(nameOf(element, language), describeWhere(changed, path, language)));
      focusSoon(element.type === 'staticText' ? 'prop:content-de' : 'prop:label-de', { select: true });
    };

    const pasteAt = (place: ElementPlace) => {
      const { definition, language, announce, clipboard } = now();
      if (!clipboard) return;
      const changed = applyOk(pasteElement(definition, clipboard, place), stepLabel('stepPasted', clipboard.element));
      if (!changed) return;
      const pasted = findElementAt(changed, place);
      if (!pasted) return;
      choose(pasted.path);
      announce(t('pastedAt')(nameOf(pasted.element, language), describeWhere(changed, pasted.path, language)));
      focusSoon(focusTarget('select', pasted.path));
    };

    return {
      selectPage: (id) => {
        setPageId(id);
        choose(null);
      },
      selectElement: (path) => choose(path),
      addPage: () => {
        const { definition, page, announce, language } = now();
        const index = page === undefined ? 0 : definition.form.pages.indexOf(page) + 1;
        const title = { de: formText('newPageTitle', 'de') };
        const changed = applyOk(addPage(definition, index, { title }), { ...FORM_TEXTS.stepPageAdded });
        const added = changed?.form.pages[index];
        if (!added) return;
        setPageId(added.id);
        choose(null);
        announce(t('pageAdded')(pageName(added, language)));
        focusSoon('prop:page-title-de', { select: true });
      },
      movePage: (id, delta) => {
        const { definition, announce, language } = now();
        const pagesNow = definition.form.pages;
        const from = pagesNow.findIndex((candidate) => candidate.id === id);
        const moving = pagesNow[from];
        if (!moving) return;
        const to = from + delta;
        const name = pageName(moving, language);
        if (to < 0 || to >= pagesNow.length) {
          announce(t(delta < 0 ? 'alreadyFirst' : 'alreadyLast')(t('pageNamed')(name)));
          return;
        }
        if (!applyOk(movePage(definition, id, to), pageStepLabel('stepPageMoved', moving))) return;
        announce(t('pageMoved')(name, to + 1, pagesNow.length));
        focusSoon([focusTarget(delta < 0 ? 'page-up' : 'page-down', id), focusTarget('page', id)]);
      },
      deletePage: (id) => {
        const { definition, page, announce, language } = now();
        const index = definition.form.pages.findIndex((candidate) => candidate.id === id);
        const deleting = definition.form.pages[index];
        if (!deleting) return;
        const changed = applyOk(deletePage(definition, id), pageStepLabel('stepPageDeleted', deleting));
        if (!changed) return;
        const neighbour = changed.form.pages[Math.min(index, changed.form.pages.length - 1)]!;
        if (page?.id === id) {
          setPageId(neighbour.id);
          choose(null);
        }
        announce(t('pageDeleted')(pageName(deleting, language)));
        focusSoon([focusTarget('page', neighbour.id)]);
      },
      updatePage: (id, changes, part) => {
        const { definition, selection } = now();
        const changing = definition.form.pages.find((candidate) => candidate.id === id);
        if (!changing) return;
        applyOk(updatePage(definition, id, changes), pageStepLabel('stepPageChanged', changing), { mergeKey: `${selection.token}:page:${id}:${part}` });
      },
      addNew: (type) => {
        const { definition, page, selection } = now();
        if (page === undefined) return;
        const selected = selection.path === null ? undefined : findElement(definition, selection.path);
        if (selected && selected.place.page === page.id && 'elements' in selected.element) {
          addAt(type, { page: page.id, parent: selected.path, index: selected.element.elements.length });
        } else {
          addAt(type, { page: page.id, index: page.elements.length });
        }
      },
      moveBy: (path, delta) => {
        const { definition, announce, language } = now();
        const located = findElement(definition, path);
        if (!located) return;
        const index = located.place.index + delta;
        if (index < 0 || index >= listLength(definition, located.place)) {
          announce(t(delta < 0 ? 'alreadyFirst' : 'alreadyLast')(nameOf(located.element, language)));
          return;
        }
        moveTo(path, { ...located.place, index }, delta < 0 ? 'up' : 'down');
      },
      moveToPage: (path, targetPageId) => {
        const { definition } = now();
        const located = findElement(definition, path);
        const target = definition.form.pages.find((candidate) => candidate.id === targetPageId);
        if (!located || !target) return;
        const sameList = located.place.page === targetPageId && located.place.parent === undefined;
        const changed = moveTo(path, { page: targetPageId, index: sameList ? target.elements.length - 1 : target.elements.length }, null);
        if (changed) focusNear(changed, located.place);
      },
      copy: (path) => {
        const { definition, announce, language } = now();
        const copied = copyElement(definition, path);
        if (!copied) return;
        setClipboard(copied);
        announce(t('copied')(nameOf(copied.element, language)));
      },
      pasteAfter: (path) => {
        const located = findElement(now().definition, path);
        if (located) pasteAt({ ...located.place, index: located.place.index + 1 });
      },
      pasteAtEnd: (scope) => pasteAt({ ...scope, index: listLength(now().definition, scope) }),
      remove: (path) => {
        const { definition, announce, language, selection } = now();
        const located = findElement(definition, path);
        if (!located) return;
        const usages = findUsages(definition, path).length;
        const changed = applyOk(deleteElement(definition, path), stepLabel('stepDeleted', located.element));
        if (!changed) return;
        if (selection.path !== null && (selection.path === path || selection.path.startsWith(`${path}.`))) choose(null);
        const said = t('deleted')(nameOf(located.element, language));
        announce(usages > 0 ? `${said} ${t('deletedUsed')(usages)}` : said);
        focusNear(changed, located.place);
      },
      drop: (source, target, byKeyboard) => {
        const { announce, language } = now();
        const name = capitalize(source.name[language]);
        if (!target) {
          announce(t('droppedNowhere')(name));
          return;
        }
        const plan = planDrop(source, target);
        if (plan.kind === 'none') announce(t('droppedUnchanged')(name));
        else if (plan.kind === 'add') addAt(plan.type, plan.place);
        else moveTo(plan.path, plan.place, byKeyboard ? 'handle' : null);
      },
      update: (path, changes, part, kind = 'stepChanged') => {
        const { definition, selection } = now();
        const located = findElement(definition, path);
        if (!located) return;
        applyOk(updateElement(definition, path, changes), stepLabel(kind, located.element), { mergeKey: `${selection.token}:${part}` });
      },
      updateLabel: (path, language, value) => {
        const { definition, selection } = now();
        const located = findElement(definition, path);
        if (!located || located.element.type === 'staticText') return;
        const label: LocalizedText = { ...located.element.label, [language]: value };
        if (language !== 'de' && value === '') delete label[language];
        let result = updateElement(definition, path, { label });
        let newPath = path;
        if (language === 'de' && result.ok && autoKeys.current.has(path)) {
          const taken = listTakenKeys(result.definition, located.place);
          taken.delete(located.element.key);
          const key = keyFromLabel(value, taken);
          const renamed = renameKey(result.definition, path, key);
          if (renamed.ok) {
            result = renamed;
            newPath = joinPath(located.place.parent, key);
          }
        }
        if (!applyOk(result, stepLabel('stepChanged', located.element), { mergeKey: `${selection.token}:label:${language}` })) return;
        followPath(path, newPath);
      },
      renameKey: (path, key) => {
        const { definition, language } = now();
        const located = findElement(definition, path);
        if (!located) return null;
        const result = renameKey(definition, path, key.trim());
        if (!result.ok) return result.message[language];
        autoKeys.current.delete(path);
        if (result.definition === definition) return null;
        if (!now().apply(result, stepLabel('stepKey', located.element))) return null;
        followPath(path, joinPath(located.place.parent, key.trim()));
        return null;
      },
      isKeyFollowingLabel: (path) => autoKeys.current.has(path),
    };
  }, []);

  return { page, selection, clipboard, actions };
}
