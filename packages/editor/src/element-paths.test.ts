import { describe, expect, it } from 'vitest';
import { findElement, findElementAt, findPlace, listFormElements, listTakenKeys } from './element-paths';
import { createSmallDefinition, loadHundeanmeldung } from './form-test-fixtures';

describe('findElement', () => {
  const definition = createSmallDefinition();

  it('finds a field inside a group with its place and JSON pointer', () => {
    const found = findElement(definition, 'address.city');
    expect(found?.element.type).toBe('text');
    expect(found?.place).toEqual({ page: 'personPage', parent: 'address', index: 1 });
    expect(found?.pointer).toBe('/form/pages/0/elements/2/elements/1');
    expect(found?.positions).toEqual([2, 1]);
  });

  it('finds top-level elements on any page, static texts included', () => {
    expect(findElement(definition, 'intro')?.place).toEqual({ page: 'personPage', index: 0 });
    expect(findElement(definition, 'childCount')?.place).toEqual({ page: 'childrenPage', index: 2 });
    expect(findElement(definition, 'children.proof')?.pointer).toBe('/form/pages/1/elements/1/elements/2');
  });

  it('finds nothing for unknown paths and for paths through a field', () => {
    expect(findElement(definition, 'address.country')).toBeUndefined();
    expect(findElement(definition, 'name.first')).toBeUndefined();
    expect(findElement(definition, 'street')).toBeUndefined();
    expect(findPlace(definition, '')).toBeUndefined();
  });

  it('agrees with the pointer of every element listed', () => {
    const hund = loadHundeanmeldung();
    for (const located of listFormElements(hund)) {
      expect(findElement(hund, located.path)).toEqual(located);
    }
  });
});

describe('listFormElements', () => {
  it('lists every element in form order, parents before children', () => {
    expect(listFormElements(createSmallDefinition()).map((e) => e.path)).toEqual([
      'intro',
      'name',
      'address',
      'address.street',
      'address.city',
      'address.email',
      'hasChildren',
      'children',
      'children.firstName',
      'children.disabled',
      'children.proof',
      'childCount',
    ]);
  });
});

describe('findElementAt', () => {
  it('returns the element standing at a place', () => {
    const definition = createSmallDefinition();
    expect(findElementAt(definition, { page: 'childrenPage', parent: 'children', index: 1 })?.path).toBe('children.disabled');
    expect(findElementAt(definition, { page: 'childrenPage', index: 3 })).toBeUndefined();
    expect(findElementAt(definition, { page: 'personPage', parent: 'children', index: 0 })).toBeUndefined();
  });
});

describe('listTakenKeys', () => {
  const definition = createSmallDefinition();

  it("lists the top-level keys of every page for a page's top level (pages share the root scope)", () => {
    expect(listTakenKeys(definition, { page: 'personPage' })).toEqual(
      new Set(['intro', 'name', 'address', 'hasChildren', 'children', 'childCount']),
    );
  });

  it('lists the keys of a group or repeating group for a place inside it', () => {
    expect(listTakenKeys(definition, { page: 'personPage', parent: 'address' })).toEqual(new Set(['street', 'city', 'email']));
    expect(listTakenKeys(definition, { page: 'childrenPage', parent: 'children' })).toEqual(new Set(['firstName', 'disabled', 'proof']));
  });
});
