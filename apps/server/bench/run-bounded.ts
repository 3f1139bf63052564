/**
 * Runs a benchmark bounded in time: whatever hangs, `cleanUp` (stop servers, drop databases) runs and the process
 * ends — after `budgetSeconds`, on Ctrl-C or SIGTERM, and of course when the run is done.
 */
export async function runBounded(name: string, budgetSeconds: number, run: () => Promise<void>, cleanUp: () => Promise<void>): Promise<void> {
  const watchdog = setTimeout(() => {
    console.error(`${name}: no result after ${budgetSeconds} s; stopping`);
    void cleanUp().finally(() => process.exit(1));
  }, budgetSeconds * 1000);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
  }
  try {
    await run();
  } finally {
    clearTimeout(watchdog);
    await cleanUp();
  }
}
