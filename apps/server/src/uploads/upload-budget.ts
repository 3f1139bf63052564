/** How much one client may upload: `bytes` within any `windowMs` (0 bytes: no budget). */
export interface UploadBudgetOptions {
  bytes: number;
  windowMs: number;
}

/**
 * The bytes each client (`clientAddressKey`: an address, an IPv6 /64) uploaded within a sliding time window,
 * counted as they arrive. In the memory of one process, like the request counts of the rate limits: with several
 * processes each keeps its own.
 */
export interface UploadBudget {
  readonly options: UploadBudgetOptions;
  /** How many bytes the client may still send now. */
  remaining(client: string): number;
  /**
   * Counts `bytes` the client just sent. Answers false, counting only what still fitted, when they do not fit:
   * the upload must be refused.
   */
  charge(client: string, bytes: number): boolean;
  /** Whole seconds until the client may upload again (at least 1). */
  retryAfterSeconds(client: string): number;
}

/** The window is counted in this many slots: a slot's bytes leave the window together. */
const SLOTS_PER_WINDOW = 60;

interface Slot {
  start: number;
  bytes: number;
}

/**
 * A byte budget per client and time window, on top of the count limit of the rate limiter: 120 files a minute
 * of 10 MB each would still be 1.2 GB a minute.
 *
 * @example
 * const budget = createUploadBudget({ bytes: 200 * 1024 * 1024, windowMs: 60 * 60_000 });
 * const client = clientAddressKey(request);
 * if (!budget.charge(client, chunk.length)) throw tooMuch(budget.retryAfterSeconds(client));
 */
export function createUploadBudget(options: UploadBudgetOptions, now: () => number = Date.now): UploadBudget {
  const slotMs = Math.max(1, Math.floor(options.windowMs / SLOTS_PER_WINDOW));
  const clients = new Map<string, Slot[]>();
  let lastSweep = now();

  /** The client's slots still inside the window (older ones dropped), and their sum. */
  const current = (client: string): { slots: Slot[]; used: number } => {
    const at = now();
    // Now and then every client whose bytes all left the window is forgotten, so the map does not grow forever.
    if (at - lastSweep > options.windowMs) {
      lastSweep = at;
      for (const [key, slots] of clients) if (slots.every((slot) => slot.start + slotMs <= at - options.windowMs)) clients.delete(key);
    }
    const slots = (clients.get(client) ?? []).filter((slot) => slot.start + slotMs > at - options.windowMs);
    if (slots.length > 0) clients.set(client, slots);
    else clients.delete(client);
    return { slots, used: slots.reduce((sum, slot) => sum + slot.bytes, 0) };
  };

  return {
    options,
    remaining(client) {
      if (options.bytes === 0) return Number.POSITIVE_INFINITY;
      return Math.max(0, options.bytes - current(client).used);
    },
    charge(client, bytes) {
      if (options.bytes === 0) return true;
      const { slots, used } = current(client);
      const fits = Math.min(bytes, Math.max(0, options.bytes - used));
      const start = Math.floor(now() / slotMs) * slotMs;
      const last = slots.at(-1);
      if (last?.start === start) last.bytes += fits;
      else slots.push({ start, bytes: fits });
      clients.set(client, slots);
      return fits === bytes;
    },
    retryAfterSeconds(client) {
      const { slots, used } = current(client);
      const at = now();
      // The client may send again once enough of its oldest bytes have left the window to fall below the budget.
      let left = used;
      for (const slot of slots) {
        left -= slot.bytes;
        if (left < options.bytes) return Math.max(1, Math.ceil((slot.start + slotMs + options.windowMs - at) / 1000));
      }
      return 1;
    },
  };
}
