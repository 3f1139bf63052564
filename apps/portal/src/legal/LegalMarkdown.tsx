import type { ReactNode } from 'react';
import Markdown, { defaultUrlTransform, type Components } from 'react-markdown';

/** The Markdown an organisation may use on its legal pages: headings, paragraphs, lists, links, bold (and italics). */
const ALLOWED = ['h1', 'h2', 'h3', 'h4', 'p', 'ul', 'ol', 'li', 'a', 'strong', 'em', 'br'];

// The page's own title is the h1: the text's headings start one level below it.
const COMPONENTS: Components = {
  h1: ({ node: _node, ...props }) => <h2 {...props} />,
  h2: ({ node: _node, ...props }) => <h2 {...props} />,
  h3: ({ node: _node, ...props }) => <h3 {...props} />,
  h4: ({ node: _node, ...props }) => <h4 {...props} />,
};

/** Only web, e-mail and phone addresses and the portal's own paths are links; anything else (javascript:, data:) is dropped. */
function safeUrl(url: string): string {
  if (/^(https?:|mailto:|tel:|\/(?!\/)|#)/i.test(url)) return defaultUrlTransform(url);
  return '';
}

/**
 * A legal page's text rendered as React elements with react-markdown: raw HTML in the text is never rendered (it
 * is dropped), elements outside the subset are replaced by their text.
 */
export function LegalMarkdown({ text }: { text: string }): ReactNode {
  return (
    <Markdown allowedElements={ALLOWED} unwrapDisallowed skipHtml components={COMPONENTS} urlTransform={safeUrl}>
      {text}
    </Markdown>
  );
}
