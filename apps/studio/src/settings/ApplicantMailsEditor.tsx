import { useMemo, useState, type ReactNode } from 'react';
import { MAIL_FACTS, MAIL_OCCASIONS, type MailOccasion, type ServiceDefinition } from '@amtsweg/definitions';
import {
  customizeMailText,
  findDefaultMailText,
  hasOwnMailText,
  listMailLanguages,
  resetMailText,
  setMailEnabled,
  setMailText,
  type MailLanguage,
  type MailTextPart,
} from '@amtsweg/editor';
import { exampleData } from '@amtsweg/forms/example-answers';
import { localize } from '@amtsweg/ui';
import { Link } from '@amtsweg/ui/app';
import { BASE } from '../App';
import { CheckboxField, FieldFrame } from '../area-controls/FieldFrame';
import { usePendingFocus } from '../area-controls/focus-request';
import { daysOf } from '../area-controls/iso-duration';
import { LocalizedTextField } from '../area-controls/LocalizedTextField';
import { ProblemMessages } from '../area-controls/ProblemMessages';
import { todayIso } from '../area-controls/reference-example';
import { useAreaTexts } from '../area-controls/use-area-texts';
import { useLanguageName } from '../area-controls/use-language-name';
import { useEditor } from '../editor-context';
import { useLanguage } from '../i18n';
import { findExampleAnswerPlaceholder } from './example-mail';
import { MailPreview } from './MailPreview';
import { MAIL_FACT_TEXT_KEYS, MAIL_TEXTS, OCCASION_TEXT_KEYS } from './mail-texts';

const POINTER = '/settings/notifications';
const PART_ROWS: Record<MailTextPart, number> = { subject: 1, body: 16 };

/** The deadlines of states waiting for the applicant that remind them, with their state and place there (Frist 1). */
function listReminders(definition: ServiceDefinition) {
  return definition.process.states
    .filter((state) => state.kind === 'waiting')
    .flatMap((state) =>
      (state.deadlines ?? []).flatMap((deadline, index) => (deadline.remindBefore === undefined ? [] : [{ state, deadline, position: index + 1 }])),
    );
}

/** Where a reminder is set: the first deadline of a waiting state (its reminder field), else the first waiting state. */
function reminderPlace(definition: ServiceDefinition): string | undefined {
  const states = definition.process.states;
  const withDeadline = states.findIndex((state) => state.kind === 'waiting' && (state.deadlines ?? []).length > 0);
  if (withDeadline >= 0) return `/process/states/${withDeadline}/deadlines/0/remindBefore`;
  const waiting = states.findIndex((state) => state.kind === 'waiting');
  return waiting >= 0 ? `/process/states/${waiting}` : undefined;
}

/**
 * "E-Mails an Antragstellende": each occasion on which the applicant gets an e-mail, when it goes out, whether
 * it is sent, its subject and text per mail language (the default until the designer adapts it), and a preview
 * with example data; above them the placeholders the texts may use.
 */
