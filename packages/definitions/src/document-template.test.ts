import { describe, expect, it } from 'vitest';
import { listTemplatePlaceholders, renderTemplate } from './document-template';

const text = 'Az. {{case.reference}} für {{ holder.lastName }}:\n{{#each dogs}}- {{dogs.name}}{{#each dogs.tags}} #{{dogs.tags.label}}{{/each}}\n{{/each}}Ende';

describe('document templates', () => {
  it('lists placeholders with the repeating groups they sit in', () => {
    expect(listTemplatePlaceholders(text)).toEqual([
      { name: 'case.reference', eachScopes: [] },
      { name: 'holder.lastName', eachScopes: [] },
      { name: 'dogs', eachScopes: [] },
      { name: 'dogs.name', eachScopes: ['dogs'] },
      { name: 'dogs.tags', eachScopes: ['dogs'] },
      { name: 'dogs.tags.label', eachScopes: ['dogs', 'dogs.tags'] },
    ]);
  });

  it('renders fields, facts and nested repeating blocks', () => {
    const rendered = renderTemplate(text, {
      data: {
        holder: { lastName: 'Mustermann' },
        dogs: [
          { name: 'Bello', tags: [{ label: 'ruhig' }, { label: 'klein' }] },
          { name: 'Kira', tags: [] },
        ],
      },
      facts: { case: { reference: 'HUND-2026-00042' } },
    });
    expect(rendered).toBe('Az. HUND-2026-00042 für Mustermann:\n- Bello #ruhig #klein\n- Kira\nEnde');
  });

  it('formats values through the given formatter and leaves unknown placeholders empty', () => {
    const rendered = renderTemplate('{{birth}}|{{unknown}}|{{obj}}', {
      data: { birth: '2000-01-31', obj: { a: 1 } },
      facts: {},
      formatValue: (path, value) => (path === 'birth' ? String(value).split('-').reverse().join('.') : 'x'),
    });
    expect(rendered).toBe('31.01.2000||x');
  });
});
