import { describe, expect, it } from 'vitest';
import type { FieldElement, FormDefinition, ServiceDefinition } from '@amtsweg/definitions';
import { HUNDEANMELDUNG } from '@amtsweg/examples';
import { readExampleSubmissions } from '@amtsweg/examples/node';
import { compileForm } from './compile-form';
import type { SubmissionErrorCode } from './submission-error';

const TODAY = '2026-11-23';
const file = (over: Record<string, unknown> = {}) => ({ id: 'a1b2c3d4-0000-4000-8000-000000000001', name: 'scan.pdf', mediaType: 'application/pdf', size: 1000, ...over });

/** Every field type with answers it must accept and answers it must refuse (with the code). */
const FIELD_TYPES: { field: FieldElement; valid: unknown[]; invalid: [unknown, SubmissionErrorCode][] }[] = [
  {
    field: { type: 'text', key: 'f', label: { de: 'Text' }, minLength: 2, maxLength: 5, pattern: '^[A-Z]' },
    valid: ['Ab', 'Abcde', '  Abc  '],
    invalid: [['A', 'minLength'], ['Abcdef', 'maxLength'], ['abc', 'pattern'], [12, 'type'], [['Ab'], 'type']],
  },
  {
    field: { type: 'textarea', key: 'f', label: { de: 'Langtext' }, maxLength: 10 },
    valid: ['Zeile 1\nZ2'],
    invalid: [['x'.repeat(11), 'maxLength'], [{}, 'type']],
  },
  {
    field: { type: 'number', key: 'f', label: { de: 'Zahl' }, minimum: 0, maximum: 10 },
    valid: [0, 2.75, 10],
    invalid: [[-0.5, 'minimum'], [11, 'maximum'], ['5', 'type'], [true, 'type']],
  },
  {
    field: { type: 'integer', key: 'f', label: { de: 'Ganzzahl' }, minimum: 1 },
    valid: [1, 42],
    invalid: [[1.5, 'integer'], [0, 'minimum']],
  },
  {
    field: { type: 'money', key: 'f', label: { de: 'Betrag' }, minimum: 0 },
    valid: [0, 12.5, 19.99, 1000000.01],
    invalid: [[1.005, 'decimals'], [-1, 'minimum'], ['12,50', 'type']],
  },
  {
    field: { type: 'date', key: 'f', label: { de: 'Datum' }, minDate: '2000-01-01', notInFuture: true },
    valid: ['2000-01-01', '2024-02-29', TODAY],
    invalid: [['1999-12-31', 'dateTooEarly'], ['2026-11-24', 'dateInFuture'], ['2023-02-29', 'date'], ['23.11.2026', 'date']],
  },
  {
    field: { type: 'date', key: 'f', label: { de: 'Termin' }, notInPast: true, maxDate: '2027-12-31' },
    valid: [TODAY, '2027-12-31'],
    invalid: [['2026-11-22', 'dateInPast'], ['2028-01-01', 'dateTooLate']],
  },
  {
    field: { type: 'date', key: 'f', label: { de: 'Geburtsdatum' }, minAgeYears: 18, maxAgeYears: 120 },
    valid: ['2008-11-23', '1910-01-01'],
    invalid: [['2008-11-24', 'minAge'], ['1900-01-01', 'maxAge']],
  },
  {
    field: { type: 'email', key: 'f', label: { de: 'E-Mail' } },
    valid: ['erika@example.org', 'a.b+c@sub.example.de'],
    invalid: [['erika@', 'email'], ['erika example.org', 'email'], [`${'a'.repeat(250)}@x.de`, 'maxLength']],
  },
  {
    field: { type: 'phone', key: 'f', label: { de: 'Telefon' } },
    valid: ['0221 1234567', '+49 (221) 123-4567', '0221/12345'],
    invalid: [['call me', 'phone'], ['12', 'phone'], ['+49 221 12345678901234567890123', 'maxLength']],
  },
  {
    field: { type: 'iban', key: 'f', label: { de: 'IBAN' }, countries: ['DE', 'AT'] },
    valid: ['DE89370400440532013000', 'de89 3704 0044 0532 0130 00', 'AT611904300234573201'],
    invalid: [['DE89370400440532013001', 'iban'], ['NL91ABNA0417164300', 'ibanCountry'], ['hello', 'iban']],
  },
  {
    field: { type: 'postalCode', key: 'f', label: { de: 'PLZ' } },
    valid: ['51147', '01067'],
    invalid: [['1234', 'postalCode'], ['00123', 'postalCode'], ['5114a', 'postalCode']],
  },
  {
    field: { type: 'select', key: 'f', label: { de: 'Auswahl' }, options: [{ value: 'a', label: { de: 'A' } }, { value: 'b', label: { de: 'B' } }] },
    valid: ['a', 'b'],
    invalid: [['c', 'option'], [['a'], 'type']],
  },
  {
    field: { type: 'radio', key: 'f', label: { de: 'Optionen' }, options: [{ value: 'x', label: { de: 'X' } }] },
    valid: ['x'],
    invalid: [['y', 'option']],
  },
  {
    field: {
      type: 'checkboxes',
      key: 'f',
      label: { de: 'Mehrfach' },
      options: ['a', 'b', 'c'].map((value) => ({ value, label: { de: value } })),
      minItems: 1,
      maxItems: 2,
    },
    valid: [['a'], ['a', 'c']],
    invalid: [[['a', 'b', 'c'], 'maxItems'], [['d'], 'option'], [['a', 'a'], 'duplicateOption'], ['a', 'type']],
  },
  {
    field: { type: 'yesNo', key: 'f', label: { de: 'Ja/Nein' } },
    valid: [true, false],
    invalid: [['yes', 'type'], [1, 'type']],
  },
  {
    field: { type: 'yesNo', key: 'f', label: { de: 'Einwilligung' }, mustBeYes: true },
    valid: [true],
    invalid: [[false, 'mustBeYes']],
  },
  {
    field: { type: 'file', key: 'f', label: { de: 'Nachweis' }, accept: ['application/pdf', 'image/png'], maxSizeBytes: 5000, maxFiles: 2 },
    valid: [[file()], [file(), file({ mediaType: 'image/png', size: 5000 })]],
    invalid: [
      [[file(), file(), file()], 'maxFiles'],
      [[file({ mediaType: 'text/html' })], 'fileType'],
      [[file({ size: 5001 })], 'fileSize'],
      [[file({ id: '../../etc/passwd' })], 'pattern'],
      [[{ ...file(), evil: true }], 'unknownProperty'],
      ['scan.pdf', 'type'],
    ],
  },
];

