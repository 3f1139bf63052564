import { useCallback, useEffect, useRef, useState } from 'react';
import type { Diagnostic, ServiceDefinition } from '@amtsweg/definitions';
import { createHistory, current, record, redo, undo, type EditHistory, type EditLabel } from '@amtsweg/editor';
import { api, ApiError } from '@amtsweg/ui/app';

/** The service as the server sends it to a designer. */
export interface ServiceDraft {
  id: string;
  slug: string;
  draft: ServiceDefinition;
  draftRevision: number;
  publishedVersion: number | null;
  diagnostics: Diagnostic[];
}

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'failed' | 'conflict';

/** How long the Studio waits after the last change before it saves (typing a word is one save). */
const SAVE_DELAY_MS = 800;
/** How long it waits before trying again after a failed save (network, server restart). */
const RETRY_DELAY_MS = 3000;

export interface DraftEditor {
  history: EditHistory;
  definition: ServiceDefinition;
  diagnostics: Diagnostic[];
  status: SaveStatus;
  publishedVersion: number | null;
  slug: string;
  /** Records an edit for undo and saves it shortly after. */
  change: (definition: ServiceDefinition, label: EditLabel, options?: { mergeKey?: string }) => void;
  undo: () => void;
  redo: () => void;
  /** After a conflict: take the other person's draft, dropping the own changes (and the undo history). */
  loadTheirs: () => Promise<void>;
  /** After a conflict: save the own draft over the other person's, knowingly. */
  keepMine: () => Promise<void>;
  /** Saves what is pending, then publishes; answers the new version, or throws the server's refusal. */
  publish: () => Promise<number>;
}

/**
 * The draft being edited: an undo history of definitions, saved automatically after each change with the
 * revision it builds on. When someone else saved in between, nothing is overwritten: the status turns to
 * `conflict` and the designer chooses. The server's checks come back with every save.
 */
export function useDraft(initial: ServiceDraft): DraftEditor {
  const [history, setHistory] = useState(() => createHistory(initial.draft));
  const [diagnostics, setDiagnostics] = useState(initial.diagnostics);
  const [status, setStatus] = useState<SaveStatus>('saved');
  const [publishedVersion, setPublishedVersion] = useState(initial.publishedVersion);
  // What the server has, and its revision; refs, because saves finish after renders.
  const saved = useRef({ definition: initial.draft, revision: initial.draftRevision });
  const saving = useRef<Promise<void> | null>(null);
  const definition = current(history);
  const latest = useRef(definition);
  latest.current = definition;

  const save = useCallback(async (): Promise<void> => {
    if (saving.current) await saving.current;
    const toSave = latest.current;
    if (toSave === saved.current.definition) return;
    setStatus('saving');
    const attempt = (async () => {
      try {
        const answer = await api<{ draftRevision: number; diagnostics: Diagnostic[] }>(`/api/services/${initial.id}/draft`, {
          method: 'PUT',
          body: { definition: toSave, expectedRevision: saved.current.revision },
        });
        saved.current = { definition: toSave, revision: answer.draftRevision };
        setDiagnostics(answer.diagnostics);
        setStatus(latest.current === toSave ? 'saved' : 'pending');
      } catch (error) {
        // A draft the server refuses to store (nested too deeply, a built-in actor as a role) shows why, where.
        if (error instanceof ApiError && error.status === 422 && Array.isArray(error.body.diagnostics)) setDiagnostics(error.body.diagnostics as Diagnostic[]);
        setStatus(error instanceof ApiError && error.status === 409 ? 'conflict' : 'failed');
      }
    })();
    saving.current = attempt;
    await attempt;
    saving.current = null;
  }, [initial.id]);

  // Save shortly after the last change; after a failure, try again a little later. A conflict waits for a choice.
  useEffect(() => {
    if (status === 'conflict' || status === 'saving') return;
    if (definition === saved.current.definition) return;
    const timer = setTimeout(() => void save(), status === 'failed' ? RETRY_DELAY_MS : SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [definition, status, save]);

  // Leaving the page with unsaved changes asks first.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (latest.current !== saved.current.definition) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  const change = useCallback((next: ServiceDefinition, label: EditLabel, options?: { mergeKey?: string }) => {
    setHistory((before) => record(before, next, label, options));
    setStatus((before) => (before === 'saved' ? 'pending' : before));
  }, []);

  const fetchServer = () => api<ServiceDraft>(`/api/services/${initial.id}`);

  return {
    history,
    definition,
    diagnostics,
    status,
    publishedVersion,
    slug: initial.slug,
    change,
    undo: () => setHistory((before) => undo(before)),
    redo: () => setHistory((before) => redo(before)),
    loadTheirs: async () => {
      const theirs = await fetchServer();
      saved.current = { definition: theirs.draft, revision: theirs.draftRevision };
      setHistory(createHistory(theirs.draft));
      setDiagnostics(theirs.diagnostics);
      setStatus('saved');
    },
    keepMine: async () => {
      const theirs = await fetchServer();
      saved.current = { definition: theirs.draft, revision: theirs.draftRevision };
      setStatus('pending');
      await save();
    },
    publish: async () => {
      await save();
      const answer = await api<{ version: number }>(`/api/services/${initial.id}/publish`, { method: 'POST', body: {} });
      setPublishedVersion(answer.version);
      return answer.version;
    },
  };
}
