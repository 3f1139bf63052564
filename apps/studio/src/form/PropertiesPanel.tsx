import { useId, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AutocompleteToken, Expression, FormElement, FormPage, LocalizedText, ServiceDefinition } from '@amtsweg/definitions';
import { findElement, findUsages, type LocatedElement } from '@amtsweg/editor';
import { useEditor } from '../editor-context';
import { useLanguage } from '../i18n';
import { ConditionEditor } from './ConditionEditor';
import { listConditionFields, parseConditionJson } from './condition-model';
import { elementPointerOf, findElementAtPointer, type ElementProblem } from './element-problems';
import { elementName, typeName } from './field-types';
import { focusSoon, focusTarget } from './focus-soon';
import { useFormTexts } from './form-texts';
import { OptionsEditor } from './OptionsEditor';
import { CheckboxProperty, DateProperty, NumberProperty, SelectProperty, TextProperty } from './property-inputs';
import { pageName, type FormActions, type Selection } from './use-form-designer';

type T = ReturnType<typeof useFormTexts>;

interface PropertiesPanelProps {
  page: FormPage;
  selection: Selection;
  problems: ReadonlyMap<string, readonly ElementProblem[]>;
  actions: FormActions;
}

/** The properties of the selected element, or of the page shown when none is selected. */
export function PropertiesPanel({ page, selection, problems, actions }: PropertiesPanelProps): ReactNode {
  const { definition } = useEditor();
  const located = selection.path === null ? undefined : findElement(definition, selection.path);
  if (!located) return <PageProperties key={`${page.id}:${selection.token}`} page={page} problems={problems} actions={actions} />;
  // Keyed by the choice, not the path: the panel keeps its state while the key follows the label.
  return <ElementProperties key={selection.token} located={located} problems={problems.get(located.pointer) ?? []} actions={actions} />;
}

/** The definition's languages, German first, with names for the labels of the inputs. */
function useLanguages(definition: ServiceDefinition, t: T): { code: string; name: string }[] {
  const codes = ['de', ...definition.settings.languages.filter((code) => code !== 'de')];
  return codes.map((code) => ({ code, name: code === 'de' ? t('languageGerman') : code === 'en' ? t('languageEnglish') : code.toUpperCase() }));
}

/** Sets a language's text in a localised text; a blank translation is removed, a blank German text kept. */
function withText(text: LocalizedText | undefined, language: string, value: string): LocalizedText {
  const next: LocalizedText = { ...(text ?? { de: '' }), [language]: value };
  if (language !== 'de' && value === '') delete next[language];
  return next;
}

/** A localised text that is entirely blank is no text. */
function orNothing(text: LocalizedText): LocalizedText | undefined {
  return Object.values(text).every((value) => (value ?? '').trim() === '') ? undefined : text;
}

function ProblemList({ problems, t }: { problems: readonly ElementProblem[]; t: T }): ReactNode {
  if (problems.length === 0) return null;
  return (
    <ul className="st-element-problems">
      {problems.map((problem, index) => (
        <li key={index} className={`st-element-problem st-element-problem--${problem.severity}`}>
          <strong>{problem.severity === 'error' ? t('errorPrefix') : t('warningPrefix')}</strong> {problem.message}
        </li>
      ))}
    </ul>
  );
}

function PageProperties({ page, problems, actions }: { page: FormPage; problems: PropertiesPanelProps['problems']; actions: FormActions }): ReactNode {
  const t = useFormTexts();
  const { definition } = useEditor();
  const { language } = useLanguage();
  const headingId = useId();
  const languages = useLanguages(definition, t);
  const pageIndex = definition.form.pages.indexOf(page);
  const fields = useMemo(() => listConditionFields(definition.form, undefined, 'de'), [definition.form]);
  return (
    <section className="st-properties" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('propertiesOfPage')(pageName(page, language))}</h2>
      <ProblemList problems={problems.get(`/form/pages/${pageIndex}`) ?? []} t={t} />
      {languages.map((entry) => (
        <TextProperty
          key={entry.code}
          label={t('pageTitleIn')(entry.name)}
          value={page.title[entry.code] ?? ''}
          focusId={`prop:page-title-${entry.code}`}
          onChange={(value) => actions.updatePage(page.id, { title: withText(page.title, entry.code, value) }, `title:${entry.code}`)}
        />
      ))}
      <ConditionEditor
        legend={t('visibleIf')}
        emptyText={t('alwaysShown')}
        expression={page.visibleIf}
        fields={fields}
        onChange={(expression, part) => actions.updatePage(page.id, { visibleIf: expression }, `visibleIf:${part}`)}
      />
    </section>
  );
}