function formWith(...elements: FormDefinition['pages'][number]['elements']): FormDefinition {
  return { pages: [{ id: 'p', title: { de: 'Seite' }, elements }] };
}

describe('compileForm: every field type', () => {
  describe.each(FIELD_TYPES)('$field.type', ({ field, valid, invalid }) => {
    const form = compileForm(formWith({ ...field, required: true } as FieldElement));
    const optional = compileForm(formWith(field));

    it.each(valid.map((value) => [value]))('accepts %j', (value) => {
      const result = form.validate({ f: value }, { today: TODAY });
      expect(result).toMatchObject({ valid: true });
    });

    it.each(invalid)('refuses %j with %s', (value, code) => {
      const result = form.validate({ f: value }, { today: TODAY });
      if (result.valid) throw new Error('expected the submission to be refused');
      expect(result.errors.map((e) => e.code)).toContain(code);
      for (const error of result.errors) {
        expect(error.path.startsWith('/f')).toBe(true);
        expect(error.message.length).toBeGreaterThan(10);
      }
    });

    it('refuses a missing answer when required and accepts it when optional', () => {
      const result = form.validate({}, { today: TODAY });
      expect(result).toEqual({ valid: false, errors: [expect.objectContaining({ path: '/f', code: 'required' })] });
      const mustBeYes = field.type === 'yesNo' && field.mustBeYes;
      expect(optional.validate({}, { today: TODAY }).valid).toBe(!mustBeYes);
    });
  });

  it('trims texts, writes IBANs in electronic form and drops empty answers', () => {
    const form = compileForm(
      formWith(
        { type: 'text', key: 'name', label: { de: 'Name' } },
        { type: 'iban', key: 'iban', label: { de: 'IBAN' } },
        { type: 'text', key: 'empty', label: { de: 'Leer' } },
        { type: 'checkboxes', key: 'none', label: { de: 'Nichts' }, options: [{ value: 'a', label: { de: 'A' } }] },
      ),
    );
    expect(form.validate({ name: '  Erika ', iban: 'de89 3704 0044 0532 0130 00', empty: '   ', none: [] })).toEqual({
      valid: true,
      data: { name: 'Erika', iban: 'DE89370400440532013000' },
      dropped: [],
    });
  });
});

