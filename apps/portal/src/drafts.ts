import { useCallback, useEffect, useRef, useState } from 'react';
import type { Answers } from '@amtsweg/ui';
import { api, ApiError } from '@amtsweg/ui/app';
import { safeStorage } from './i18n';

/** An unfinished application: what was typed and where the person was. */
export interface Draft {
  serviceId: string;
  version: number;
  answers: Answers;
  pageId: string | null;
  updatedAt: string;
  /** The account's draft revision this copy builds on (logged-in citizens); 0: none on the server yet. */
  revision?: number;
}

interface ServerDraft {
  serviceId: string;
  serviceVersion: number;
  answers: Answers;
  pageId: string | null;
  updatedAt: string;
  revision: number;
}

/**
 * idle/local/saving/server: how far the last change got; conflict: the account's draft changed on another
 * device, gone: it was sent or discarded elsewhere — in both cases nothing more is saved to the account until
 * the person decides.
 */
export type SaveState = 'idle' | 'local' | 'saving' | 'server' | 'server-failed' | 'conflict' | 'gone';

/** Whose browser copy: drafts of different accounts (and of nobody) never mix on a shared computer. */
const owner = (citizenId: string | null | undefined) => citizenId ?? 'anonym';
const draftKey = (serviceId: string, citizenId: string | null | undefined) => `amtsweg.draft.${owner(citizenId)}.${serviceId}`;
const sendingKey = (serviceId: string, citizenId: string | null | undefined) => `amtsweg.sending.${owner(citizenId)}.${serviceId}`;

function read<T>(key: string): T | undefined {
  try {
    const stored = safeStorage()?.getItem(key);
    return stored ? (JSON.parse(stored) as T) : undefined;
  } catch {
    return undefined;
  }
}

function write(key: string, value: unknown): void {
  try {
    safeStorage()?.setItem(key, JSON.stringify(value));
  } catch {
    // A full or refused storage keeps the answers in memory (and in the account when logged in).
  }
}

export function loadLocalDraft(serviceId: string, citizenId: string | null | undefined): Draft | undefined {
  return read<Draft>(draftKey(serviceId, citizenId));
}

export function clearLocalDraft(serviceId: string, citizenId: string | null | undefined): void {
  safeStorage()?.removeItem(draftKey(serviceId, citizenId));
}

/** Removes every browser copy of an account's drafts (on logout). */
export function clearAccountDrafts(citizenId: string): void {
  const storage = safeStorage();
  if (!storage) return;
  const prefixes = [`amtsweg.draft.${citizenId}.`, `amtsweg.sending.${citizenId}.`];
  for (const key of Object.keys(storage)) if (prefixes.some((prefix) => key.startsWith(prefix))) storage.removeItem(key);
}

/**
 * An attempt to send: the Idempotency-Key and exactly the answers sent with it. It is written before the first
 * attempt and kept apart from the draft (which the account's copy may replace), until the answer has arrived.
 */
export interface PendingSend {
  key: string;
  answers: Answers;
}

export function loadPendingSend(serviceId: string, citizenId: string | null | undefined): PendingSend | undefined {
  return read<PendingSend>(sendingKey(serviceId, citizenId));
}

export function rememberPendingSend(serviceId: string, citizenId: string | null | undefined, pending: PendingSend): void {
  write(sendingKey(serviceId, citizenId), pending);
}

export function clearPendingSend(serviceId: string, citizenId: string | null | undefined): void {
  safeStorage()?.removeItem(sendingKey(serviceId, citizenId));
}

