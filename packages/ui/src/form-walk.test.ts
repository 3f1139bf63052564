import { describe, expect, it } from 'vitest';
import type { FormDefinition, ServiceDefinition } from '@amtsweg/definitions';
import { HUNDEANMELDUNG } from '@amtsweg/examples';
import { fieldId, pageOfPointer, readAnswer, ROOT, visiblePages, walkShown, writeAnswer, type Answers } from './form-walk';

const form: FormDefinition = (HUNDEANMELDUNG as ServiceDefinition).form;

function shownPointers(answers: Answers, pageIndex: number): string[] {
  const pointers: string[] = [];
  walkShown(form.pages[pageIndex]!.elements, answers, ROOT, (node) => pointers.push(node.at.pointer), '2026-11-23');
  return pointers;
}

describe('walking the shown elements', () => {
  it('shows a repeating group item’s conditional field only for that item', () => {
    const answers = { dogs: [{ breed: 'other' }, { breed: 'labrador', listedBreed: true }] };
    const shown = shownPointers(answers, 1);
    expect(shown).toContain('/dogs/0/breedOther');
    expect(shown).not.toContain('/dogs/1/breedOther');
    expect(shown).toContain('/dogs/1/certificate');
    expect(shown).not.toContain('/dogs/0/certificate');
  });

  it('follows a yes/no answer on the same page', () => {
    expect(shownPointers({ sepaMandate: false }, 2)).not.toContain('/iban');
    expect(shownPointers({ sepaMandate: true }, 2)).toContain('/iban');
  });

  it('lists every page when no page has a condition', () => {
    expect(visiblePages(form, {}).map((page) => page.id)).toEqual(['holderPage', 'dogsPage', 'paymentPage']);
  });
});

describe('changing answers', () => {
  it('writes into groups and items without touching the original', () => {
    const before: Answers = { dogs: [{ name: 'Bello' }] };
    const after = writeAnswer(before, '/dogs/1/name', 'Luna');
    expect(after).toEqual({ dogs: [{ name: 'Bello' }, { name: 'Luna' }] });
    expect(before).toEqual({ dogs: [{ name: 'Bello' }] });
    expect(writeAnswer(after, '/holder/firstName', 'Erika')).toMatchObject({ holder: { firstName: 'Erika' } });
  });

  it('removes an answer set to undefined', () => {
    expect(writeAnswer({ holder: { firstName: 'Erika', lastName: 'M' } }, '/holder/firstName', undefined)).toEqual({ holder: { lastName: 'M' } });
  });

  it('reads what it wrote, and nothing through a wrong kind', () => {
    const answers = writeAnswer({}, '/dogs/0/breed', 'mixed');
    expect(readAnswer(answers, { pointer: '/dogs/0/breed', path: 'dogs.breed', items: { dogs: 0 } })).toBe('mixed');
    expect(readAnswer({ dogs: 'x' }, { pointer: '/dogs/0/breed', path: 'dogs.breed', items: {} })).toBeUndefined();
  });

  it('keeps a key named __proto__ an own property', () => {
    const answers = writeAnswer({}, '/__proto__', 'x');
    expect(Object.getPrototypeOf(answers)).toBe(Object.prototype);
  });
});

describe('errors to places', () => {
  it('finds the page of an error by its top-level key', () => {
    expect(pageOfPointer(form, '/dogs/1/chipNumber')?.id).toBe('dogsPage');
    expect(pageOfPointer(form, '/holder/email')?.id).toBe('holderPage');
    expect(pageOfPointer(form, '/nothing')).toBeUndefined();
  });

  it('makes a valid, distinct DOM id of every pointer', () => {
    expect(fieldId('/dogs/1/name')).toBe('f-dogs-1-name');
    expect(fieldId('/a b')).not.toBe(fieldId('/a_b'));
    expect(fieldId('/a b')).toMatch(/^[A-Za-z][A-Za-z0-9_-]*$/);
  });
});
