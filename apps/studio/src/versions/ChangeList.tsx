import type { ReactNode } from 'react';
import type { DefinitionChange, DefinitionDiff, DiffChangeKind } from '@amtsweg/editor';
import type { ChangeGroup } from './change-groups';
import { groupChanges } from './change-groups';
import { outlineChange } from './change-outline';
import { useVersionsTexts } from './use-versions-texts';

const GROUP_TEXT = { form: 'groupForm', process: 'groupProcess', documents: 'groupDocuments', settings: 'groupSettings' } as const satisfies Record<
  ChangeGroup,
  string
>;
const KIND_TEXT = { added: 'kindAdded', removed: 'kindRemoved', changed: 'kindChanged', moved: 'kindMoved' } as const satisfies Record<
  DiffChangeKind,
  string
>;

/**
 * A difference as lists, one per Studio area under its own heading (`level`), each change with its kind said in
 * words before its summary and its property changes as nested items.
 */
export function ChangeList({ diff, level }: { diff: DefinitionDiff; level: 3 | 4 | 5 }): ReactNode {
  const { v } = useVersionsTexts();
  const Heading = `h${level}` as const;
  return groupChanges(diff).map(({ group, changes }) => (
    <section key={group} className="st-diff-group" aria-labelledby={`versions-diff-${group}`}>
      <Heading id={`versions-diff-${group}`}>{v(GROUP_TEXT[group])}</Heading>
      <ul className="st-diff-list">
        {changes.map((change) => (
          <ChangeItem key={`${change.area}:${change.id}:${change.change}`} change={change} />
        ))}
      </ul>
    </section>
  ));
}

function ChangeItem({ change }: { change: DefinitionChange }): ReactNode {
  const { v, language } = useVersionsTexts();
  const { line, details } = outlineChange(change, language);
  return (
    <li className={`st-diff-change st-diff-change--${change.change}`}>
      <strong className="st-diff-kind">{v(KIND_TEXT[change.change])}:</strong> {line}
      {details.length > 0 ? (
        <ul className="st-diff-details">
          {details.map((detail, index) => (
            // The same words may repeat within one change (two options removed with equal labels).
            <li key={index}>{detail}</li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
