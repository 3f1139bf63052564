import type { ReactNode } from 'react';
import Markdown, { type Components } from 'react-markdown';
import remarkBreaks from 'remark-breaks';

/** The Markdown an organisation may write (its legal pages): headings, paragraphs, lists, links, bold and italics. */
const ALLOWED = ['h1', 'h2', 'h3', 'h4', 'p', 'ul', 'ol', 'li', 'a', 'strong', 'em', 'br'];

type HeadingTag = 'h2' | 'h3' | 'h4' | 'h5';

// h1 and h2 of the text both become the top level, h3 and h4 the two below: the page's own title sits above.
function createHeadingComponents(topLevel: 2 | 3): Components {
  const tag = (offset: number) => `h${topLevel + offset}` as HeadingTag;
  const heading =
    (Tag: HeadingTag): Components['h1'] =>
    ({ node: _node, ...props }) => <Tag {...props} />;
  return { h1: heading(tag(0)), h2: heading(tag(0)), h3: heading(tag(1)), h4: heading(tag(2)) };
}

const HEADINGS = { 2: createHeadingComponents(2), 3: createHeadingComponents(3) } as const;

// A line break the author typed is a line break (an address over two lines), as people expect of a simple editor.
const REMARK_PLUGINS = [remarkBreaks];

/**
 * Only web, e-mail and phone addresses and the site's own paths are links; anything else (javascript:, data:) is
 * dropped. Replaces react-markdown's own filter, which would drop tel: too.
 */
function safeUrl(url: string): string {
  return /^(https?:|mailto:|tel:|\/(?!\/)|#)/i.test(url) ? url : '';
}

/**
 * Markdown an organisation wrote, rendered as React elements: raw HTML in the text is never rendered (it is
 * dropped), elements outside the subset are replaced by their text, and links go only to web, e-mail and phone
 * addresses or the site's own paths. `headingLevel` is the level the text's top headings get (the page's own
 * title is above them). It brings react-markdown: load the page or panel that uses it lazily.
 *
 * @example
 * <SafeMarkdown text={legalPages.imprint.de} headingLevel={2} />
 */
export function SafeMarkdown({ text, headingLevel }: { text: string; headingLevel: 2 | 3 }): ReactNode {
  return (
    <Markdown allowedElements={ALLOWED} unwrapDisallowed skipHtml components={HEADINGS[headingLevel]} urlTransform={safeUrl} remarkPlugins={REMARK_PLUGINS}>
      {text}
    </Markdown>
  );
}