describe('compileForm: conditions', () => {
  const form = compileForm(
    formWith(
      { type: 'yesNo', key: 'married', label: { de: 'Verheiratet?' }, required: true },
      {
        type: 'text',
        key: 'spouse',
        label: { de: 'Name des Ehepartners' },
        visibleIf: { eq: [{ var: 'married' }, true] },
        requiredIf: { eq: [{ var: 'married' }, true] },
      },
      {
        type: 'text',
        key: 'spouseEmployer',
        label: { de: 'Arbeitgeber des Ehepartners' },
        visibleIf: { notEmpty: { var: 'spouse' } },
      },
      {
        type: 'repeat',
        key: 'children',
        label: { de: 'Kinder' },
        itemLabel: { de: 'Kind' },
        maxItems: 3,
        elements: [
          { type: 'date', key: 'birthDate', label: { de: 'Geburtsdatum' }, required: true },
          {
            type: 'text',
            key: 'school',
            label: { de: 'Schule' },
            visibleIf: { gte: [{ age: [{ var: 'children.birthDate' }] }, 6] },
            requiredIf: { gte: [{ age: [{ var: 'children.birthDate' }] }, 6] },
          },
        ],
      },
      { type: 'calculated', key: 'schoolChildren', label: { de: 'Schulkinder' }, valueType: 'number', expression: { count: ['children', { notEmpty: { var: 'children.school' } }] } },
      {
        type: 'text',
        key: 'childBenefitNumber',
        label: { de: 'Kindergeldnummer' },
        requiredIf: { gt: [{ count: 'children' }, 0] },
      },
    ),
  );

  it('requires a field only while its condition holds', () => {
    expect(form.validate({ married: true }, { today: TODAY })).toMatchObject({
      valid: false,
      errors: [expect.objectContaining({ path: '/spouse', code: 'required', message: 'Bitte füllen Sie „Name des Ehepartners“ aus.' })],
    });
    expect(form.validate({ married: false }, { today: TODAY })).toMatchObject({ valid: true });
  });

  it('drops answers of hidden fields, also of fields hidden because a field they depend on is hidden', () => {
    const result = form.validate({ married: false, spouse: 'Max', spouseEmployer: 'ACME' }, { today: TODAY });
    expect(result).toEqual({ valid: true, data: { married: false, children: [], schoolChildren: 0 }, dropped: ['/spouse', '/spouseEmployer'] });
  });

  it('evaluates conditions per item of a repeating group', () => {
    const children = [{ birthDate: '2024-01-01', school: 'Kita Sonnenschein' }, { birthDate: '2015-05-05' }];
    const result = form.validate({ married: false, children, childBenefitNumber: '123' }, { today: TODAY });
    expect(result).toEqual({
      valid: false,
      errors: [expect.objectContaining({ path: '/children/1/school', code: 'required', message: 'Bitte füllen Sie „Kind 2 – Schule“ aus.' })],
    });
  });

  it('applies aggregates and replaces a forged calculated value', () => {
    const children = [{ birthDate: '2015-05-05', school: 'Grundschule Nord' }, { birthDate: '2016-06-06', school: 'Grundschule Süd' }];
    expect(form.validate({ married: false, children, schoolChildren: 99 }, { today: TODAY })).toMatchObject({
      valid: false,
      errors: [expect.objectContaining({ path: '/childBenefitNumber', code: 'required' })],
    });
    const result = form.validate({ married: false, children, schoolChildren: 99, childBenefitNumber: 'FK-1' }, { today: TODAY });
    expect(result).toMatchObject({ valid: true, data: { schoolChildren: 2 } });
  });
});

