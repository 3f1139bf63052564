import type { ReactNode } from 'react';
import Markdown, { defaultUrlTransform, type Components } from 'react-markdown';

// The same subset and the same rules as the portal's legal pages (apps/portal/src/legal/LegalMarkdown.tsx).
const ALLOWED = ['h1', 'h2', 'h3', 'h4', 'p', 'ul', 'ol', 'li', 'a', 'strong', 'em', 'br'];
const COMPONENTS: Components = {
  h1: ({ node: _node, ...props }) => <h3 {...props} />,
  h2: ({ node: _node, ...props }) => <h3 {...props} />,
  h3: ({ node: _node, ...props }) => <h4 {...props} />,
  h4: ({ node: _node, ...props }) => <h5 {...props} />,
};

function safeUrl(url: string): string {
  if (/^(https?:|mailto:|tel:|\/(?!\/)|#)/i.test(url)) return defaultUrlTransform(url);
  return '';
}

/** The preview of a legal page's text as the portal renders it (headings one level lower: the preview sits under an h2). */
export default function LegalPreview({ text }: { text: string }): ReactNode {
  return (
    <Markdown allowedElements={ALLOWED} unwrapDisallowed skipHtml components={COMPONENTS} urlTransform={safeUrl}>
      {text}
    </Markdown>
  );
}