export async function fetchServerDraft(serviceId: string): Promise<Draft | undefined> {
  try {
    const stored = await api<ServerDraft>(`/api/drafts/${serviceId}`);
    return { serviceId, version: stored.serviceVersion, answers: stored.answers, pageId: stored.pageId, updatedAt: stored.updatedAt, revision: stored.revision };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}

/**
 * Which copy to resume: the browser's, if it builds on the account's latest revision (then it holds whatever was
 * typed since) or if the account has none (saving will tell if it was sent elsewhere meanwhile); otherwise the
 * account's, which another device has moved on.
 */
export function chooseDraft(local: Draft | undefined, server: Draft | undefined): Draft | undefined {
  if (!server || (local && local.revision === server.revision)) return local;
  return server;
}

const SERVER_SAVE_DELAY_MS = 1500;

/**
 * The draft of one application. Every change is kept in the browser at once; for a logged-in citizen it is also
 * saved to the account shortly after typing stops and whenever the page changes, naming the revision it builds
 * on. If another device saved meanwhile (or sent the application), nothing is overwritten: the person chooses.
 */
export function useDraft(serviceId: string, version: number, citizenId: string | null | undefined) {
  const [draft, setDraft] = useState<Draft | undefined>(undefined);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [other, setOther] = useState<Draft | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef<Draft | undefined>(undefined);
  const held = useRef(false);

  useEffect(() => {
    // Who is logged in is not known yet: wait, rather than resume the wrong copy.
    if (citizenId === undefined) return;
    let cancelled = false;
    // Nothing is shown until the copy to resume is known, so nothing typed can be replaced by a late answer.
    setDraft(undefined);
    latest.current = undefined;
    held.current = false;
    const local = loadLocalDraft(serviceId, citizenId);
    const start = (found: Draft | undefined) => {
      if (cancelled) return;
      const initial = found ?? { serviceId, version, answers: {}, pageId: null, updatedAt: new Date(0).toISOString(), ...(citizenId ? { revision: 0 } : {}) };
      latest.current = initial;
      setDraft(initial);
    };
    if (citizenId === null) start(local);
    else
      fetchServerDraft(serviceId)
        .then((server) => start(chooseDraft(local, server)))
        // The account cannot be asked: continue with this browser's copy; saving tells later if it is behind.
        .catch(() => start(local ?? undefined));
    return () => {
      cancelled = true;
    };
  }, [serviceId, version, citizenId]);

  const keep = useCallback(
    (next: Draft) => {
      latest.current = next;
      setDraft(next);
      write(draftKey(serviceId, citizenId), next);
    },
    [serviceId, citizenId],
  );

  const saveToServer = useCallback(async () => {
    const current = latest.current;
    if (!citizenId || !current || held.current) return;
    setSaveState('saving');
    try {
      const saved = await api<{ revision: number }>(`/api/drafts/${serviceId}`, {
        method: 'PUT',
        body: { serviceVersion: current.version, answers: current.answers, pageId: current.pageId, expectedRevision: current.revision ?? 0 },
      });
      // Typing that happened while saving stays; it now builds on the new revision.
      keep({ ...(latest.current ?? current), revision: saved.revision });
      setSaveState('server');
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        held.current = true;
        const server = await fetchServerDraft(serviceId).catch(() => undefined);
        setOther(server);
        setSaveState(server ? 'conflict' : 'gone');
        return;
      }
      setSaveState('server-failed');
    }
  }, [citizenId, serviceId, keep]);

  const update = useCallback(
    (change: Partial<Pick<Draft, 'answers' | 'pageId'>>) => {
      const base = latest.current ?? { serviceId, version, answers: {}, pageId: null, updatedAt: '' };
      keep({ ...base, ...change, updatedAt: new Date().toISOString() });
      setSaveState((state) => (state === 'conflict' || state === 'gone' ? state : 'local'));
      if (citizenId) {
        clearTimeout(timer.current);
        timer.current = setTimeout(() => void saveToServer(), SERVER_SAVE_DELAY_MS);
      }
    },
    [citizenId, keep, saveToServer, serviceId, version],
  );

  /** Saves to the account now (on changing page); the browser copy is always current already. */
  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    await saveToServer();
  }, [saveToServer]);

  /** After a conflict: keep what is on this screen (saved over the other copy), or take the other device's. */
  const resolve = useCallback(
    async (choice: 'mine' | 'theirs') => {
      const current = latest.current;
      held.current = false;
      if (choice === 'theirs' && other) keep(other);
      else if (current) keep({ ...current, revision: other?.revision ?? 0 });
      setOther(undefined);
      setSaveState('local');
      await saveToServer();
    },
    [keep, other, saveToServer],
  );

  /** Starts again: forgets the answers here and in the account. */
  const discard = useCallback(async () => {
    clearTimeout(timer.current);
    clearLocalDraft(serviceId, citizenId);
    held.current = false;
    latest.current = { serviceId, version, answers: {}, pageId: null, updatedAt: new Date().toISOString(), ...(citizenId ? { revision: 0 } : {}) };
    setDraft(latest.current);
    if (citizenId) await api(`/api/drafts/${serviceId}`, { method: 'DELETE' }).catch(() => undefined);
  }, [citizenId, serviceId, version]);

  useEffect(() => () => clearTimeout(timer.current), []);

  return { draft, saveState, update, flush, resolve, discard };
}
