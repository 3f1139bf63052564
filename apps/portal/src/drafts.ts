import { useCallback, useEffect, useRef, useState } from 'react';
import type { Answers } from '@amtsweg/ui';
import { api, ApiError } from './api';
import { safeStorage } from './i18n';

/** An unfinished application: what was typed, where the person was, and the key that makes sending safe to retry. */
export interface Draft {
  serviceId: string;
  version: number;
  answers: Answers;
  pageId: string | null;
  updatedAt: string;
  /** Chosen on the first attempt to send and kept until the answer arrives: a retry cannot file twice. */
  idempotencyKey?: string;
}

interface ServerDraft {
  serviceId: string;
  serviceVersion: number;
  answers: Answers;
  pageId: string | null;
  updatedAt: string;
  revision: number;
}

export type SaveState = 'idle' | 'local' | 'saving' | 'server' | 'server-failed' | 'conflict';

const key = (serviceId: string) => `amtsweg.draft.${serviceId}`;

export function loadLocalDraft(serviceId: string): Draft | undefined {
  try {
    const stored = safeStorage()?.getItem(key(serviceId));
    return stored ? (JSON.parse(stored) as Draft) : undefined;
  } catch {
    return undefined;
  }
}

function saveLocalDraft(draft: Draft): void {
  try {
    safeStorage()?.setItem(key(draft.serviceId), JSON.stringify(draft));
  } catch {
    // A full storage keeps the answers in memory (and on the server when logged in).
  }
}

export function clearLocalDraft(serviceId: string): void {
  safeStorage()?.removeItem(key(serviceId));
}

/** The newer of two drafts (by when they were last changed). */
function newer(a: Draft | undefined, b: Draft | undefined): Draft | undefined {
  if (!a) return b;
  if (!b) return a;
  return a.updatedAt >= b.updatedAt ? a : b;
}

export async function fetchServerDraft(serviceId: string): Promise<{ draft: Draft; revision: number } | undefined> {
  try {
    const stored = await api<ServerDraft>(`/api/drafts/${serviceId}`);
    return {
      draft: { serviceId, version: stored.serviceVersion, answers: stored.answers, pageId: stored.pageId, updatedAt: stored.updatedAt },
      revision: stored.revision,
    };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}

const SERVER_SAVE_DELAY_MS = 1500;

/**
 * The draft of one application: every change is kept in the browser at once; for a logged-in citizen it is
 * also saved to the account shortly after typing stops and whenever the page changes, so it can be resumed on
 * another device. A save that finds the account's draft changed elsewhere (409) says so and keeps what is here.
 */
export function useDraft(serviceId: string, version: number, loggedIn: boolean) {
  const [draft, setDraft] = useState<Draft | undefined>(undefined);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const revision = useRef<number | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef<Draft | undefined>(undefined);

  useEffect(() => {
    let cancelled = false;
    const local = loadLocalDraft(serviceId);
    const start = (found: Draft | undefined) => {
      if (cancelled) return;
      const initial = found ?? { serviceId, version, answers: {}, pageId: null, updatedAt: new Date(0).toISOString() };
      latest.current = initial;
      setDraft(initial);
    };
    if (!loggedIn) start(local);
    else
      fetchServerDraft(serviceId)
        .then((server) => {
          revision.current = server?.revision;
          start(newer(local, server?.draft));
        })
        .catch(() => start(local));
    return () => {
      cancelled = true;
    };
  }, [serviceId, version, loggedIn]);

  const saveToServer = useCallback(async () => {
    const current = latest.current;
    if (!loggedIn || !current) return;
    setSaveState('saving');
    const body = { serviceVersion: current.version, answers: current.answers, pageId: current.pageId, ...(revision.current !== undefined ? { expectedRevision: revision.current } : {}) };
    try {
      const saved = await api<{ revision: number }>(`/api/drafts/${serviceId}`, { method: 'PUT', body });
      revision.current = saved.revision;
      setSaveState('server');
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        // Changed on another device: keep what is on this screen and save it over the other, after saying so.
        const server = await fetchServerDraft(serviceId).catch(() => undefined);
        revision.current = server?.revision;
        setSaveState('conflict');
        const retried = await api<{ revision: number }>(`/api/drafts/${serviceId}`, { method: 'PUT', body: { ...body, ...(server ? { expectedRevision: server.revision } : {}) } }).catch(() => undefined);
        if (retried) revision.current = retried.revision;
        return;
      }
      setSaveState('server-failed');
    }
  }, [loggedIn, serviceId]);

  const update = useCallback(
    (change: Partial<Omit<Draft, 'serviceId'>>) => {
      const base = latest.current ?? { serviceId, version, answers: {}, pageId: null, updatedAt: '' };
      const next: Draft = { ...base, ...change, serviceId, updatedAt: new Date().toISOString() };
      latest.current = next;
      setDraft(next);
      saveLocalDraft(next);
      setSaveState((state) => (state === 'conflict' ? state : 'local'));
      if (loggedIn) {
        clearTimeout(timer.current);
        timer.current = setTimeout(() => void saveToServer(), SERVER_SAVE_DELAY_MS);
      }
    },
    [loggedIn, saveToServer, serviceId, version],
  );

  /** Saves to the account now (on changing page); the browser copy is always current already. */
  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    await saveToServer();
  }, [saveToServer]);

  const discard = useCallback(async () => {
    clearTimeout(timer.current);
    clearLocalDraft(serviceId);
    revision.current = undefined;
    const empty: Draft = { serviceId, version, answers: {}, pageId: null, updatedAt: new Date().toISOString() };
    latest.current = empty;
    setDraft(empty);
    if (loggedIn) await api(`/api/drafts/${serviceId}`, { method: 'DELETE' }).catch(() => undefined);
  }, [loggedIn, serviceId, version]);

  useEffect(() => () => clearTimeout(timer.current), []);

  return { draft, saveState, update, flush, discard };
}
