import type { ReactNode } from 'react';
import type { Outcome, ProcessState, StateKind } from '@amtsweg/definitions';
import { deleteState, moveState, renameStateId, setInitialState, updateState } from '@amtsweg/editor';
import { localize } from '@amtsweg/ui';
import { FieldFrame } from '../area-controls/FieldFrame';
import { IdField } from '../area-controls/IdField';
import { LocalizedTextField } from '../area-controls/LocalizedTextField';
import { withLanguage } from '../area-controls/localized-text';
import { hasError, ProblemCount, ProblemMessages } from '../area-controls/ProblemMessages';
import { makeKeysUnique } from '../area-controls/stable-keys';
import { useAreaTexts } from '../area-controls/use-area-texts';
import { MoveButtons } from './MoveButtons';
import { useLanguageName } from '../area-controls/use-language-name';
import { diagnosticsAt, useEditor } from '../editor-context';
import { useLanguage } from '../i18n';
import { ActionEditor } from './ActionEditor';
import { DeadlinesEditor } from './DeadlinesEditor';
import { addNewAction, changeStateKind, changeStateLabel, OUTCOMES, STATE_KINDS } from './process-edits';
import { KIND_TEXT_KEYS, OUTCOME_TEXT_KEYS, PROCESS_TEXTS } from './process-texts';
import { actionsScope, listUnclaimed, STATES_SCOPE, type ProcessUi } from './process-ui';

/**
 * One state as a section of the list editor: its label (the heading), status text, kind, role or outcome and
 * decision notice, its actions and deadlines, moving and deleting, the id under "Erweitert"; the checks'
 * findings at the controls they concern.
 */
