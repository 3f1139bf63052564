import { createContext, useContext } from 'react';
import type { Diagnostic, ServiceDefinition } from '@amtsweg/definitions';
import type { EditLabel, EditResult } from '@amtsweg/editor';

/** What every area of the editor (form, procedure, letters, settings, versions) works with. */
export interface EditorContextValue {
  serviceId: string;
  definition: ServiceDefinition;
  /**
   * Applies an editing operation's result: records it for undo and saves it; a refusal is announced and changes
   * nothing. Answers whether the change was made. `mergeKey` merges successive edits of one text into one step.
   */
  apply: (result: EditResult, label: EditLabel, options?: { mergeKey?: string }) => boolean;
  /** The static checks of the last save. */
  diagnostics: Diagnostic[];
  /** A place the checks list asked to show (a JSON pointer into the definition); `serial` changes on every ask. */
  focus: { pointer: string; serial: number } | null;
  /** Opens the area holding `pointer` and focuses its control there (as a link of the checks list does). */
  showPlace: (pointer: string) => void;
  /** Says something to screen-reader users (a polite live region), e.g. after a drag. */
  announce: (text: string) => void;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditor(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error('useEditor outside the editor');
  return value;
}

/** The diagnostics whose pointer lies at or below `pointer` (a field, a state, a template). */
export function diagnosticsAt(diagnostics: readonly Diagnostic[], pointer: string): Diagnostic[] {
  return diagnostics.filter((d) => d.path === pointer || d.path.startsWith(`${pointer}/`));
}
