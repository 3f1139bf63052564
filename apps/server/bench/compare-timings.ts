/**
 * Times two cases that must be indistinguishable to an attacker (a known and an unknown address): warms up,
 * then runs them in interleaved rounds, alternating which goes first, so drift in machine load hits both alike,
 * and prints medians, p90s and the ratios (1.0 = indistinguishable). `afterEach` runs outside the timing.
 */
export async function compareTimings(options: {
  title: string;
  rounds: number;
  cases: readonly [TimedCase, TimedCase];
  warmUp?: number;
  afterEach?: () => Promise<void>;
}): Promise<void> {
  const { title, rounds, cases, warmUp = 5, afterEach } = options;
  const timings = cases.map(() => [] as number[]);
  const time = async (index: number): Promise<number> => {
    const started = process.hrtime.bigint();
    await cases[index]!.run();
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    await afterEach?.();
    return elapsed;
  };
  for (let i = 0; i < warmUp; i++) for (let index = 0; index < cases.length; index++) await time(index);
  for (let round = 0; round < rounds; round++) {
    for (const index of round % 2 === 0 ? [0, 1] : [1, 0]) timings[index]!.push(await time(index));
  }

  const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]!;
  const width = Math.max(...cases.map((c) => c.name.length)) + 2;
  console.log(`${title}, ${rounds} interleaved rounds`);
  cases.forEach((c, index) => {
    console.log(`  ${c.name.padEnd(width)} median ${quantile(timings[index]!, 0.5).toFixed(2)} ms   p90 ${quantile(timings[index]!, 0.9).toFixed(2)} ms`);
  });
  const [first, second] = timings as [number[], number[]];
  const label = `${cases[1].name} / ${cases[0].name}`;
  console.log(`  ratio ${label} (median)   ${(quantile(second, 0.5) / quantile(first, 0.5)).toFixed(3)}   (1.0 = indistinguishable)`);
  console.log(`  ratio ${label} (p90)      ${(quantile(second, 0.9) / quantile(first, 0.9)).toFixed(3)}`);
}

export interface TimedCase {
  name: string;
  /** One attempt; throws if the answer is not the expected one. */
  run(): Promise<void>;
}
