import { memo, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { DndContext, DragOverlay, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent, type DragStartEvent } from '@dnd-kit/core';
import { describeElement, findElement } from '@amtsweg/editor';
import { useEditor, type EditorContextValue } from '../editor-context';
import { useLanguage } from '../i18n';
import { Canvas, type PageChoice } from './Canvas';
import type { DragSource } from './drag-plan';
import { DraggedSourceContext } from './dragged-source';
import { createAnnouncements, createInstructions, designerKeyboardCoordinates, detectDropTarget, sourceOf, targetOf } from './drag-support';
import { findElementAtPointer, groupProblemsByElement, pagePointerOf } from './element-problems';
import { focusSoon, focusTarget } from './focus-soon';
import { FormPreview } from './FormPreview';
import { capitalize, useFormTexts } from './form-texts';
import { PageList } from './PageList';
import { Palette } from './Palette';
import { PropertiesPanel } from './PropertiesPanel';
import { pageName, useFormDesigner } from './use-form-designer';

// Constant, so the sensors (and with them every draggable's listeners) stay the same across renders.
const POINTER_OPTIONS = { activationConstraint: { distance: 5 } };
const KEYBOARD_OPTIONS = { coordinateGetter: designerKeyboardCoordinates };

// Requests from the checks list already acted on, so that coming back to the form area does not jump again.
const handledFocus = new WeakSet<NonNullable<EditorContextValue['focus']>>();

/**
 * The form designer: the pages, the field types, the page being designed (drag and drop, by pointer and by
 * keyboard, or with buttons on every field), the properties of the selected field or page, and a live
 * preview with the portal's renderer. Every change is one editing operation from `@amtsweg/editor`, applied
 * through the editor (one undo step, saved by itself); the designer only asks for it.
 */
export const FormDesigner = memo(function FormDesigner(): ReactNode {
  const { definition, diagnostics, focus } = useEditor();
  const { language } = useLanguage();
  const t = useFormTexts();
  const { page, selection, clipboard, actions } = useFormDesigner();
  const [dragging, setDragging] = useState<DragSource | null>(null);
  const pages = definition.form.pages;

  const problems = useMemo(() => groupProblemsByElement(diagnostics.filter((diagnostic) => diagnostic.path.startsWith('/form/'))), [diagnostics]);
  const pageChoicesNow = pages.map((candidate) => ({ id: candidate.id, name: pageName(candidate, language) }));
  const pageChoices = useStableChoices(pageChoicesNow);

  const sensors = useSensors(useSensor(PointerSensor, POINTER_OPTIONS), useSensor(KeyboardSensor, KEYBOARD_OPTIONS));
  const accessibility = useMemo(
    () => ({ announcements: createAnnouncements(language), screenReaderInstructions: createInstructions(language) }),
    [language],
  );

  // The checks list asked to show a place in the form: open its page, select its field, put the focus there.
  useEffect(() => {
    if (!focus || handledFocus.has(focus)) return;
    handledFocus.add(focus);
    const located = findElementAtPointer(definition, focus.pointer);
    if (located) {
      const owning = pages[located.pageIndex];
      if (owning) actions.selectPage(owning.id);
      actions.selectElement(located.path);
      focusSoon(focusTarget('select', located.path));
      return;
    }
    const pagePointer = pagePointerOf(focus.pointer);
    const owning = pagePointer === undefined ? undefined : pages[Number(pagePointer.split('/')[3])];
    if (owning) {
      actions.selectPage(owning.id);
      focusSoon(['prop:page-title-de', focusTarget('page', owning.id)]);
    }
  }, [focus, definition, pages, actions]);

  // Stable, so the memoised DndContext does not re-render with the designer.
  const onDragStart = useCallback((event: DragStartEvent) => setDragging(sourceOf(event.active.data.current) ?? null), []);
  const onDragEnd = useCallback(
    (event: DragEndEvent) => {
      setDragging(null);
      const source = sourceOf(event.active.data.current);
      if (!source) return;
      actions.drop(source, targetOf(event.over?.data.current), event.activatorEvent instanceof KeyboardEvent);
    },
    [actions],
  );
  const onDragCancel = useCallback(() => setDragging(null), []);

  if (page === undefined) {
    // Only a broken draft has no page; the checks name it, and a page can be added here.
    return (
      <button type="button" className="aw-button aw-button--secondary" onClick={actions.addPage}>
        {t('addPage')}
      </button>
    );
  }
  const pageIndex = pages.indexOf(page);
  const selected = selection.path === null ? undefined : findElement(definition, selection.path);
  const addTarget =
    selected && selected.place.page === page.id && 'elements' in selected.element
      ? t('addsAtEndOfGroup')(describeElement(selected.element, 'dative')[language])
      : t('addsAtEndOfPage')(pageName(page, language));

  return (
    <div className="st-form-area">
      <DndContext
        sensors={sensors}
        collisionDetection={detectDropTarget}
        accessibility={accessibility}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={onDragCancel}
      >
        <DraggedSourceContext.Provider value={dragging}>
          <div className="st-form-designer">
            <div className="st-form-sidebar">
              <PageList pages={pages} currentId={page.id} problems={problems} actions={actions} />
              <Palette target={addTarget} actions={actions} />
            </div>
            <Canvas
              page={page}
              pageIndex={pageIndex}
              pages={pageChoices}
              selectedPath={selection.path}
              canPaste={clipboard !== null}
              problems={problems}
              actions={actions}
            />
            <div className="st-form-properties">
              <PropertiesPanel page={page} selection={selection} problems={problems} actions={actions} />
            </div>
          </div>
        </DraggedSourceContext.Provider>
        <DragOverlay dropAnimation={null}>
          {dragging ? (
            <div className="st-drag-ghost" aria-hidden="true">
              {capitalize(dragging.name[language])}
            </div>
          ) : null}
        </DragOverlay>
      </DndContext>
      <FormPreview page={page} languages={definition.settings.languages} />
    </div>
  );
});

/** The page choices, kept as the same array while the pages' ids and names stay the same. */
function useStableChoices(next: PageChoice[]): PageChoice[] {
  const kept = useRef(next);
  const same = kept.current.length === next.length && kept.current.every((choice, index) => choice.id === next[index]!.id && choice.name === next[index]!.name);
  if (!same) kept.current = next;
  return kept.current;
}
