/** Waits for the machine to be quiet before a measured run: the benchmark shares its cores with whatever else runs. */
import { machineMeter } from "./proc.js";

/** More than this (in % of one core) used by other processes counts as a disturbed machine. */
export const BUSY_PERCENT = 25;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Samples the machine's CPU one second at a time until it is below BUSY_PERCENT or `maxSeconds` pass.
 * The servers under test are idle at this point, so what is busy is someone else (tests, builds).
 * Returns the seconds waited, or null when the machine never became quiet.
 */
export async function waitForQuiet(maxSeconds: number, say: (message: string) => void): Promise<number | null> {
  const t0 = performance.now();
  let told = false;
  for (;;) {
    const meter = machineMeter();
    await sleep(1000);
    const busy = meter.stop();
    const waited = (performance.now() - t0) / 1000;
    if (busy < BUSY_PERCENT) return waited;
    if (waited >= maxSeconds) {
      say(`  the machine stayed busy (${busy.toFixed(0)} % of a core used by other processes); measuring anyway`);
      return null;
    }
    if (!told) {
      say(`  waiting for other processes to quiet down (${busy.toFixed(0)} % of a core busy)…`);
      told = true;
    }
  }
}
