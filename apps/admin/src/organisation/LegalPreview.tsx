import type { ReactNode } from 'react';
import { SafeMarkdown } from '@amtsweg/ui/app';

/** The preview of a legal page's text as the portal renders it, headings one level lower: the preview sits under an h2. */
export default function LegalPreview({ text }: { text: string }): ReactNode {
  return <SafeMarkdown text={text} headingLevel={3} />;
}
