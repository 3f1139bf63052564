import type { ReactNode } from 'react';
import { APPLICANT_ROLE, SYSTEM_ROLE, type ProcessAction, type ProcessState } from '@amtsweg/definitions';
import { deleteAction, moveAction, renameActionId, updateAction, type ActionChanges } from '@amtsweg/editor';
import { localize } from '@amtsweg/ui';
import { CheckboxField, FieldFrame } from '../area-controls/FieldFrame';
import { IdField } from '../area-controls/IdField';
import { LocalizedTextField } from '../area-controls/LocalizedTextField';
import { withOptionalLanguage } from '../area-controls/localized-text';
import { hasError, ProblemMessages } from '../area-controls/ProblemMessages';
import { useAreaTexts } from '../area-controls/use-area-texts';
import { MoveButtons } from './MoveButtons';
import { useLanguageName } from '../area-controls/use-language-name';
import { diagnosticsAt, useEditor } from '../editor-context';
import { useLanguage } from '../i18n';
import { ActionEffectsEditor } from './ActionEffectsEditor';
import { ActionInputsEditor } from './ActionInputsEditor';
import { ConditionEditor } from '../form/ConditionEditor';
import { listConditionFields } from '../form/condition-model';
import { changeActionLabel } from './process-edits';
import { PROCESS_TEXTS } from './process-texts';
import { actionsScope, listUnclaimed, type ProcessUi } from './process-ui';

/**
 * One action of a state: label, target, who may take it, four eyes, condition, inputs and effects, moving and
 * deleting, and its id under "Erweitert".
 */
