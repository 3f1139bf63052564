import type { ReactNode } from 'react';
import { useAreaTexts } from '../area-controls/use-area-texts';
import { PROCESS_TEXTS } from './process-texts';

/**
 * "Nach oben" / "Nach unten" for an item of a list (a state, an action), named for screen readers by the item
 * (`quoted`); the first cannot move up, the last not down. `id('up')` / `id('down')` let the caller put the focus
 * back on the button after the move.
 */
export function MoveButtons({
  index,
  count,
  quoted,
  id,
  move,
}: {
  index: number;
  count: number;
  quoted: string;
  id: (button: 'up' | 'down') => string;
  move: (to: number, button: 'up' | 'down') => void;
}): ReactNode {
  const t = useAreaTexts(PROCESS_TEXTS);
  return (
    <>
      <button type="button" id={id('up')} className="aw-button aw-button--secondary" aria-disabled={index === 0} onClick={() => move(index - 1, 'up')}>
        {t('moveUp')}
        <span className="aw-visually-hidden">{quoted}</span>
      </button>
      <button type="button" id={id('down')} className="aw-button aw-button--secondary" aria-disabled={index === count - 1} onClick={() => move(index + 1, 'down')}>
        {t('moveDown')}
        <span className="aw-visually-hidden">{quoted}</span>
      </button>
    </>
  );
}
