import { describe, expect, it } from 'vitest';
import type { ServiceDefinition } from '@amtsweg/definitions';
import { findElement } from './element-paths';
import { createSmallDefinition, expectRefusal, expectSuccess, listErrors } from './form-test-fixtures';
import { addPage, deletePage, movePage, updatePage } from './page-operations';

const pageIds = (definition: ServiceDefinition): string[] => definition.form.pages.map((page) => page.id);

describe('addPage', () => {
  it('inserts a page at an index, with an id made from its German title', () => {
    const before = createSmallDefinition();
    const after = expectSuccess(addPage(before, 1, { title: { de: 'Größe & Gewicht', en: 'Size and weight' } }));
    expect(pageIds(after)).toEqual(['personPage', 'groesseGewicht', 'childrenPage']);
    expect(after.form.pages[1]).toEqual({ id: 'groesseGewicht', title: { de: 'Größe & Gewicht', en: 'Size and weight' }, elements: [] });
    expect(before).toEqual(createSmallDefinition());
  });

  it('numbers a made-up id that is taken, and keeps a given id, condition and elements', () => {
    const definition = createSmallDefinition();
    expect(pageIds(expectSuccess(addPage(definition, 2, { title: { de: 'Person' } }))).at(-1)).toBe('person');
    const twice = expectSuccess(addPage(expectSuccess(addPage(definition, 0, { title: { de: 'Kinder' } })), 0, { title: { de: 'Kinder' } }));
    expect(pageIds(twice)).toEqual(['kinder2', 'kinder', 'personPage', 'childrenPage']);
    const full = expectSuccess(
      addPage(definition, 2, {
        id: 'extra',
        title: { de: 'Weiteres', en: 'More' },
        visibleIf: { var: 'hasChildren' },
        elements: [{ type: 'text', key: 'remarks', label: { de: 'Anmerkungen', en: 'Remarks' } }],
      }),
    );
    expect(findElement(full, 'remarks')?.place).toEqual({ page: 'extra', index: 0 });
    expect(full.form.pages[2]!.visibleIf).toEqual({ var: 'hasChildren' });
    expect(listErrors(full)).toEqual([]);
  });

  it('refuses a taken or malformed id, a key used on another page, and a position outside the form', () => {
    const definition = createSmallDefinition();
    expect(expectRefusal(addPage(definition, 0, { id: 'childrenPage', title: { de: 'X' } })).de).toBe(
      'Eine Seite mit der Kennung „childrenPage“ gibt es schon.',
    );
    expect(expectRefusal(addPage(definition, 0, { id: 'seite-2', title: { de: 'X' } })).de).toContain('„seite-2“ ist als Kennung');
    expect(
      expectRefusal(addPage(definition, 0, { title: { de: 'X' }, elements: [{ type: 'yesNo', key: 'hasChildren', label: { de: 'Kinder?' } }] }))
        .de,
    ).toContain('schon an Feld „Haben Sie Kinder?“ vergeben');
    expect(expectRefusal(addPage(definition, 3, { title: { de: 'X' } })).de).toContain('möglich ist 0 bis 2');
  });
});

describe('updatePage', () => {
  it('changes the title and removes the visibility condition', () => {
    const before = createSmallDefinition();
    const after = expectSuccess(updatePage(before, 'childrenPage', { title: { de: 'Ihre Kinder', en: 'Your children' }, visibleIf: undefined }));
    expect(after.form.pages[1]).toEqual({ ...before.form.pages[1], title: { de: 'Ihre Kinder', en: 'Your children' }, visibleIf: undefined });
    expect('visibleIf' in after.form.pages[1]!).toBe(false);
    expect(after.form.pages[1]!.elements).toBe(before.form.pages[1]!.elements);
  });

  it('refuses an unknown page, a title without German, and changes of id or elements', () => {
    const definition = createSmallDefinition();
    expectRefusal(updatePage(definition, 'nowhere', { title: { de: 'X' } }));
    expect(expectRefusal(updatePage(definition, 'personPage', { title: { en: 'Person' } as unknown as { de: string } })).de).toBe(
      'Eine Seite braucht einen deutschen Titel.',
    );
    expectRefusal(updatePage(definition, 'personPage', { id: 'other' } as unknown as Parameters<typeof updatePage>[2]));
    expectRefusal(updatePage(definition, 'personPage', { elements: [] } as unknown as Parameters<typeof updatePage>[2]));
  });
});

describe('movePage', () => {
  it('moves a page so that it is at the index afterwards, keeping data paths', () => {
    const three = expectSuccess(addPage(createSmallDefinition(), 2, { title: { de: 'Abschluss' } }));
    expect(pageIds(expectSuccess(movePage(three, 'personPage', 2)))).toEqual(['childrenPage', 'abschluss', 'personPage']);
    expect(pageIds(expectSuccess(movePage(three, 'abschluss', 0)))).toEqual(['abschluss', 'personPage', 'childrenPage']);
    const moved = expectSuccess(movePage(three, 'childrenPage', 0));
    expect(findElement(moved, 'children.proof')?.pointer).toBe('/form/pages/0/elements/1/elements/2');
    expect(listErrors(moved)).toEqual([]);
  });

  it('refuses an unknown page and a position outside the form', () => {
    expectRefusal(movePage(createSmallDefinition(), 'nowhere', 0));
    expect(expectRefusal(movePage(createSmallDefinition(), 'personPage', 2)).de).toContain('möglich ist 0 bis 1');
  });
});

describe('deletePage', () => {
  it('removes a page with its elements', () => {
    const after = expectSuccess(deletePage(createSmallDefinition(), 'childrenPage'));
    expect(pageIds(after)).toEqual(['personPage']);
    expect(findElement(after, 'children')).toBeUndefined();
  });

  it('refuses the last page and an unknown page', () => {
    const single = expectSuccess(deletePage(createSmallDefinition(), 'childrenPage'));
    expect(expectRefusal(deletePage(single, 'personPage'))).toEqual({
      de: 'Die Seite „Person“ ist die letzte Seite des Formulars und kann nicht gelöscht werden; ein Formular braucht mindestens eine Seite.',
      en: 'The page "Person" is the last page of the form and cannot be deleted; a form needs at least one page.',
    });
    expectRefusal(deletePage(createSmallDefinition(), 'nowhere'));
  });
});
