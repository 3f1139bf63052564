/** A whole number from the environment (`BENCH_DURATION=5`), or `fallback` when it is unset or empty. */
export function readSetting(name: string, fallback: number, minimum: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < minimum) throw new Error(`${name} must be a whole number ≥ ${minimum}, got "${value}"`);
  return parsed;
}

/** Whole numbers separated by commas (`BENCH_CONNECTIONS=1,4,32`), each measured in turn. */
export function readLevels(name: string, fallback: number[]): number[] {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const levels = value.split(',').map((part) => Number(part.trim()));
  if (levels.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`${name} must be whole numbers ≥ 1 separated by commas, got "${value}"`);
  return levels;
}
