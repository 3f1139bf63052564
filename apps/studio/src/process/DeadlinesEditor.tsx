import type { ReactNode } from 'react';
import type { ProcessState } from '@amtsweg/definitions';
import { addDeadline, deleteDeadline, setDeadlineReminder, updateDeadline, type DeadlineChanges } from '@amtsweg/editor';
import { localize } from '@amtsweg/ui';
import { FieldFrame } from '../area-controls/FieldFrame';
import { daysOf, parseWholeNumber } from '../area-controls/iso-duration';
import { ProblemMessages } from '../area-controls/ProblemMessages';
import { useAreaTexts } from '../area-controls/use-area-texts';
import { ValidatedInput } from '../area-controls/ValidatedInput';
import { diagnosticsAt, useEditor } from '../editor-context';
import { useLanguage } from '../i18n';
import { createDeadline, findLongestReminder, listDeadlineSetters } from './process-edits';
import { PROCESS_TEXTS } from './process-texts';
import { listUnclaimed, type ProcessUi } from './process-ui';

/** The longest deadline offered: ten years. */
const MAX_DAYS = 3650;

/** A reminder's time before the deadline in words where it is in days: „3 Tage“, else as written (`P1W`). */
function formatReminder(duration: string, language: 'de' | 'en'): string {
  const days = daysOf(duration);
  if (days === undefined) return duration;
  if (language === 'de') return days === 1 ? '1 Tag' : `${days} Tage`;
  return days === 1 ? '1 day' : `${days} days`;
}

/**
 * The deadlines of a state: after how many days which action is taken, who may set the last day and, while the
 * state waits for the applicant, how many days before its end they are reminded by e-mail.
 */
