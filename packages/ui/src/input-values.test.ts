import { describe, expect, it } from 'vitest';
import { formatDateForInput, formatNumberForInput, parseDateInput, parseNumberInput } from './input-values';

describe('date input', () => {
  it.each([
    ['27.03.1985', '1985-03-27'],
    ['27.3.1985', '1985-03-27'],
    [' 1.2.2001 ', '2001-02-01'],
    ['27/03/1985', '1985-03-27'],
    ['27-03-1985', '1985-03-27'],
    ['1985-03-27', '1985-03-27'],
    ['29.02.2024', '2024-02-29'],
  ])('reads %s as %s', (text, iso) => expect(parseDateInput(text)).toBe(iso));

  it.each(['31.02.2024', '29.02.2023', '27.03.85', '1985', '', 'gestern', '32.01.2000', '27.13.1985'])('refuses %s', (text) => {
    expect(parseDateInput(text)).toBeNull();
  });

  it('shows ISO dates as people write them, and anything else as typed', () => {
    expect(formatDateForInput('1985-03-27', 'de')).toBe('27.03.1985');
    expect(formatDateForInput('1985-03-27', 'en')).toBe('27/03/1985');
    expect(formatDateForInput('27.3.85', 'de')).toBe('27.3.85');
    expect(formatDateForInput(undefined, 'de')).toBe('');
  });
});

describe('number input', () => {
  it.each([
    ['12,5', 'de', 12.5],
    ['1.234,50', 'de', 1234.5],
    ['1.234', 'de', 1234],
    ['1234.5', 'en', 1234.5],
    ['1.5', 'en', 1.5],
    ['-3', 'de', -3],
    [' 1 000 ', 'de', 1000],
    ['1234.5', 'de', 1234.5],
    ['1,500', 'en', 1500],
    ['1,234.50', 'en', 1234.5],
  ])('reads %s (%s) as %d', (text, language, value) => expect(parseNumberInput(text, language)).toBe(value));

  it.each(['', 'zwölf', '1,2,3', '1.2.3,4.5', '12 €'])('refuses %s', (text) => expect(parseNumberInput(text, 'de')).toBeNull());

  it('refuses a decimal comma in English, where it separates thousands', () => {
    expect(parseNumberInput('12,5', 'en')).toBeNull();
  });

  it('writes a German decimal comma', () => {
    expect(formatNumberForInput(12.5, 'de')).toBe('12,5');
    expect(formatNumberForInput(12.5, 'en')).toBe('12.5');
    expect(formatNumberForInput('12 €', 'de')).toBe('12 €');
  });
});