export function ActionEditor({
  state,
  stateIndex,
  stateKey,
  action,
  actionIndex,
  actionKey,
  actionKeys,
  ui,
}: {
  state: ProcessState;
  stateIndex: number;
  stateKey: string;
  action: ProcessAction;
  actionIndex: number;
  actionKey: string;
  actionKeys: readonly string[];
  ui: ProcessUi;
}): ReactNode {
  const { definition, apply, diagnostics, announce } = useEditor();
  const t = useAreaTexts(PROCESS_TEXTS);
  const { language } = useLanguage();
  const languageName = useLanguageName();
  const pointer = `/process/states/${stateIndex}/actions/${actionIndex}`;
  const problems = diagnosticsAt(diagnostics, pointer);
  const at = (part: string) => diagnosticsAt(diagnostics, `${pointer}/${part}`);
  const id = (part: string) => `st-${actionKey}-${part}`;
  const name = localize(action.label, language) || t('noLabel');
  const quoted = language === 'de' ? ` „${name}“` : ` “${name}”`;
  const actions = state.actions ?? [];
  const states = definition.process.states;
  const own = listUnclaimed(
    problems,
    ['label', 'target', 'roles', 'fourEyes', 'guard', 'guardMessage', 'inputs', 'effects', 'id'].map((part) => `${pointer}/${part}`),
  );

  const change = (changes: ActionChanges, label = PROCESS_TEXTS.actionChangedEdit, mergeKey?: string) =>
    apply(updateAction(definition, state.id, action.id, changes), label, mergeKey === undefined ? undefined : { mergeKey });

  const changeLabel = (lang: string, text: string) => {
    const { result, renamedTo } = changeActionLabel(definition, state, actionIndex, lang, text);
    if (apply(result, PROCESS_TEXTS.actionLabelEdit, { mergeKey: `action:${actionKey}:label:${lang}` }) && renamedTo !== undefined) {
      ui.keys.rename(actionsScope(stateKey), action.id, renamedTo);
    }
  };

  // Process roles in the order of the settings, then the applicant and the system; unknown roles are kept.
  const roleChoices = [
    ...definition.settings.roles.map((role) => ({ id: role.id, label: localize(role.label, language) || role.id })),
    { id: APPLICANT_ROLE, label: t('roleApplicant') },
    { id: SYSTEM_ROLE, label: t('roleSystem') },
  ];
  const toggleRole = (roleId: string, checked: boolean) => {
    const wanted = new Set(action.roles);
    if (checked) wanted.add(roleId);
    else wanted.delete(roleId);
    if (wanted.size === 0) {
      apply({ ok: false, message: PROCESS_TEXTS.atLeastOneRole }, PROCESS_TEXTS.actionChangedEdit);
      return;
    }
    const known = roleChoices.map((choice) => choice.id);
    const roles = [...known.filter((role) => wanted.has(role)), ...action.roles.filter((role) => !known.includes(role) && wanted.has(role))];
    change({ roles });
  };

  const move = (to: number, button: 'up' | 'down') => {
    if (to < 0 || to >= actions.length) return;
    if (!apply(moveAction(definition, state.id, action.id, to), PROCESS_TEXTS.actionMovedEdit)) return;
    announce(t('actionMoved')(name, to + 1, actions.length));
    ui.focusLater(id(button));
  };

  const remove = () => {
    const neighbour = actionKeys[actionIndex + 1] ?? actionKeys[actionIndex - 1];
    if (!apply(deleteAction(definition, state.id, action.id), PROCESS_TEXTS.actionDeletedEdit)) return;
    announce(t('actionDeleted')(name));
    ui.focusLater(neighbour === undefined ? `st-${stateKey}-add-action` : `st-${neighbour}-heading`);
  };

  const targetKnown = states.some((s) => s.id === action.target);
  // A guard reads the answers outside repeating groups (and aggregates over them, which the JSON box edits).
  const conditionFields = listConditionFields(definition.form, undefined, language);
  const roleProblems = at('roles');

  return (
    <section className={`st-action${hasError(problems) ? ' st-has-error' : ''}`} aria-labelledby={id('heading')}>
      <h5 id={id('heading')} tabIndex={-1} className="st-action-heading">
        {name}
      </h5>
      <ProblemMessages problems={own} />
      <LocalizedTextField
        id={id('label')}
        value={action.label}
        labelFor={(lang) => (lang === 'de' ? t('actionLabel') : t('actionLabelIn')(languageName(lang)))}
        pointer={`${pointer}/label`}
        onChange={changeLabel}
      />
      <FieldFrame id={id('target')} label={t('actionTarget')} problems={at('target')}>
        {(control) => (
          <select {...control} className="aw-select" data-pointer={`${pointer}/target`} value={action.target} onChange={(event) => change({ target: event.target.value })}>
            {targetKnown ? null : <option value={action.target}>{t('unknownOption')(action.target)}</option>}
            {states.map((target, index) => (
              <option key={`${target.id}:${index}`} value={target.id}>
                {localize(target.label, language) || target.id}
              </option>
            ))}
          </select>
        )}
      </FieldFrame>
      <fieldset className={`aw-fieldset st-subfieldset${hasError(roleProblems) ? ' aw-field--error' : ''}`} aria-describedby={id('roles-hint')}>
        <legend className="aw-label">{t('actionRoles')}</legend>
        <p id={id('roles-hint')} className="aw-hint">
          {t('roleSystemHint')}
        </p>
        <ProblemMessages problems={roleProblems} />
        <div className="aw-choices--inline" data-pointer={`${pointer}/roles`} tabIndex={-1}>
          {roleChoices.map((choice) => (
            <div key={choice.id} className="aw-choice">
              <input
                id={id(`role-${choice.id}`)}
                type="checkbox"
                checked={action.roles.includes(choice.id)}
                onChange={(event) => toggleRole(choice.id, event.target.checked)}
              />
              <label htmlFor={id(`role-${choice.id}`)}>{choice.label}</label>
            </div>
          ))}
          {action.roles
            .filter((role) => !roleChoices.some((choice) => choice.id === role))
            .map((role) => (
              <div key={role} className="aw-choice">
                <input id={id(`role-unknown-${role}`)} type="checkbox" checked onChange={(event) => toggleRole(role, event.target.checked)} />
                <label htmlFor={id(`role-unknown-${role}`)}>{t('unknownOption')(role)}</label>
              </div>
            ))}
        </div>
      </fieldset>
      <CheckboxField
        id={id('four-eyes')}
        label={t('fourEyes')}
        hint={t('fourEyesHint')}
        checked={action.fourEyes === true}
        problems={at('fourEyes')}
        pointer={`${pointer}/fourEyes`}
        onChange={(checked) => change({ fourEyes: checked ? true : undefined })}
      />
      <details className="st-advanced" open={action.guard !== undefined || action.guardMessage !== undefined ? true : undefined}>
        <summary>{action.guard === undefined ? t('guardSummaryNone') : t('guardSummary')}</summary>
        <ProblemMessages problems={at('guard')} />
        <div data-pointer={`${pointer}/guard`} tabIndex={-1} className="st-guard">
          <ConditionEditor
            legend={t('guardLegend')}
            emptyText={t('guardEmpty')}
            expression={action.guard}
            fields={conditionFields}
            onChange={(guard, part) => change({ guard }, PROCESS_TEXTS.guardEdit, `action:${actionKey}:guard:${part}`)}
          />
        </div>
        {action.guard !== undefined || action.guardMessage !== undefined ? (
          <LocalizedTextField
            id={id('guard-message')}
            value={action.guardMessage}
            labelFor={(lang) => (lang === 'de' ? t('guardMessage') : t('guardMessageIn')(languageName(lang)))}
            pointer={`${pointer}/guardMessage`}
            onChange={(lang, text) =>
              change({ guardMessage: withOptionalLanguage(action.guardMessage, lang, text, definition.settings.languages) }, PROCESS_TEXTS.guardEdit, `action:${actionKey}:guardMessage:${lang}`)
            }
          />
        ) : null}
      </details>
      <ActionInputsEditor state={state} action={action} pointer={pointer} actionKey={actionKey} ui={ui} />
      <ActionEffectsEditor state={state} action={action} pointer={pointer} actionKey={actionKey} />

      <div className="st-button-row">
        <MoveButtons index={actionIndex} count={actions.length} quoted={quoted} id={id} move={move} />
        <button type="button" className="aw-button aw-button--secondary st-button--danger" onClick={remove}>
          {t('deleteAction')}
          <span className="aw-visually-hidden">{quoted}</span>
        </button>
      </div>
      <IdField
        id={id('id')}
        label={t('actionId')}
        value={action.id}
        problems={at('id')}
        pointer={`${pointer}/id`}
        rename={(newId) => {
          if (apply(renameActionId(definition, state.id, action.id, newId), PROCESS_TEXTS.actionRenamedEdit)) ui.keys.rename(actionsScope(stateKey), action.id, newId);
        }}
      />
    </section>
  );
}