describe('compileForm: hostile and odd input', () => {
  const form = compileForm(formWith({ type: 'text', key: 'name', label: { de: 'Name', en: 'Name' } }));

  it('refuses prototype-pollution keys as unknown and pollutes nothing', () => {
    const result = form.validate(JSON.parse('{"name":"x","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'));
    expect(result).toMatchObject({
      valid: false,
      errors: [expect.objectContaining({ path: '/__proto__', code: 'unknownProperty' }), expect.objectContaining({ path: '/constructor', code: 'unknownProperty' })],
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses what is not an object', () => {
    for (const input of [null, 'text', 42, [], true]) {
      expect(form.validate(input)).toMatchObject({ valid: false, errors: [{ path: '', code: 'type' }] });
    }
  });

  it('refuses data nested deeper than any form', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 1000; i++) deep = { a: deep };
    expect(form.validate({ name: deep })).toMatchObject({ valid: false, errors: [{ code: 'tooDeep' }] });
  });

  it('does not change the submitted object', () => {
    const input = { name: '  Erika  ' };
    form.validate(input);
    expect(input).toEqual({ name: '  Erika  ' });
  });

  it('bounds texts even when the designer set no limit', () => {
    expect(form.validate({ name: 'x'.repeat(501) })).toMatchObject({ valid: false, errors: [{ code: 'maxLength' }] });
  });
});

describe('compileForm: the Hundeanmeldung example submissions', () => {
  const definition = HUNDEANMELDUNG as ServiceDefinition;
  const form = compileForm(definition.form);

  it.each(readExampleSubmissions())('$file gives exactly the expected result', (submission) => {
    const result = form.validate(submission.data, { today: TODAY, language: 'de' });
    if (submission.expectedErrors) {
      if (result.valid) throw new Error('expected errors');
      const got = result.errors.map(({ path, code }) => ({ path, code }));
      expect(new Set(got.map((e) => JSON.stringify(e)))).toEqual(new Set(submission.expectedErrors.map((e) => JSON.stringify(e))));
    } else {
      if (!result.valid) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
      expect(new Set(result.dropped)).toEqual(new Set(submission.expectedDropped ?? []));
      expect(result.data).toMatchObject(submission.expectedData ?? {});
    }
  });

  it('speaks English when asked and German otherwise', () => {
    const missing = readExampleSubmissions().find((s) => s.file === 'invalid-missing-required.json')!;
    const english = form.validate(missing.data, { today: TODAY, language: 'en-GB,en;q=0.9' });
    const german = form.validate(missing.data, { today: TODAY, language: 'fr' });
    if (english.valid || german.valid) throw new Error('expected errors');
    expect(english.errors[0]!.message).toBe('Please fill in “Last name”.');
    expect(english.errors[1]!.message).toBe('Please fill in “Dog 1 – Liability insurer”.');
    expect(german.errors[0]!.message).toBe('Bitte füllen Sie „Nachname“ aus.');
  });

  it('lists errors in the order of the form', () => {
    const formats = readExampleSubmissions().find((s) => s.file === 'invalid-formats.json')!;
    const result = form.validate(formats.data, { today: TODAY });
    if (result.valid) throw new Error('expected errors');
    expect(result.errors.map((e) => e.path)).toEqual([
      '/holder/birthDate',
      '/holder/postalCode',
      '/holder/email',
      '/holder/phone',
      '/dogs/0/birthDate',
      '/dogs/0/chipNumber',
      '/dogs/1/breed',
      '/dogs/1/acquiredOn',
      '/iban',
    ]);
  });

  it('publishes a JSON Schema of the submission data', () => {
    expect(form.schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      additionalProperties: false,
      required: ['sepaMandate', 'consent'],
      properties: { holder: { type: 'object', required: expect.arrayContaining(['lastName']) as unknown }, dogs: { type: 'array', minItems: 1, maxItems: 10 } },
    });
  });
});