interface ElementPropertiesProps {
  located: LocatedElement;
  problems: readonly ElementProblem[];
  actions: FormActions;
}

function ElementProperties({ located, problems, actions }: ElementPropertiesProps): ReactNode {
  const t = useFormTexts();
  const { definition } = useEditor();
  const { language } = useLanguage();
  const headingId = useId();
  const { element, path } = located;
  const languages = useLanguages(definition, t);
  const fields = useMemo(() => listConditionFields(definition.form, path, 'de'), [definition.form, path]);
  const update = (changes: Parameters<FormActions['update']>[1], part: string) => actions.update(path, changes, part);
  const updateCondition = (property: 'visibleIf' | 'requiredIf', expression: Expression | undefined, part: string) =>
    actions.update(path, property === 'visibleIf' ? { visibleIf: expression } : { requiredIf: expression }, `${property}:${part}`, 'stepCondition');

  return (
    <section className="st-properties" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('propertiesOf')(elementName(element))}</h2>
      <p className="st-property-type">
        {t('fieldType')}: <strong>{typeName(element.type, language)}</strong>
      </p>
      <ProblemList problems={problems} t={t} />
      {element.type === 'staticText'
        ? languages.map((entry) => (
            <TextProperty
              key={entry.code}
              label={t('contentIn')(entry.name)}
              hint={t('contentHint')}
              multiline
              value={element.content[entry.code] ?? ''}
              focusId={`prop:content-${entry.code}`}
              onChange={(value) => update({ content: withText(element.content, entry.code, value) }, `content:${entry.code}`)}
            />
          ))
        : languages.map((entry) => (
            <TextProperty
              key={entry.code}
              label={t('labelIn')(entry.name)}
              value={element.label[entry.code] ?? ''}
              focusId={`prop:label-${entry.code}`}
              onChange={(value) => actions.updateLabel(path, entry.code, value)}
            />
          ))}
      {element.type !== 'staticText'
        ? languages.map((entry) => (
            <TextProperty
              key={entry.code}
              label={t('hintIn')(entry.name)}
              multiline
              value={element.hint?.[entry.code] ?? ''}
              onChange={(value) => update({ hint: orNothing(withText(element.hint, entry.code, value)) }, `hint:${entry.code}`)}
            />
          ))
        : null}
      <KeyProperty path={path} elementKey={element.key} following={actions.isKeyFollowingLabel(path)} actions={actions} t={t} />
      {'required' in element || isAnswerField(element) ? (
        <RequiredProperties element={element} fields={fields} update={update} updateCondition={updateCondition} t={t} />
      ) : null}
      <TypeProperties element={element} languages={languages} update={update} t={t} />
      <ConditionEditor
        legend={t('visibleIf')}
        emptyText={t('alwaysShown')}
        expression={element.visibleIf}
        fields={fields}
        onChange={(expression, part) => updateCondition('visibleIf', expression, part)}
      />
      {element.type !== 'staticText' ? <Usages definition={definition} path={path} actions={actions} t={t} /> : null}
    </section>
  );
}

/** True for fields a person answers (not groups, texts or calculated values), which may be required. */
function isAnswerField(element: FormElement): boolean {
  return !['group', 'repeat', 'staticText', 'calculated'].includes(element.type);
}

/** The key, changed on leaving the input or pressing Enter; a refusal (taken, malformed) is shown at the input. */
function KeyProperty({ path, elementKey, following, actions, t }: { path: string; elementKey: string; following: boolean; actions: FormActions; t: T }): ReactNode {
  const [text, setText] = useState(elementKey);
  const [problem, setProblem] = useState<string | null>(null);
  const seen = useRef(elementKey);
  if (seen.current !== elementKey) {
    // Renamed (here, by the label, or by undo): show the key it has now.
    seen.current = elementKey;
    setText(elementKey);
    setProblem(null);
  }
  const commit = () => {
    if (text.trim() === elementKey) return;
    const refusal = actions.renameKey(path, text);
    setProblem(refusal);
  };
  return (
    <TextProperty
      label={t('key')}
      hint={following ? `${t('keyHint')} ${t('keyFollowsLabel')}` : t('keyHint')}
      problem={problem}
      value={text}
      spellCheck={false}
      focusId="prop:key"
      onChange={(value) => {
        setText(value);
        setProblem(null);
      }}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          commit();
        } else if (event.key === 'Escape') {
          setText(elementKey);
          setProblem(null);
        }
      }}
    />
  );
}