export function StateEditor({
  state,
  index,
  stateKey,
  stateKeys,
  ui,
}: {
  state: ProcessState;
  index: number;
  stateKey: string;
  stateKeys: readonly string[];
  ui: ProcessUi;
}): ReactNode {
  const { definition, apply, diagnostics, announce } = useEditor();
  const t = useAreaTexts(PROCESS_TEXTS);
  const { language } = useLanguage();
  const languageName = useLanguageName();
  const states = definition.process.states;
  const pointer = `/process/states/${index}`;
  const problems = diagnosticsAt(diagnostics, pointer);
  const at = (part: string) => diagnosticsAt(diagnostics, `${pointer}/${part}`);
  const id = (part: string) => `st-${stateKey}-${part}`;
  const name = localize(state.label, language) || t('noLabel');
  const quoted = language === 'de' ? ` „${name}“` : ` “${name}”`;
  const isInitial = state.id === definition.process.initial;
  const actions = state.actions ?? [];
  const actionKeys = makeKeysUnique(actions.map((action) => ui.keys.keyOf(actionsScope(stateKey), action.id)));
  const missingNotice = problems.filter((problem) => problem.code === 'MISSING_DECISION_DOCUMENT' && problem.path === pointer);
  const own = listUnclaimed(
    problems.filter((problem) => !/\/(actions|deadlines)\/\d/.test(problem.path.slice(pointer.length)) && !missingNotice.includes(problem)),
    ['label', 'statusText', 'kind', 'role', 'outcome', 'decisionTemplate', 'id'].map((part) => `${pointer}/${part}`),
  );

  const change = (changes: Parameters<typeof updateState>[2], mergeKey?: string) =>
    apply(updateState(definition, state.id, changes), PROCESS_TEXTS.stateChangedEdit, mergeKey === undefined ? undefined : { mergeKey });

  const changeLabel = (lang: string, text: string) => {
    const { result, renamedTo } = changeStateLabel(definition, index, lang, text);
    if (apply(result, PROCESS_TEXTS.stateLabelEdit, { mergeKey: `state:${stateKey}:label:${lang}` }) && renamedTo !== undefined) {
      ui.keys.rename(STATES_SCOPE, state.id, renamedTo);
    }
  };

  const move = (to: number, button: 'up' | 'down') => {
    if (to < 0 || to >= states.length) return;
    if (!apply(moveState(definition, state.id, to), PROCESS_TEXTS.stateMovedEdit)) return;
    announce(t('stateMoved')(name, to + 1, states.length));
    ui.focusLater(id(button));
  };

  const remove = () => {
    const neighbour = stateKeys[index + 1] ?? stateKeys[index - 1];
    if (!apply(deleteState(definition, state.id), PROCESS_TEXTS.stateDeletedEdit)) return;
    announce(t('stateDeleted')(name));
    ui.focusLater(neighbour === undefined ? 'st-process-list-title' : `st-${neighbour}-heading`);
  };

  const addAction = () => {
    const label = t('newActionLabel');
    const { result, id: actionId } = addNewAction(definition, state, label);
    if (!apply(result, PROCESS_TEXTS.actionAddedEdit)) return;
    announce(t('actionAdded')(label));
    ui.focusLater(`st-${ui.keys.keyOf(actionsScope(stateKey), actionId)}-label-de`, { select: true });
  };

  const roles = definition.settings.roles;
  const notices = definition.documents.filter((template) => template.kind === 'decision');
  const noticeKnown = notices.some((template) => template.id === state.decisionTemplate);

  return (
    <section className={`st-state${hasError(problems) ? ' st-has-error' : ''}`} aria-labelledby={id('heading')}>
      <h3 id={id('heading')} tabIndex={-1} className="st-state-heading">
        {name}
      </h3>
      <p className="st-state-meta">
        {t(KIND_TEXT_KEYS[state.kind])}
        {isInitial ? ` · ${t('isInitial')}` : ''}
      </p>
      <ProblemCount problems={problems} />
      <ProblemMessages problems={own} />

      <LocalizedTextField
        id={id('label')}
        value={state.label}
        labelFor={(lang) => (lang === 'de' ? t('stateLabel') : t('stateLabelIn')(languageName(lang)))}
        pointer={`${pointer}/label`}
        onChange={changeLabel}
      />
      <LocalizedTextField
        id={id('status')}
        value={state.statusText}
        labelFor={(lang) => (lang === 'de' ? t('statusText') : t('statusTextIn')(languageName(lang)))}
        hint={t('statusTextHint')}
        pointer={`${pointer}/statusText`}
        multiline
        rows={2}
        onChange={(lang, text) => change({ statusText: withLanguage(state.statusText, lang, text) }, `state:${stateKey}:status:${lang}`)}
      />
      <FieldFrame id={id('kind')} label={t('stateKind')} problems={at('kind')}>
        {(control) => (
          <select
            {...control}
            className="aw-select"
            data-pointer={`${pointer}/kind`}
            value={state.kind}
            onChange={(event) => apply(changeStateKind(definition, state, event.target.value as StateKind, PROCESS_TEXTS.noRoles), PROCESS_TEXTS.stateChangedEdit)}
          >
            {STATE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(KIND_TEXT_KEYS[kind])}
              </option>
            ))}
          </select>
        )}
      </FieldFrame>
      {state.kind === 'task' ? (
        <FieldFrame id={id('role')} label={t('stateRole')} hint={t('stateRoleHint')} problems={at('role')}>
          {(control) => (
            <select {...control} className="aw-select" data-pointer={`${pointer}/role`} value={state.role ?? ''} onChange={(event) => change({ role: event.target.value })}>
              {state.role === undefined ? <option value="">{t('choose')}</option> : null}
              {state.role !== undefined && !roles.some((role) => role.id === state.role) ? <option value={state.role}>{t('unknownOption')(state.role)}</option> : null}
              {roles.map((role) => (
                <option key={role.id} value={role.id}>
                  {localize(role.label, language) || role.id}
                </option>
              ))}
            </select>
          )}
        </FieldFrame>
      ) : null}
      {state.kind === 'final' ? (
        <>
          <FieldFrame id={id('outcome')} label={t('outcome')} problems={at('outcome')}>
            {(control) => (
              <select
                {...control}
                className="aw-select"
                data-pointer={`${pointer}/outcome`}
                value={state.outcome ?? ''}
                onChange={(event) => change({ outcome: event.target.value as Outcome })}
              >
                {state.outcome === undefined ? <option value="">{t('choose')}</option> : null}
                {OUTCOMES.map((outcome) => (
                  <option key={outcome} value={outcome}>
                    {t(OUTCOME_TEXT_KEYS[outcome])}
                  </option>
                ))}
              </select>
            )}
          </FieldFrame>
          <FieldFrame id={id('notice')} label={t('decisionTemplate')} hint={t('decisionTemplateHint')} problems={[...missingNotice, ...at('decisionTemplate')]}>
            {(control) => (
              <select
                {...control}
                className="aw-select"
                data-pointer={`${pointer}/decisionTemplate`}
                value={state.decisionTemplate ?? ''}
                onChange={(event) => change({ decisionTemplate: event.target.value === '' ? undefined : event.target.value })}
              >
                <option value="">{t('choose')}</option>
                {state.decisionTemplate !== undefined && !noticeKnown ? (
                  <option value={state.decisionTemplate}>{t('unknownOption')(state.decisionTemplate)}</option>
                ) : null}
                {notices.map((template) => (
                  <option key={template.id} value={template.id}>
                    {localize(template.title, language) || template.id}
                  </option>
                ))}
              </select>
            )}
          </FieldFrame>
        </>
      ) : null}

      <div className="st-button-row">
        <MoveButtons index={index} count={states.length} quoted={quoted} id={id} move={move} />
        {!isInitial && state.kind !== 'final' ? (
          <button type="button" className="aw-button aw-button--secondary" onClick={() => apply(setInitialState(definition, state.id), PROCESS_TEXTS.initialEdit)}>
            {t('makeInitial')}
            <span className="aw-visually-hidden">{quoted}</span>
          </button>
        ) : null}
        <button type="button" className="aw-button aw-button--secondary st-button--danger" onClick={remove}>
          {t('deleteState')}
          <span className="aw-visually-hidden">{quoted}</span>
        </button>
      </div>

      <IdField
        id={id('id')}
        label={t('stateId')}
        value={state.id}
        problems={at('id')}
        pointer={`${pointer}/id`}
        rename={(newId) => {
          if (apply(renameStateId(definition, state.id, newId), PROCESS_TEXTS.stateRenamedEdit)) ui.keys.rename(STATES_SCOPE, state.id, newId);
        }}
      />

      <h4 id={id('actions')}>{t('actionsTitle')}</h4>
      {state.kind === 'final' && actions.length === 0 ? (
        <p className="aw-hint">{t('noActionsFinal')}</p>
      ) : (
        <>
          {actions.length === 0 ? <p className="aw-hint">{t('noActions')}</p> : null}
          {actions.map((action, actionIndex) => (
            <ActionEditor
              key={actionKeys[actionIndex]}
              state={state}
              stateIndex={index}
              stateKey={stateKey}
              action={action}
              actionIndex={actionIndex}
              actionKey={actionKeys[actionIndex]!}
              actionKeys={actionKeys}
              ui={ui}
            />
          ))}
          {state.kind === 'final' ? null : (
            <p>
              <button type="button" id={id('add-action')} className="aw-button aw-button--secondary" onClick={addAction}>
                {t('addAction')}
                <span className="aw-visually-hidden">{t('addActionTo')(name)}</span>
              </button>
            </p>
          )}
        </>
      )}

      {state.kind === 'final' && (state.deadlines ?? []).length === 0 ? null : (
        <DeadlinesEditor state={state} stateIndex={index} stateKey={stateKey} ui={ui} />
      )}
    </section>
  );
}
