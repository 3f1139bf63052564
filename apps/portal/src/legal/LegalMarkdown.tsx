import type { ReactNode } from 'react';
import { SafeMarkdown } from '@amtsweg/ui/app';

/** A legal page's text: the page's own title is the h1, so the text's headings start at h2. */
export function LegalMarkdown({ text }: { text: string }): ReactNode {
  return <SafeMarkdown text={text} headingLevel={2} />;
}
