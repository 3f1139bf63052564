/**
 * Orders the keys of two versions of a list for reading: the newer order, with every key that is only in the
 * older list placed right after the key that preceded it there (or first, when nothing did).
 */
export function mergeKeepingRemoved(olderKeys: readonly string[], newerKeys: readonly string[]): string[] {
  const inNewer = new Set(newerKeys);
  const removedAfter = new Map<string | undefined, string[]>();
  let anchor: string | undefined;
  for (const key of olderKeys) {
    if (inNewer.has(key)) {
      anchor = key;
      continue;
    }
    const removed = removedAfter.get(anchor) ?? [];
    removed.push(key);
    removedAfter.set(anchor, removed);
  }
  const merged = [...(removedAfter.get(undefined) ?? [])];
  for (const key of newerKeys) {
    merged.push(key, ...(removedAfter.get(key) ?? []));
  }
  return merged;
}

/**
 * The keys of both lists that keep their relative order (a longest common subsequence). The others of the
 * keys both lists share are the ones that moved. Both lists are expected to hold the same keys, each once.
 */
export function findKeysInOrder(olderKeys: readonly string[], newerKeys: readonly string[]): Set<string> {
  const rows = olderKeys.length;
  const columns = newerKeys.length;
  // lengths[i][j]: length of the longest common subsequence of olderKeys[i..] and newerKeys[j..].
  const lengths = Array.from({ length: rows + 1 }, () => new Array<number>(columns + 1).fill(0));
  const at = (i: number, j: number): number => lengths[i]?.[j] ?? 0;
  for (let i = rows - 1; i >= 0; i -= 1) {
    const row = lengths[i];
    if (row === undefined) continue;
    for (let j = columns - 1; j >= 0; j -= 1) {
      row[j] = olderKeys[i] === newerKeys[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
    }
  }
  const kept = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < rows && j < columns) {
    const key = olderKeys[i];
    if (key !== undefined && key === newerKeys[j]) {
      kept.add(key);
      i += 1;
      j += 1;
    } else if (at(i + 1, j) >= at(i, j + 1)) {
      i += 1;
    } else {
      j += 1;
    }
  }
  return kept;
}