type Update = (changes: Parameters<FormActions['update']>[1], part: string) => void;

function RequiredProperties({
  element,
  fields,
  update,
  updateCondition,
  t,
}: {
  element: FormElement;
  fields: ReturnType<typeof listConditionFields>;
  update: Update;
  updateCondition: (property: 'visibleIf' | 'requiredIf', expression: Expression | undefined, part: string) => void;
  t: T;
}): ReactNode {
  if (!('required' in element) && !isAnswerField(element)) return null;
  const field = element as Extract<FormElement, { required?: boolean }>;
  const required = field.required === true;
  return (
    <>
      <CheckboxProperty label={t('required')} hint={t('requiredHint')} checked={required} onChange={(checked) => update({ required: checked ? true : undefined }, 'required')} />
      {!required ? (
        <ConditionEditor
          legend={t('requiredIf')}
          emptyText={t('neverRequired')}
          expression={'requiredIf' in field ? field.requiredIf : undefined}
          fields={fields}
          onChange={(expression, part) => updateCondition('requiredIf', expression, part)}
        />
      ) : null}
    </>
  );
}

const FILE_TYPES: readonly { type: string; name: { de: string; en: string } }[] = [
  { type: 'application/pdf', name: { de: 'PDF', en: 'PDF' } },
  { type: 'image/jpeg', name: { de: 'JPEG-Bild', en: 'JPEG image' } },
  { type: 'image/png', name: { de: 'PNG-Bild', en: 'PNG image' } },
  { type: 'image/heic', name: { de: 'HEIC-Bild (iPhone)', en: 'HEIC image (iPhone)' } },
  { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', name: { de: 'Word-Dokument (DOCX)', en: 'Word document (DOCX)' } },
];

const AUTOCOMPLETE: readonly { token: AutocompleteToken; name: { de: string; en: string } }[] = [
  { token: 'name', name: { de: 'Vollständiger Name', en: 'Full name' } },
  { token: 'honorific-prefix', name: { de: 'Anrede', en: 'Title' } },
  { token: 'given-name', name: { de: 'Vorname', en: 'First name' } },
  { token: 'family-name', name: { de: 'Nachname', en: 'Last name' } },
  { token: 'organization', name: { de: 'Firma, Organisation', en: 'Organisation' } },
  { token: 'street-address', name: { de: 'Anschrift', en: 'Street address' } },
  { token: 'address-line1', name: { de: 'Straße und Hausnummer', en: 'Address line 1' } },
  { token: 'address-line2', name: { de: 'Adresszusatz', en: 'Address line 2' } },
  { token: 'postal-code', name: { de: 'Postleitzahl', en: 'Postcode' } },
  { token: 'address-level2', name: { de: 'Ort', en: 'Town or city' } },
  { token: 'country-name', name: { de: 'Land', en: 'Country' } },
  { token: 'email', name: { de: 'E-Mail-Adresse', en: 'Email address' } },
  { token: 'tel', name: { de: 'Telefonnummer', en: 'Phone number' } },
  { token: 'bday', name: { de: 'Geburtsdatum', en: 'Date of birth' } },
];

const MAX_FILE_MB = 100;

/** The limits and choices fitting the element's type. */
function TypeProperties({ element, languages, update, t }: { element: FormElement; languages: { code: string; name: string }[]; update: Update; t: T }): ReactNode {
  const { language } = useLanguage();
  const others = languages.filter((entry) => entry.code !== 'de');
  const legendId = useId();
  let body: ReactNode = null;
  switch (element.type) {
    case 'text':
    case 'textarea':
      body = (
        <>
          <NumberProperty label={t('minLength')} whole min={0} max={100000} value={element.minLength} onChange={(value) => update({ minLength: value }, 'minLength')} />
          <NumberProperty label={t('maxLength')} whole min={1} max={100000} value={element.maxLength} onChange={(value) => update({ maxLength: value }, 'maxLength')} />
        </>
      );
      break;
    case 'email':
      body = <NumberProperty label={t('maxLength')} whole min={1} max={1000} value={element.maxLength} onChange={(value) => update({ maxLength: value }, 'maxLength')} />;
      break;
    case 'number':
    case 'integer':
    case 'money':
      body = (
        <>
          <NumberProperty label={t('minimum')} whole={element.type === 'integer'} value={element.minimum} onChange={(value) => update({ minimum: value }, 'minimum')} />
          <NumberProperty label={t('maximum')} whole={element.type === 'integer'} value={element.maximum} onChange={(value) => update({ maximum: value }, 'maximum')} />
        </>
      );
      break;
    case 'date':
      body = (
        <>
          <DateProperty label={t('minDate')} value={element.minDate} onChange={(value) => update({ minDate: value }, 'minDate')} />
          <DateProperty label={t('maxDate')} value={element.maxDate} onChange={(value) => update({ maxDate: value }, 'maxDate')} />
          <CheckboxProperty label={t('notInFuture')} checked={element.notInFuture === true} onChange={(checked) => update({ notInFuture: checked || undefined }, 'notInFuture')} />
          <CheckboxProperty label={t('notInPast')} checked={element.notInPast === true} onChange={(checked) => update({ notInPast: checked || undefined }, 'notInPast')} />
          <NumberProperty label={t('minAgeYears')} whole min={0} max={150} value={element.minAgeYears} onChange={(value) => update({ minAgeYears: value }, 'minAgeYears')} />
          <NumberProperty label={t('maxAgeYears')} whole min={0} max={150} value={element.maxAgeYears} onChange={(value) => update({ maxAgeYears: value }, 'maxAgeYears')} />
        </>
      );
      break;
    case 'select':
    case 'radio':
      body = (
        <>
          <SelectProperty
            label={t('display')}
            value={element.type}
            options={[
              { value: 'select', label: t('displaySelect') },
              { value: 'radio', label: t('displayRadio') },
            ]}
            onChange={(type) => update({ type }, 'type')}
          />
          <OptionsEditor options={element.options} otherLanguages={others} onChange={(options) => update({ options }, 'options')} />
        </>
      );
      break;
    case 'checkboxes':
      body = (
        <>
          <OptionsEditor options={element.options} otherLanguages={others} onChange={(options) => update({ options }, 'options')} />
          <NumberProperty label={t('minItemsChecked')} whole min={0} max={element.options.length} value={element.minItems} onChange={(value) => update({ minItems: value }, 'minItems')} />
          <NumberProperty label={t('maxItemsChecked')} whole min={1} max={element.options.length} value={element.maxItems} onChange={(value) => update({ maxItems: value }, 'maxItems')} />
        </>
      );
      break;
    case 'yesNo':
      body = (
        <>
          <CheckboxProperty label={t('mustBeYes')} checked={element.mustBeYes === true} onChange={(checked) => update({ mustBeYes: checked || undefined }, 'mustBeYes')} />
          <CheckboxProperty label={t('privacyNotice')} checked={element.privacyNotice === true} onChange={(checked) => update({ privacyNotice: checked || undefined }, 'privacyNotice')} />
        </>
      );
      break;
    case 'file': {
      const known = new Set(FILE_TYPES.map((entry) => entry.type));
      const entries = [...FILE_TYPES, ...element.accept.filter((type) => !known.has(type)).map((type) => ({ type, name: { de: t('otherFileType')(type), en: t('otherFileType')(type) } }))];
      body = (
        <>
          <fieldset className="aw-fieldset st-property">
            <legend className="aw-label">{t('fileTypes')}</legend>
            {entries.map((entry) => (
              <CheckboxProperty
                key={entry.type}
                label={entry.name[language]}
                checked={element.accept.includes(entry.type)}
                onChange={(checked) =>
                  update({ accept: checked ? [...element.accept, entry.type] : element.accept.filter((type) => type !== entry.type) }, `accept:${entry.type}`)
                }
              />
            ))}
          </fieldset>
          <NumberProperty
            label={t('maxSizeMb')}
            required
            min={0.1}
            max={MAX_FILE_MB}
            scale={1024 * 1024}
            value={element.maxSizeBytes}
            onChange={(value) => value !== undefined && update({ maxSizeBytes: value }, 'maxSizeBytes')}
          />
          <NumberProperty label={t('maxFiles')} whole required min={1} max={20} value={element.maxFiles} onChange={(value) => value !== undefined && update({ maxFiles: value }, 'maxFiles')} />
        </>
      );
      break;
    }
    case 'repeat':
      body = (
        <>
          {languages.map((entry) => (
            <TextProperty
              key={entry.code}
              label={t('itemLabelIn')(entry.name)}
              hint={entry.code === 'de' ? t('itemLabelHint') : undefined}
              value={element.itemLabel[entry.code] ?? ''}
              onChange={(value) => update({ itemLabel: withText(element.itemLabel, entry.code, value) }, `itemLabel:${entry.code}`)}
            />
          ))}
          <NumberProperty label={t('minItemsRepeat')} whole min={0} max={100} value={element.minItems} onChange={(value) => update({ minItems: value }, 'minItems')} />
          <NumberProperty label={t('maxItemsRepeat')} whole required min={1} max={100} value={element.maxItems} onChange={(value) => value !== undefined && update({ maxItems: value }, 'maxItems')} />
        </>
      );
      break;
    case 'calculated':
      body = (
        <>
          <SelectProperty
            label={t('valueType')}
            value={element.valueType}
            options={(['number', 'money', 'text', 'date', 'yesNo'] as const).map((value) => ({
              value,
              label: value === 'text' ? t('resultText') : typeName(value, language),
            }))}
            onChange={(valueType) => update({ valueType }, 'valueType')}
          />
          <ExpressionJson expression={element.expression} onChange={(expression) => update({ expression }, 'expression')} t={t} />
        </>
      );
      break;
    default:
      break;
  }
  const offersAutocomplete = isAnswerField(element) && !['yesNo', 'file', 'checkboxes'].includes(element.type);
  const autocomplete = offersAutocomplete ? ((element as { autocomplete?: AutocompleteToken }).autocomplete ?? '') : null;
  if (body === null && autocomplete === null) return null;
  return (
    <div className="st-property-group" role="group" aria-labelledby={legendId}>
      <h3 id={legendId}>{t('constraints')}</h3>
      {body}
      {autocomplete !== null ? (
        <SelectProperty
          label={t('autocomplete')}
          hint={t('autocompleteHint')}
          value={autocomplete}
          options={[{ value: '' as const, label: t('autocompleteNone') }, ...AUTOCOMPLETE.map((entry) => ({ value: entry.token, label: entry.name[language] }))]}
          onChange={(token) => update({ autocomplete: token === '' ? undefined : token }, 'autocomplete')}
        />
      ) : null}
    </div>
  );
}

/** A calculated field's expression as JSON (the condition builder covers conditions, not arithmetic). */
function ExpressionJson({ expression, onChange, t }: { expression: Expression; onChange: (expression: Expression) => void; t: T }): ReactNode {
  const format = (value: Expression) => JSON.stringify(value, null, 2);
  const [text, setText] = useState(() => format(expression));
  const [problem, setProblem] = useState<string | null>(null);
  const seen = useRef(expression);
  if (JSON.stringify(seen.current) !== JSON.stringify(expression)) {
    // Changed elsewhere (undo): show it.
    seen.current = expression;
    setText(format(expression));
    setProblem(null);
  }
  return (
    <TextProperty
      label={t('expressionJson')}
      multiline
      spellCheck={false}
      problem={problem}
      value={text}
      onChange={(next) => {
        setText(next);
        const parsed = parseConditionJson(next);
        if (!parsed.ok) return setProblem(parsed.problem === 'json' ? t('jsonInvalid')(parsed.detail) : t('jsonNotExpression')(parsed.detail));
        if (parsed.expression === undefined) return setProblem(t('expressionMissing'));
        setProblem(null);
        seen.current = parsed.expression;
        onChange(parsed.expression);
      }}
    />
  );
}

/** „Wo wird das verwendet?“: every condition, calculation, action and template reading the element. */
function Usages({ definition, path, actions, t }: { definition: ServiceDefinition; path: string; actions: FormActions; t: T }): ReactNode {
  const { language } = useLanguage();
  const usages = useMemo(() => findUsages(definition, path), [definition, path]);
  const headingId = useId();
  const show = (pointer: string) => {
    const owner = findElementAtPointer(definition, pointer);
    if (!owner) return;
    const page = definition.form.pages[owner.pageIndex];
    if (page) actions.selectPage(page.id);
    actions.selectElement(owner.path);
    focusSoon(focusTarget('select', owner.path));
  };
  return (
    <section className="st-usages" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('usagesTitle')}</h3>
      {usages.length === 0 ? (
        <p className="aw-hint">{t('usagesNone')}</p>
      ) : (
        <ul className="st-usage-list">
          {usages.map((usage) => (
            <li key={usage.pointer}>
              {elementPointerOf(usage.pointer) !== undefined ? (
                <button type="button" className="st-link-button" onClick={() => show(usage.pointer)}>
                  {t('usageShow')(usage.label[language])}
                </button>
              ) : (
                usage.label[language]
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