describe('compileForm: regressions found in review', () => {
  it('hides a long chain of dependent fields completely (data minimisation)', () => {
    const chain: FormDefinition['pages'][number]['elements'] = [{ type: 'text', key: 'x', label: { de: 'X' } }];
    chain.push({ type: 'text', key: 'f1', label: { de: 'F1' }, visibleIf: { eq: [{ var: 'x' }, 'yes'] } });
    for (let i = 2; i <= 8; i++) {
      chain.push({ type: 'text', key: `f${i}`, label: { de: `F${i}` }, visibleIf: { notEmpty: { var: `f${i - 1}` } } });
    }
    // Declared in reverse, so each pass can only hide one more link of the chain.
    const form = compileForm(formWith(chain[0]!, ...chain.slice(1).reverse()));
    const data: Record<string, string> = { x: 'no' };
    for (let i = 1; i <= 8; i++) data[`f${i}`] = `SECRET ${i}`;
    expect(form.validate(data)).toEqual({ valid: true, data: { x: 'no' }, dropped: expect.arrayContaining(['/f1', '/f8']) as unknown });
  });

  it('gives the same result whatever the order of a condition and the field it reads', () => {
    const answer: FieldElement = { type: 'text', key: 'answer', label: { de: 'Antwort' } };
    const details: FieldElement = {
      type: 'text',
      key: 'details',
      label: { de: 'Details' },
      visibleIf: { eq: [{ var: 'answer' }, 'ja'] },
      requiredIf: { eq: [{ var: 'answer' }, 'ja'] },
    };
    const submitted = { answer: 'ja ', details: 'wichtig' };
    const expected = { valid: true, data: { answer: 'ja', details: 'wichtig' }, dropped: [] };
    expect(compileForm(formWith(details, answer)).validate(submitted)).toEqual(expected);
    expect(compileForm(formWith(answer, details)).validate(submitted)).toEqual(expected);
  });

  it('lets a field keyed like an Object.prototype member be left empty', () => {
    const form = compileForm(formWith({ type: 'text', key: 'constructor', label: { de: 'Bauherr' } }));
    expect(form.validate({})).toMatchObject({ valid: true });
    const required = compileForm(formWith({ type: 'text', key: 'toString', label: { de: 'Text' }, required: true }));
    expect(required.validate({})).toMatchObject({ valid: false, errors: [{ path: '/toString', code: 'required' }] });
  });

  it('accepts exactly two decimals for money and rounds calculated money commercially', () => {
    const form = compileForm(
      formWith(
        { type: 'money', key: 'amount', label: { de: 'Betrag' } },
        { type: 'calculated', key: 'fee', label: { de: 'Gebühr' }, valueType: 'money', expression: { mul: [{ var: 'amount' }, 0.5] } },
      ),
    );
    expect(form.validate({ amount: 10.000000001 })).toMatchObject({ valid: false, errors: [{ code: 'decimals' }] });
    expect(form.validate({ amount: 2.01 })).toMatchObject({ valid: true, data: { fee: 1.01 } });
  });

  it('honours a repeating group maximum above 50', () => {
    const form = compileForm(
      formWith({ type: 'repeat', key: 'rows', label: { de: 'Zeilen' }, itemLabel: { de: 'Zeile' }, minItems: 60, maxItems: 100, elements: [{ type: 'text', key: 'v', label: { de: 'V' } }] }),
    );
    expect(form.validate({ rows: Array.from({ length: 60 }, () => ({ v: 'x' })) })).toMatchObject({ valid: true });
  });
});

describe('patterns on long input', () => {
  it('refuses a text longer than allowed by its length alone, without running the pattern on it', () => {
    // Unanchored, this pattern takes seconds on 100,000 characters; on 500 it takes nothing.
    const form = compileForm({ pages: [{ id: 'p', title: { de: 'Seite' }, elements: [{ type: 'text', key: 'code', label: { de: 'Code' }, pattern: '[a-z]+x' }] }] });
    const started = performance.now();
    const result = form.validate({ code: 'a'.repeat(100_000) });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(result.valid ? [] : result.errors.map((e) => e.code)).toEqual(['maxLength']);
    const short = form.validate({ code: 'a'.repeat(400) });
    expect(short.valid ? [] : short.errors.map((e) => e.code)).toEqual(['pattern']);
  });
});
