import { memo, type ReactNode } from 'react';
import { useDraggable } from '@dnd-kit/core';
import { useLanguage } from '../i18n';
import type { DragData } from './drag-plan';
import { ELEMENT_TYPES, typeName, type ElementType } from './field-types';
import { useFormTexts } from './form-texts';
import type { FormActions } from './use-form-designer';

const TARGET_HINT_ID = 'st-palette-target';

/**
 * The field types: each can be dragged onto the canvas (a page, a group, a page name) or added with its
 * button at the end of the current page or of the selected group. `target` names where the button adds.
 */
export const Palette = memo(function Palette({ target, actions }: { target: string; actions: FormActions }): ReactNode {
  const t = useFormTexts();
  return (
    <section className="st-palette" aria-labelledby="st-palette-title">
      <h2 id="st-palette-title">{t('paletteTitle')}</h2>
      <p className="aw-hint">{t('paletteHint')}</p>
      <p className="aw-hint" id={TARGET_HINT_ID}>
        {target}
      </p>
      <ul className="st-palette-list">
        {ELEMENT_TYPES.map((type) => (
          <PaletteEntry key={type} type={type} actions={actions} />
        ))}
      </ul>
    </section>
  );
});

function PaletteEntry({ type, actions }: { type: ElementType; actions: FormActions }): ReactNode {
  const t = useFormTexts();
  const { language } = useLanguage();
  const data: DragData = { source: { kind: 'new', type, name: { de: typeName(type, 'de'), en: typeName(type, 'en') } } };
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: `new:${type}`,
    data,
    attributes: { roleDescription: t('paletteRoleDescription') },
  });
  const name = typeName(type, language);
  return (
    <li className="st-palette-entry">
      <button type="button" ref={setNodeRef} {...attributes} {...listeners} className={`st-palette-chip${isDragging ? ' st-palette-chip--dragging' : ''}`}>
        <span aria-hidden="true" className="st-palette-grip">
          ⠿
        </span>{' '}
        {name}
      </button>
      <button
        type="button"
        className="st-small-button"
        aria-label={t('addType')(name)}
        aria-describedby={TARGET_HINT_ID}
        onClick={() => actions.addNew(type)}
      >
        {t('add')}
      </button>
    </li>
  );
}
