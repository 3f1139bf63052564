import { describe, expect, it } from 'vitest';
import { createNewElement, ELEMENT_TYPES, elementName, typeName } from './field-types';

describe('new elements from the palette', () => {
  for (const type of ELEMENT_TYPES) {
    it(`creates a ${type} with a German name, a label and a key made from it`, () => {
      const element = createNewElement(type, new Set());
      expect(element.type).toBe(type);
      expect(typeName(type, 'de')).not.toBe('');
      expect(element.key).toMatch(/^neue[rs]?[A-Z]/);
      expect(elementName(element)).toMatch(/^Neue[rs]? /);
    });
  }

  it('gives the key a number when it is taken in the scope', () => {
    expect(createNewElement('text', new Set(['neuesTextfeld', 'neuesTextfeld2']))).toEqual({
      type: 'text',
      key: 'neuesTextfeld3',
      label: { de: 'Neues Textfeld' },
    });
  });

  it('starts choice fields with two choices and uploads with limits', () => {
    expect(createNewElement('select', new Set())).toMatchObject({ options: [{ value: 'option1' }, { value: 'option2' }] });
    expect(createNewElement('file', new Set())).toMatchObject({ maxFiles: 1, accept: ['application/pdf', 'image/jpeg', 'image/png'] });
    expect(createNewElement('repeat', new Set())).toMatchObject({ maxItems: 10, elements: [], itemLabel: { de: 'Eintrag' } });
  });

  it('names an element by its key when its label is blank', () => {
    expect(elementName({ type: 'text', key: 'vorname', label: { de: '  ' } })).toBe('vorname');
  });
});