export function DeadlinesEditor({ state, stateIndex, stateKey, ui }: { state: ProcessState; stateIndex: number; stateKey: string; ui: ProcessUi }): ReactNode {
  const { definition, apply, diagnostics } = useEditor();
  const t = useAreaTexts(PROCESS_TEXTS);
  const { language } = useLanguage();
  const deadlines = state.deadlines ?? [];
  const actions = state.actions ?? [];
  const setters = listDeadlineSetters(definition, state.id);
  const name = localize(state.label, language);

  const add = () => {
    const deadline = createDeadline(state);
    if (!deadline) {
      apply({ ok: false, message: PROCESS_TEXTS.noActionForDeadline }, PROCESS_TEXTS.deadlineAddedEdit);
      return;
    }
    if (apply(addDeadline(definition, state.id, deadline), PROCESS_TEXTS.deadlineAddedEdit)) ui.focusLater(`st-${stateKey}-deadline-${deadlines.length}-days`);
  };

  return (
    <>
      <h4>{t('deadlinesTitle')}</h4>
      {deadlines.length === 0 ? <p className="aw-hint">{t('noDeadlines')}</p> : null}
      {deadlines.map((deadline, index) => {
        const pointer = `/process/states/${stateIndex}/deadlines/${index}`;
        const at = (part: string) => diagnosticsAt(diagnostics, `${pointer}/${part}`);
        const id = (part: string) => `st-${stateKey}-deadline-${index}-${part}`;
        const change = (changes: DeadlineChanges, mergeKey?: string) =>
          apply(updateDeadline(definition, state.id, deadline.id, changes), PROCESS_TEXTS.deadlineChangedEdit, mergeKey === undefined ? undefined : { mergeKey });
        const days = daysOf(deadline.after);
        const reminderDays = deadline.remindBefore === undefined ? undefined : daysOf(deadline.remindBefore);
        const longestReminder = findLongestReminder(deadline.after, MAX_DAYS);
        const checkReminder = (text: string) => {
          if (text.trim() === '') return undefined;
          if (longestReminder < 1) return t('deadlineReminderTooShort');
          return parseWholeNumber(text, 1, longestReminder) === undefined ? t('deadlineReminderInvalid')(longestReminder) : undefined;
        };
        const remind = (text: string) =>
          apply(
            setDeadlineReminder(definition, state.id, deadline.id, text.trim() === '' ? null : parseWholeNumber(text, 1, longestReminder)!),
            PROCESS_TEXTS.reminderEdit,
            { mergeKey: `deadline:${stateKey}:${deadline.id}:reminder` },
          );
        const actionKnown = actions.some((action) => action.id === deadline.action);
        const setterKnown = deadline.setBy === undefined || setters.some((setter) => setter.key === deadline.setBy);
        return (
          <fieldset key={`${deadline.id}:${index}`} className="aw-fieldset st-deadline">
            <legend className="st-item-legend">{t('deadline')(index + 1)}</legend>
            <ProblemMessages problems={listUnclaimed(diagnosticsAt(diagnostics, pointer), ['after', 'action', 'setBy', 'remindBefore'].map((part) => `${pointer}/${part}`))} />
            <ValidatedInput
              id={id('days')}
              label={t('deadlineDays')}
              hint={days === undefined ? `${t('deadlineDaysHint')} ${t('deadlineDaysNow')(deadline.after)}` : t('deadlineDaysHint')}
              value={days === undefined ? '' : String(days)}
              check={(text) => (parseWholeNumber(text, 1, MAX_DAYS) === undefined ? t('deadlineDaysInvalid') : undefined)}
              commit={(text) => change({ after: `P${parseWholeNumber(text, 1, MAX_DAYS)!}D` }, `deadline:${stateKey}:${deadline.id}:after`)}
              problems={at('after')}
              pointer={`${pointer}/after`}
              inputProps={{ inputMode: 'numeric', className: 'aw-input aw-input--short', autoComplete: 'off' }}
            />
            <FieldFrame id={id('action')} label={t('deadlineAction')} hint={t('deadlineActionHint')} problems={at('action')}>
              {(control) => (
                <select {...control} className="aw-select" data-pointer={`${pointer}/action`} value={deadline.action} onChange={(event) => change({ action: event.target.value })}>
                  {actionKnown ? null : <option value={deadline.action}>{t('unknownOption')(deadline.action)}</option>}
                  {actions.map((action) => (
                    <option key={action.id} value={action.id}>
                      {localize(action.label, language) || action.id}
                    </option>
                  ))}
                </select>
              )}
            </FieldFrame>
            <FieldFrame id={id('set-by')} label={t('deadlineSetBy')} hint={t('deadlineSetByHint')} problems={at('setBy')}>
              {(control) => (
                <select
                  {...control}
                  className="aw-select"
                  data-pointer={`${pointer}/setBy`}
                  value={deadline.setBy ?? ''}
                  onChange={(event) => change({ setBy: event.target.value === '' ? undefined : event.target.value })}
                >
                  <option value="">{t('deadlineSetByNone')}</option>
                  {setterKnown ? null : <option value={deadline.setBy}>{t('unknownOption')(deadline.setBy ?? '')}</option>}
                  {setters.map((setter) => (
                    <option key={setter.key} value={setter.key}>
                      {t('deadlineSetByOption')(localize(setter.inputLabel, language) || setter.key, localize(setter.actionLabel, language))}
                    </option>
                  ))}
                </select>
              )}
            </FieldFrame>
            {state.kind === 'waiting' ? (
              <ValidatedInput
                id={id('reminder')}
                label={t('deadlineReminder')}
                hint={t('deadlineReminderHint')}
                // A reminder not in days (`P1W`) is shown as it is, so that emptying the field removes it.
                value={deadline.remindBefore === undefined ? '' : reminderDays === undefined ? deadline.remindBefore : String(reminderDays)}
                check={checkReminder}
                commit={remind}
                problems={at('remindBefore')}
                pointer={`${pointer}/remindBefore`}
                inputProps={{ inputMode: 'numeric', className: 'aw-input aw-input--short', autoComplete: 'off' }}
              />
            ) : deadline.remindBefore === undefined ? null : (
              <div className="st-inline-field">
                <div className="aw-field">
                  <p id={id('reminder-outside')}>{t('deadlineReminderOutside')(formatReminder(deadline.remindBefore, language))}</p>
                  <ProblemMessages problems={at('remindBefore')} />
                </div>
                <button
                  type="button"
                  className="aw-button aw-button--secondary"
                  data-pointer={`${pointer}/remindBefore`}
                  aria-describedby={id('reminder-outside')}
                  onClick={() => remind('')}
                >
                  {t('removeReminder')}
                </button>
              </div>
            )}
            <div className="st-button-row">
              <button
                type="button"
                className="aw-button aw-button--secondary st-button--danger"
                onClick={() => {
                  if (apply(deleteDeadline(definition, state.id, deadline.id), PROCESS_TEXTS.deadlineDeletedEdit)) ui.focusLater(`st-${stateKey}-add-deadline`);
                }}
              >
                {t('deleteDeadline')}
                <span className="aw-visually-hidden">{` ${index + 1} – ${name}`}</span>
              </button>
            </div>
          </fieldset>
        );
      })}
      {state.kind === 'final' ? null : (
        <p>
          <button type="button" id={`st-${stateKey}-add-deadline`} className="aw-button aw-button--secondary" onClick={add}>
            {t('addDeadline')}
            <span className="aw-visually-hidden">{` – ${name}`}</span>
          </button>
        </p>
      )}
    </>
  );
}
