import type { ReactNode } from 'react';
import { isValidKey } from '@amtsweg/editor';
import { AREA_CONTROLS_TEXTS } from './area-controls-texts';
import type { Finding } from './ProblemMessages';
import { useAreaTexts } from './use-area-texts';
import { ValidatedInput } from './ValidatedInput';

/**
 * The technical id of a state, action, input, letter or role, under "Erweitert": made from the label, and
 * changed here only by people who know where it is used. `rename` gets a valid new id when the field is left;
 * `check` refuses more ids with a message of its own (a role cannot take a built-in actor's id).
 */
export function IdField({
  id,
  label,
  value,
  rename,
  check,
  problems = [],
  pointer,
  children,
}: {
  id: string;
  label: string;
  value: string;
  rename: (newId: string) => void;
  check?: (id: string) => string | undefined;
  problems?: readonly Finding[];
  pointer?: string;
  children?: ReactNode;
}): ReactNode {
  const t = useAreaTexts(AREA_CONTROLS_TEXTS);
  return (
    <details className="st-advanced" open={problems.length > 0 ? true : undefined}>
      <summary>{t('advanced')}</summary>
      <ValidatedInput
        id={id}
        label={label}
        hint={t('idHint')}
        value={value}
        check={(text) => (isValidKey(text) ? check?.(text) : t('idInvalid'))}
        commit={rename}
        commitOn="blur"
        problems={problems}
        pointer={pointer}
        inputProps={{ spellCheck: false, autoComplete: 'off', className: 'aw-input st-input--id' }}
      />
      {children}
    </details>
  );
}
