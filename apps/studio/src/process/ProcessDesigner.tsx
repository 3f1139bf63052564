import { useState, type ReactNode } from 'react';
import type { StateKind } from '@amtsweg/definitions';
import { setInitialState } from '@amtsweg/editor';
import { localize } from '@amtsweg/ui';
import { AddPanel } from '../area-controls/AddPanel';
import { FieldFrame } from '../area-controls/FieldFrame';
import { useAddPanel } from '../area-controls/use-add-panel';
import { focusByPointer, useFocusRequest, usePendingFocus } from '../area-controls/focus-request';
import { ProblemMessages } from '../area-controls/ProblemMessages';
import { makeKeysUnique } from '../area-controls/stable-keys';
import { useAreaTexts } from '../area-controls/use-area-texts';
import { useStableKeys } from '../area-controls/use-stable-keys';
import { diagnosticsAt, useEditor } from '../editor-context';
import { useLanguage } from '../i18n';
import { addNewState, STATE_KINDS } from './process-edits';
import { KIND_HINT_KEYS, KIND_TEXT_KEYS, PROCESS_TEXTS } from './process-texts';
import { STATES_SCOPE, type ProcessUi } from './process-ui';
import { ProcessDiagram } from './ProcessDiagram';
import { StateEditor } from './StateEditor';


/**
 * The procedure designer: a diagram of states and actions drawn from the definition, and below it the list
 * editor — every state as a section with its properties, actions and deadlines — which is the accessible
 * equivalent of the diagram. Every change goes through the pure operations of @amtsweg/editor.
 */
export function ProcessDesigner(): ReactNode {
  const { definition, apply, diagnostics } = useEditor();
  const t = useAreaTexts(PROCESS_TEXTS);
  const { language } = useLanguage();
  const keys = useStableKeys();
  const focusLater = usePendingFocus();
  const ui: ProcessUi = { keys, focusLater };
  const states = definition.process.states;
  const stateKeys = makeKeysUnique(states.map((state) => keys.keyOf(STATES_SCOPE, state.id)));

  useFocusRequest(
    (pointer) => pointer.startsWith('/process'),
    (pointer) => {
      const match = /^\/process\/states\/(\d+)(?:\/|$)/.exec(pointer);
      const key = match ? stateKeys[Number(match[1])] : undefined;
      const heading = key === undefined ? null : document.getElementById(`st-${key}-heading`);
      if (heading) {
        heading.scrollIntoView({ block: 'start' });
        heading.focus({ preventScroll: true });
      } else if (!focusByPointer(pointer)) document.getElementById('st-process-list-title')?.focus();
    },
  );

  // Findings about the process as a whole (a state's own are shown at the state, the initial state's at its select).
  const processProblems = diagnosticsAt(diagnostics, '/process').filter(
    (problem) => !/^\/process\/states\/\d/.test(problem.path) && !problem.path.startsWith('/process/initial'),
  );
  const initialChoices = states.filter((state) => state.kind !== 'final' || state.id === definition.process.initial);

  return (
    <div className="st-process">
      <h2>{t('title')}</h2>
      <p>{t('intro')}</p>
      <ProcessDiagram definition={definition} />

      <h2 id="st-process-list-title" tabIndex={-1}>
        {t('listTitle')}
      </h2>
      <ProblemMessages problems={processProblems} />
      <FieldFrame id="st-process-initial" label={t('initialState')} hint={t('initialStateHint')} problems={diagnosticsAt(diagnostics, '/process/initial')}>
        {(control) => (
          <select
            {...control}
            className="aw-select"
            data-pointer="/process/initial"
            value={definition.process.initial}
            onChange={(event) => apply(setInitialState(definition, event.target.value), PROCESS_TEXTS.initialEdit)}
          >
            {states.some((state) => state.id === definition.process.initial) ? null : (
              <option value={definition.process.initial}>{t('unknownOption')(definition.process.initial)}</option>
            )}
            {initialChoices.map((state, index) => (
              <option key={`${state.id}:${index}`} value={state.id}>
                {localize(state.label, language) || state.id}
              </option>
            ))}
          </select>
        )}
      </FieldFrame>

      {states.map((state, index) => (
        <StateEditor key={stateKeys[index]} state={state} index={index} stateKey={stateKeys[index]!} stateKeys={stateKeys} ui={ui} />
      ))}

      <AddStatePanel ui={ui} />
    </div>
  );
}

/** "Status hinzufügen": opens a small form asking for the kind and the label of the new state. */
function AddStatePanel({ ui }: { ui: ProcessUi }): ReactNode {
  const { definition, apply, announce } = useEditor();
  const t = useAreaTexts(PROCESS_TEXTS);
  const panel = useAddPanel<HTMLSelectElement>();
  const [kind, setKind] = useState<StateKind>('task');
  const [label, setLabel] = useState('');

  const submit = () => {
    const text = label.trim() === '' ? t('newStateTitle') : label.trim();
    const { result, id } = addNewState(definition, kind, text, PROCESS_TEXTS.noRoles);
    if (!apply(result, PROCESS_TEXTS.stateAddedEdit)) return;
    announce(t('stateAdded')(text));
    ui.focusLater(`st-${ui.keys.keyOf(STATES_SCOPE, id)}-heading`);
    panel.done();
    setLabel('');
    setKind('task');
  };

  return (
    <AddPanel panel={panel} titleId="st-new-state-title" title={t('newStateTitle')} addLabel={t('addState')} cancelLabel={t('cancel')} onSubmit={submit}>
      <FieldFrame id="st-new-state-kind" label={t('newStateKind')} hint={t(KIND_HINT_KEYS[kind])}>
        {(control) => (
          <select ref={panel.first} {...control} className="aw-select" value={kind} onChange={(event) => setKind(event.target.value as StateKind)}>
            {STATE_KINDS.map((option) => (
              <option key={option} value={option}>
                {t(KIND_TEXT_KEYS[option])}
              </option>
            ))}
          </select>
        )}
      </FieldFrame>
      <FieldFrame id="st-new-state-label" label={t('newStateLabel')} hint={t('newStateLabelHint')}>
        {(control) => <input {...control} className="aw-input" type="text" value={label} onChange={(event) => setLabel(event.target.value)} />}
      </FieldFrame>
    </AddPanel>
  );
}
