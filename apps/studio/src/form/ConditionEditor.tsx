import { useId, useRef, useState, type ReactNode } from 'react';
import type { Expression } from '@amtsweg/definitions';
import { parseNumberInput } from '@amtsweg/ui';
import { useLanguage } from '../i18n';
import {
  conditionFromExpression,
  emptyRow,
  expressionFromCondition,
  needsValue,
  operatorsFor,
  parseConditionJson,
  startRow,
  withOperator,
  type ConditionField,
  type ConditionFieldKind,
  type ConditionGroup,
  type ConditionItem,
  type ConditionOperator,
  type ConditionRow,
} from './condition-model';
import { TextProperty } from './property-inputs';
import { useFormTexts } from './form-texts';

type T = ReturnType<typeof useFormTexts>;

const ALL_OPERATORS: readonly ConditionOperator[] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'empty', 'notEmpty', 'contains', 'notContains'];

function sameExpression(a: Expression | undefined, b: Expression | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The rows a condition opens with: its own, or one empty row to start from when there is none. */
function modelOf(expression: Expression | undefined): ConditionGroup | null {
  const model = conditionFromExpression(expression);
  return model !== null && model.items.length === 0 ? { ...model, items: [emptyRow()] } : model;
}

interface ConditionEditorProps {
  /** „Sichtbar, wenn“: the group's name. */
  legend: string;
  /** What holds while there is no condition: „Immer sichtbar.“ */
  emptyText: string;
  expression: Expression | undefined;
  fields: readonly ConditionField[];
  /** A changed condition (undefined: none); `part` tells which control changed, for merging typing into one step. */
  onChange: (expression: Expression | undefined, part: string) => void;
}

/**
 * Builds a condition without writing JSON: pick a field, an operator fitting it (ist gleich, ist größer als,
 * ist leer, enthält …) and a value fitting it (Ja/Nein, one of its choices, a number, a date); several rows
 * joined by „und“ or „oder“, and groups for mixing both. Experts can edit the JSON underneath; a condition the
 * rows cannot show stays editable there.
 */
export function ConditionEditor({ legend, emptyText, expression, fields, onChange }: ConditionEditorProps): ReactNode {
  const t = useFormTexts();
  const [model, setModel] = useState<ConditionGroup | null>(() => modelOf(expression));
  const written = useRef(expression);
  if (!sameExpression(written.current, expression)) {
    // Changed elsewhere (undo, the JSON box): show it.
    written.current = expression;
    setModel(modelOf(expression));
  }

  const update = (next: ConditionGroup, part: string) => {
    setModel(next);
    const built = expressionFromCondition(next);
    if (sameExpression(built, written.current)) return;
    written.current = built;
    onChange(built, part);
  };

  return (
    <fieldset className="aw-fieldset st-condition">
      <legend className="st-condition-legend">{legend}</legend>
      {model === null ? <p className="aw-hint">{t('conditionTooComplex')}</p> : null}
      {model !== null && model.items.length === 0 ? <p className="aw-hint">{emptyText}</p> : null}
      {model !== null && model.items.length > 0 ? (
        <GroupEditor group={model} fields={fields} onChange={update} t={t} depth={0} partPrefix="" />
      ) : null}
      {model !== null && expression === undefined && model.items.length > 0 ? <p className="aw-hint">{emptyText}</p> : null}
      <div className="st-condition-buttons">
        {model !== null ? (
          <button type="button" className="st-small-button" onClick={() => update({ ...model, items: [...model.items, emptyRow()] }, 'add')}>
            {t('addCondition')}
          </button>
        ) : null}
        {model !== null ? (
          <button
            type="button"
            className="st-small-button"
            onClick={() => update({ ...model, items: [...model.items, { kind: 'group', combinator: model.combinator === 'and' ? 'or' : 'and', items: [emptyRow()] }] }, 'add')}
          >
            {t('addConditionGroup')}
          </button>
        ) : null}
        {expression !== undefined ? (
          <button
            type="button"
            className="st-small-button st-small-button--danger"
            onClick={() => {
              written.current = undefined;
              setModel(modelOf(undefined));
              onChange(undefined, 'clear');
            }}
          >
            {t('removeCondition')}
          </button>
        ) : null}
      </div>
      <JsonEditor
        legend={legend}
        expression={expression}
        open={model === null}
        onApply={(next) => {
          written.current = next;
          setModel(modelOf(next));
          onChange(next, 'json');
        }}
      />
    </fieldset>
  );
}

interface GroupEditorProps {
  group: ConditionGroup;
  fields: readonly ConditionField[];
  onChange: (group: ConditionGroup, part: string) => void;
  t: T;
  depth: number;
  partPrefix: string;
}

function GroupEditor({ group, fields, onChange, t, depth, partPrefix }: GroupEditorProps): ReactNode {
  const combinatorId = useId();
  const replace = (index: number, item: ConditionItem | null, part: string) => {
    const items = item === null ? group.items.filter((_, position) => position !== index) : group.items.map((old, position) => (position === index ? item : old));
    onChange({ ...group, items }, `${partPrefix}${index}:${part}`);
  };
  return (
    <div className="st-condition-group">
      {group.items.length > 1 ? (
        <div className="st-condition-combinator">
          <label className="aw-label" htmlFor={combinatorId}>
            {t('combinator')}
          </label>
          <select
            id={combinatorId}
            className="aw-select"
            value={group.combinator}
            onChange={(event) => onChange({ ...group, combinator: event.target.value === 'or' ? 'or' : 'and' }, `${partPrefix}combinator`)}
          >
            <option value="and">{t('combinatorAnd')}</option>
            <option value="or">{t('combinatorOr')}</option>
          </select>
        </div>
      ) : null}
      <ol className="st-condition-items">
        {group.items.map((item, index) => (
          <li key={index} className="st-condition-item">
            {index > 0 ? (
              <p className="st-condition-joiner" aria-hidden="true">
                {group.combinator === 'and' ? t('and') : t('or')}
              </p>
            ) : null}
            {item.kind === 'row' ? (
              <RowEditor
                row={item}
                name={t('conditionRow')(index + 1)}
                fields={fields}
                t={t}
                onChange={(row, part) => replace(index, row, part)}
                onRemove={() => replace(index, null, 'remove')}
              />
            ) : (
              <fieldset className="aw-fieldset st-condition-subgroup">
                <legend className="st-condition-legend">{t('conditionGroup')(index + 1)}</legend>
                <GroupEditor group={item} fields={fields} onChange={(next, part) => replace(index, next, part)} t={t} depth={depth + 1} partPrefix={`${partPrefix}${index}/`} />
                <div className="st-condition-buttons">
                  <button type="button" className="st-small-button" onClick={() => replace(index, { ...item, items: [...item.items, emptyRow()] }, 'add')}>
                    {t('addCondition')}
                  </button>
                  <button type="button" className="st-small-button st-small-button--danger" onClick={() => replace(index, null, 'remove')}>
                    {t('removeRow')(t('conditionGroup')(index + 1))}
                  </button>
                </div>
              </fieldset>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}

function operatorLabel(operator: ConditionOperator, kind: ConditionFieldKind | undefined, t: T): string {
  if (kind === 'date') {
    if (operator === 'gt') return t('opAfter');
    if (operator === 'gte') return t('opOnOrAfter');
    if (operator === 'lt') return t('opBefore');
    if (operator === 'lte') return t('opOnOrBefore');
  }
  const labels: Record<ConditionOperator, string> = {
    eq: t('opEq'),
    ne: t('opNe'),
    gt: t('opGt'),
    gte: t('opGte'),
    lt: t('opLt'),
    lte: t('opLte'),
    empty: t('opEmpty'),
    notEmpty: t('opNotEmpty'),
    contains: t('opContains'),
    notContains: t('opNotContains'),
  };
  return labels[operator];
}

interface RowEditorProps {
  row: ConditionRow;
  name: string;
  fields: readonly ConditionField[];
  t: T;
  onChange: (row: ConditionRow, part: string) => void;
  onRemove: () => void;
}

/** One row: „Feld“ – „Bedingung“ – „Wert“, as a group named „Teilbedingung 1“. */
function RowEditor({ row, name, fields, t, onChange, onRemove }: RowEditorProps): ReactNode {
  const id = useId();
  const field = fields.find((candidate) => candidate.path === row.field);
  const offered = field ? operatorsFor(field.kind) : ALL_OPERATORS;
  const operators = offered.includes(row.operator) ? offered : [...offered, row.operator];
  return (
    <div role="group" aria-label={name} className="st-condition-row">
      <div className="st-condition-cell">
        <label className="aw-label" htmlFor={`${id}-field`}>
          {t('conditionField')}
        </label>
        <select
          id={`${id}-field`}
          className="aw-select"
          value={row.field}
          onChange={(event) => {
            const chosen = fields.find((candidate) => candidate.path === event.target.value);
            onChange(chosen ? startRow(chosen) : { ...row, field: event.target.value }, 'field');
          }}
        >
          <option value="">{t('chooseField')}</option>
          {row.field !== '' && !field ? <option value={row.field}>{t('unknownField')(row.field)}</option> : null}
          {fields.map((candidate) => (
            <option key={candidate.path} value={candidate.path}>
              {candidate.name}
            </option>
          ))}
        </select>
      </div>
      {row.field !== '' ? (
        <div className="st-condition-cell">
          <label className="aw-label" htmlFor={`${id}-operator`}>
            {t('conditionOperator')}
          </label>
          <select
            id={`${id}-operator`}
            className="aw-select"
            value={row.operator}
            onChange={(event) => onChange(withOperator(row, event.target.value as ConditionOperator), 'operator')}
          >
            {operators.map((operator) => (
              <option key={operator} value={operator}>
                {operatorLabel(operator, field?.kind, t)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {row.field !== '' && needsValue(row.operator) ? (
        <div className="st-condition-cell">
          <ValueInput id={`${id}-value`} row={row} field={field} t={t} onChange={(value) => onChange({ ...row, value }, 'value')} />
        </div>
      ) : null}
      <button type="button" className="st-small-button st-small-button--danger st-condition-remove" aria-label={t('removeRow')(name)} onClick={onRemove}>
        {t('remove')}
      </button>
    </div>
  );
}

interface ValueInputProps {
  id: string;
  row: ConditionRow;
  field: ConditionField | undefined;
  t: T;
  onChange: (value: ConditionRow['value']) => void;
}

/** The value input fitting the field: Ja/Nein, one of its choices, a number, a date, or text. */
function ValueInput({ id, row, field, t, onChange }: ValueInputProps): ReactNode {
  const label = (
    <label className="aw-label" htmlFor={id}>
      {t('conditionValue')}
    </label>
  );
  const kind = field?.kind ?? 'text';
  if (kind === 'boolean') {
    return (
      <>
        {label}
        <select id={id} className="aw-select" value={row.value === false ? 'false' : 'true'} onChange={(event) => onChange(event.target.value === 'true')}>
          <option value="true">{t('yes')}</option>
          <option value="false">{t('no')}</option>
        </select>
      </>
    );
  }
  if ((kind === 'choice' || kind === 'multiChoice') && field) {
    const known = field.options.some((option) => option.value === row.value);
    return (
      <>
        {label}
        <select id={id} className="aw-select" value={typeof row.value === 'string' ? row.value : ''} onChange={(event) => onChange(event.target.value)}>
          {row.value === null || row.value === '' ? <option value="">{t('chooseField')}</option> : null}
          {!known && row.value !== null && row.value !== '' ? <option value={String(row.value)}>{String(row.value)}</option> : null}
          {field.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </>
    );
  }
  if (kind === 'date') {
    return (
      <>
        {label}
        <input
          id={id}
          className="aw-input aw-input--date"
          type="date"
          value={typeof row.value === 'string' ? row.value : ''}
          onChange={(event) => onChange(event.target.value === '' ? null : event.target.value)}
        />
      </>
    );
  }
  if (kind === 'number') return <NumberValue id={id} value={row.value} label={label} onChange={onChange} />;
  return (
    <>
      {label}
      <input
        id={id}
        className="aw-input"
        type="text"
        value={row.value === null ? '' : String(row.value)}
        onChange={(event) => onChange(event.target.value === '' ? null : event.target.value)}
      />
    </>
  );
}

/** A number as people write it; what cannot be read yet (a lone comma) stays in the input and is not stored. */
function NumberValue({ id, value, label, onChange }: { id: string; value: ConditionRow['value']; label: ReactNode; onChange: (value: number | null) => void }): ReactNode {
  const { language } = useLanguage();
  const format = (number: ConditionRow['value']) => (typeof number === 'number' ? String(number).replace('.', language === 'de' ? ',' : '.') : '');
  const [text, setText] = useState(() => format(value));
  const stored = useRef(value);
  if (stored.current !== value) {
    stored.current = value;
    setText(format(value));
  }
  return (
    <>
      {label}
      <input
        id={id}
        className="aw-input aw-input--number"
        type="text"
        inputMode="decimal"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          const parsed = parseNumberInput(event.target.value, language);
          if (parsed === null && event.target.value.trim() !== '') return;
          stored.current = parsed;
          onChange(parsed);
        }}
      />
    </>
  );
}

interface JsonEditorProps {
  legend: string;
  expression: Expression | undefined;
  open: boolean;
  onApply: (expression: Expression | undefined) => void;
}

/** The condition as JSON for experts; invalid JSON or an unknown operator is refused with a message at the box. */
function JsonEditor({ legend, expression, open, onApply }: JsonEditorProps): ReactNode {
  const t = useFormTexts();
  const format = (value: Expression | undefined) => (value === undefined ? '' : JSON.stringify(value, null, 2));
  const [text, setText] = useState(() => format(expression));
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const seen = useRef(expression);
  if (!sameExpression(seen.current, expression)) {
    seen.current = expression;
    setText(format(expression));
    setProblem(null);
  }
  const apply = () => {
    const parsed = parseConditionJson(text);
    if (!parsed.ok) {
      setProblem(parsed.problem === 'json' ? t('jsonInvalid')(parsed.detail) : t('jsonNotExpression')(parsed.detail));
      setStatus('');
      return;
    }
    setProblem(null);
    seen.current = parsed.expression;
    onApply(parsed.expression);
    setStatus(t('jsonApplied'));
  };
  return (
    <details className="st-details" open={open || undefined}>
      <summary>{t('conditionJson')}</summary>
      <TextProperty
        label={t('conditionJsonLabel')(legend)}
        hint={t('conditionJsonHint')}
        problem={problem}
        value={text}
        multiline
        spellCheck={false}
        onChange={(next) => {
          setText(next);
          setStatus('');
        }}
      />
      <button type="button" className="st-small-button" onClick={apply}>
        {t('applyJson')}
      </button>
      <p className="st-json-status" role="status">
        {status}
      </p>
    </details>
  );
}