export function ApplicantMailsEditor(): ReactNode {
  const { definition, apply, diagnostics, announce, serviceId, showPlace } = useEditor();
  const t = useAreaTexts(MAIL_TEXTS);
  const { language } = useLanguage();
  const languageName = useLanguageName();
  const focusLater = usePendingFocus();
  const mailLanguages = listMailLanguages(definition);
  const [chosenLanguage, setChosenLanguage] = useState<MailLanguage>('de');
  const previewLanguage = mailLanguages.includes(chosenLanguage) ? chosenLanguage : 'de';
  const today = todayIso();
  const answers = useMemo(() => exampleData(definition.form, { today }), [definition.form, today]);
  const reminders = listReminders(definition);
  const waiting = definition.process.states.some((state) => state.kind === 'waiting');
  const processLink = `${BASE}/dienste/${serviceId}?bereich=ablauf`;
  const sectionProblems = diagnostics.filter((d) => d.path === POINTER || (d.path.startsWith(`${POINTER}/`) && !(MAIL_OCCASIONS as readonly string[]).includes(d.path.split('/')[3] ?? '')));

  const describeReminders = () =>
    reminders
      .map(({ state, deadline, position }) => {
        const days = daysOf(deadline.remindBefore ?? '');
        return t('reminderEntry')(days === undefined ? (deadline.remindBefore ?? '') : t('days')(days), position, localize(state.label, language) || state.id);
      })
      .join('; ');

  /** What the procedure means for an e-mail: whether it can go out at all, and where that is set. */
  const statusOf = (occasion: MailOccasion): ReactNode => {
    let text: string | undefined;
    if (occasion === 'reminder') text = reminders.length === 0 ? t('remindersNone') : t('remindersNow')(describeReminders());
    else if (occasion === 'informationRequested' && !waiting) text = t('noWaitingState');
    if (text === undefined) return null;
    return (
      <p>
        {text}{' '}
        <Link
          to={processLink}
          onClick={(event) => {
            // Straight to the reminder's field in the procedure, not to the top of a long page.
            const place = reminderPlace(definition);
            if (!place) return;
            event.preventDefault();
            showPlace(place);
          }}
        >
          {t('toProcess')}
        </Link>
      </p>
    );
  };

  return (
    <section aria-labelledby="st-settings-mails" className="st-mails">
      <h3 id="st-settings-mails">{t('title')}</h3>
      <p>{t('intro')}</p>
      {definition.settings.applicant?.emailField === undefined ? (
        <p className="st-warning-message">
          <span className="st-problem-kind">{t('hintLabel')}:</span> {t('noEmailField')}
        </p>
      ) : null}
      <ProblemMessages problems={sectionProblems} />

      <h4 id="st-mails-placeholders">{t('placeholdersTitle')}</h4>
      <p>{t('placeholdersIntro')}</p>
      <ul className="st-mail-placeholders" aria-labelledby="st-mails-placeholders">
        {MAIL_FACTS.map((fact) => (
          <li key={fact}>
            <code>{`{{${fact}}}`}</code> – {t(MAIL_FACT_TEXT_KEYS[fact])}
          </li>
        ))}
        <li>
          {t('placeholderAnswers')} <code>{findExampleAnswerPlaceholder(definition)}</code>
        </li>
      </ul>

      {mailLanguages.length > 1 ? (
        <FieldFrame id="st-mails-preview-language" label={t('previewLanguage')}>
          {(control) => (
            <select {...control} className="aw-select aw-input--number" value={previewLanguage} onChange={(event) => setChosenLanguage(event.target.value as MailLanguage)}>
              {mailLanguages.map((code) => (
                <option key={code} value={code}>
                  {languageName(code)}
                </option>
              ))}
            </select>
          )}
        </FieldFrame>
      ) : null}

      {MAIL_OCCASIONS.map((occasion) => {
        const keys = OCCASION_TEXT_KEYS[occasion];
        const name = t(keys.name);
        const id = (part: string) => `st-mail-${occasion}-${part}`;
        const pointer = `${POINTER}/${occasion}`;
        const mail = definition.settings.notifications?.[occasion];
        const enabled = mail?.enabled !== false;
        const own = hasOwnMailText(definition, occasion);
        const standard = findDefaultMailText(definition, occasion);
        const unclaimed = diagnostics.filter(
          (d) => (d.path === pointer || d.path.startsWith(`${pointer}/`)) && !['subject', 'body'].some((part) => d.path.startsWith(`${pointer}/${part}`)),
        );
        const partLabel = (part: MailTextPart) => (lang: string) => t('partIn')(t(part), languageName(lang));

        const customize = () => {
          if (!apply(customizeMailText(definition, occasion), MAIL_TEXTS.customizeEdit)) return;
          announce(t('customized')(name));
          focusLater(id('subject-de'));
        };
        const reset = () => {
          if (!apply(resetMailText(definition, occasion), MAIL_TEXTS.resetEdit)) return;
          announce(t('wasReset')(name));
          focusLater(id('customize'));
        };

        return (
          <section key={occasion} className="st-mail" aria-labelledby={id('title')}>
            <h4 id={id('title')}>{name}</h4>
            <p>{t(keys.when)}</p>
            {statusOf(occasion)}
            <ProblemMessages problems={unclaimed} />
            <CheckboxField
              id={id('enabled')}
              label={t('send')(name)}
              hint={enabled ? undefined : t('notSentHint')}
              checked={enabled}
              pointer={pointer}
              onChange={(checked) => apply(setMailEnabled(definition, occasion, checked), MAIL_TEXTS.enabledEdit)}
            />
            {own ? (
              <>
                {(['subject', 'body'] as const).map((part) => (
                  <LocalizedTextField
                    key={part}
                    id={id(part)}
                    value={mail?.[part] ?? standard[part]}
                    labelFor={partLabel(part)}
                    hint={part === 'body' ? t('bodyHint') : undefined}
                    pointer={`${pointer}/${part}`}
                    languages={mailLanguages}
                    multiline={part === 'body'}
                    rows={PART_ROWS[part]}
                    onChange={(lang, text) => apply(setMailText(definition, occasion, part, lang, text), MAIL_TEXTS.textEdit, { mergeKey: `mail:${occasion}:${part}:${lang}` })}
                  />
                ))}
                <div className="st-button-row">
                  <button type="button" id={id('reset')} className="aw-button aw-button--secondary" onClick={reset}>
                    {t('reset')}
                    <span className="aw-visually-hidden">{` – ${name}`}</span>
                  </button>
                </div>
              </>
            ) : (
              <div className="st-button-row">
                <p className="st-mail-standard">{t('standardText')}</p>
                <button type="button" id={id('customize')} className="aw-button aw-button--secondary" onClick={customize}>
                  {t('customize')}
                  <span className="aw-visually-hidden">{` – ${name}`}</span>
                </button>
              </div>
            )}
            <MailPreview occasion={occasion} name={name} language={previewLanguage} today={today} answers={answers} idPrefix={id('preview')} />
          </section>
        );
      })}
    </section>
  );
}
