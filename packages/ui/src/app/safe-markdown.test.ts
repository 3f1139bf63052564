import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SafeMarkdown } from './safe-markdown';

const render = (text: string, headingLevel: 2 | 3) => renderToStaticMarkup(createElement(SafeMarkdown, { text, headingLevel }));

describe('SafeMarkdown', () => {
  it('puts the text’s headings below the page’s own title: h1 and h2 at the given level, h3 and h4 below it', () => {
    const text = '# Eins\n\n## Zwei\n\n### Drei\n\n#### Vier';
    expect(render(text, 2)).toBe('<h2>Eins</h2>\n<h2>Zwei</h2>\n<h3>Drei</h3>\n<h4>Vier</h4>');
    expect(render(text, 3)).toBe('<h3>Eins</h3>\n<h3>Zwei</h3>\n<h4>Drei</h4>\n<h5>Vier</h5>');
  });

  it('renders the subset: paragraphs, lists, bold, italics and links', () => {
    const html = render('Ein **fetter** und *kursiver* Satz.\n\n- [Amt](https://amt.example/) \n- [Mail](mailto:post@amt.example)\n- [Hier](/impressum)', 2);
    expect(html).toContain('<p>Ein <strong>fetter</strong> und <em>kursiver</em> Satz.</p>');
    expect(html).toContain('<a href="https://amt.example/">Amt</a>');
    expect(html).toContain('<a href="mailto:post@amt.example">Mail</a>');
    expect(html).toContain('<a href="/impressum">Hier</a>');
  });

  it('never renders raw HTML, and keeps only the text of what lies outside the subset', () => {
    const html = render('<img src="x" onerror="alert(1)"><script>alert(1)</script>\n\n![Bild](https://amt.example/b.png) `code`\n\n> Zitat', 2);
    expect(html).not.toMatch(/<img|<script|onerror|<code|<blockquote/);
    expect(html).toContain('code');
    expect(html).toContain('Zitat');
  });

  it('drops link targets other than web, e-mail and phone addresses and the site’s own paths', () => {
    for (const target of ['javascript:alert(1)', 'data:text/html,x', '//evil.example/', 'vbscript:x']) {
      const html = render(`[Klick](${target})`, 2);
      expect(html, target).not.toContain(target.slice(0, 6));
      expect(html, target).toContain('Klick');
    }
    expect(render('[Anruf](tel:+4930123)', 2)).toContain('href="tel:+4930123"');
  });

  it('keeps the line breaks an author typed, as in an address over two lines', () => {
    expect(render('Gemeinde Südheide\nRathausplatz 1\n12345 Südheide', 2)).toBe('<p>Gemeinde Südheide<br/>\nRathausplatz 1<br/>\n12345 Südheide</p>');
  });
});
