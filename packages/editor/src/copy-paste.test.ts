import { describe, expect, it } from 'vitest';
import type { GroupElement } from '@amtsweg/definitions';
import { copyElement, pasteElement, type ElementClipboard } from './copy-paste';
import { findElement } from './element-paths';
import { createSmallDefinition, expectRefusal, expectSuccess, listErrors, loadHundeanmeldung } from './form-test-fixtures';

describe('copyElement', () => {
  it('returns a deep copy with the path it was copied from', () => {
    const definition = createSmallDefinition();
    const clipboard = copyElement(definition, 'address')!;
    expect(clipboard.path).toBe('address');
    expect(clipboard.element).toEqual(findElement(definition, 'address')!.element);
    (clipboard.element as GroupElement).elements[0]!.key = 'changed';
    expect(findElement(definition, 'address.street')).toBeDefined();
  });

  it('returns nothing for an unknown path', () => {
    expect(copyElement(createSmallDefinition(), 'address.country')).toBeUndefined();
  });
});

describe('pasteElement', () => {
  it('gives a group pasted next to itself a fresh key and points its inner conditions at the copy', () => {
    const before = createSmallDefinition();
    const clipboard = copyElement(before, 'address')!;
    const after = expectSuccess(pasteElement(before, clipboard, { page: 'personPage', index: 3 }));
    expect(findElement(after, 'address2')?.place).toEqual({ page: 'personPage', index: 3 });
    expect(findElement(after, 'address2.city')?.element).toMatchObject({ requiredIf: { notEmpty: { var: 'address2.street' } } });
    expect(findElement(after, 'address.city')?.element).toMatchObject({ requiredIf: { notEmpty: { var: 'address.street' } } });
    expect(listErrors(after)).toEqual([]);
    expect(before).toEqual(createSmallDefinition());
  });

  it('rewrites references inside a pasted repeating group and keeps references to fields outside it', () => {
    const definition = createSmallDefinition();
    const copied = copyElement(definition, 'children')!;
    const withVisibleIf: ElementClipboard = {
      ...copied,
      element: { ...(copied.element as GroupElement), visibleIf: { and: [{ var: 'hasChildren' }, { gt: [{ count: 'children' }, 0] }] } },
    };
    const after = expectSuccess(pasteElement(definition, withVisibleIf, { page: 'childrenPage', index: 2 }));
    expect(findElement(after, 'children2')?.element.visibleIf).toEqual({ and: [{ var: 'hasChildren' }, { gt: [{ count: 'children2' }, 0] }] });
    expect(findElement(after, 'children2.proof')?.element.visibleIf).toEqual({ eq: [{ var: 'children2.disabled' }, true] });
    expect(findElement(after, 'childCount')?.element).toMatchObject({ expression: { count: 'children' } });
  });

  it('keeps the key where it is free, and a field copied within its group keeps reading its neighbours', () => {
    const definition = createSmallDefinition();
    const moved = expectSuccess(pasteElement(definition, copyElement(definition, 'children.firstName')!, { page: 'personPage', parent: 'address', index: 0 }));
    expect(findElement(moved, 'address.firstName')?.element).toMatchObject({ label: { de: 'Vorname', en: 'First name' } });
    const again = expectSuccess(pasteElement(definition, copyElement(definition, 'children.proof')!, { page: 'childrenPage', parent: 'children', index: 3 }));
    expect(findElement(again, 'children.proof2')?.element.visibleIf).toEqual({ eq: [{ var: 'children.disabled' }, true] });
  });

  it('counts up from a numbered key instead of appending to it', () => {
    const definition = createSmallDefinition();
    const clipboard = copyElement(definition, 'name')!;
    const once = expectSuccess(pasteElement(definition, clipboard, { page: 'personPage', index: 2 }));
    const twice = expectSuccess(pasteElement(once, copyElement(once, 'name2')!, { page: 'personPage', index: 3 }));
    expect(twice.form.pages[0]!.elements.map((e) => e.key)).toEqual(['intro', 'name', 'name2', 'name3', 'address']);
  });

  it('pastes the same clipboard twice as two independent copies', () => {
    const definition = createSmallDefinition();
    const clipboard = copyElement(definition, 'address')!;
    const once = expectSuccess(pasteElement(definition, clipboard, { page: 'childrenPage', index: 0 }));
    const twice = expectSuccess(pasteElement(once, clipboard, { page: 'childrenPage', index: 0 }));
    expect(twice.form.pages[1]!.elements.slice(0, 2).map((e) => e.key)).toEqual(['address3', 'address2']);
    expect(findElement(twice, 'address2')!.element).not.toBe(clipboard.element);
    expect(findElement(twice, 'address3.city')?.element).toMatchObject({ requiredIf: { notEmpty: { var: 'address3.street' } } });
  });

  it('pastes an element copied from another service', () => {
    const clipboard = copyElement(loadHundeanmeldung(), 'dogs')!;
    const after = expectSuccess(pasteElement(createSmallDefinition(), clipboard, { page: 'childrenPage', index: 3 }));
    expect(findElement(after, 'dogs.certificate')?.element.visibleIf).toEqual({ eq: [{ var: 'dogs.listedBreed' }, true] });
    expect(listErrors(after)).toEqual([]);
  });

  it('makes clashing keys inside the pasted element unique', () => {
    const clipboard: ElementClipboard = {
      path: 'contact',
      element: {
        type: 'group',
        key: 'contact',
        label: { de: 'Kontakt' },
        elements: [
          { type: 'phone', key: 'phone', label: { de: 'Telefon' } },
          { type: 'phone', key: 'phone', label: { de: 'Mobil' }, visibleIf: { notEmpty: { var: 'contact.phone' } } },
        ],
      },
    };
    const after = expectSuccess(pasteElement(createSmallDefinition(), clipboard, { page: 'personPage', index: 0 }));
    expect(findElement(after, 'contact.phone2')?.element).toMatchObject({ label: { de: 'Mobil' } });
    expect(findElement(after, 'contact.phone2')?.element.visibleIf).toEqual({ notEmpty: { var: 'contact.phone' } });
  });

  it('refuses an unknown page, a field as group and a position outside the list', () => {
    const definition = createSmallDefinition();
    const clipboard = copyElement(definition, 'name')!;
    expectRefusal(pasteElement(definition, clipboard, { page: 'nowhere', index: 0 }));
    expect(expectRefusal(pasteElement(definition, clipboard, { page: 'personPage', parent: 'name', index: 0 })).de).toContain('keine Gruppe');
    expect(expectRefusal(pasteElement(definition, clipboard, { page: 'personPage', index: 4 })).de).toContain('möglich ist 0 bis 3');
  });
});
