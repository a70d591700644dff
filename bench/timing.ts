// Timing and memory helpers shared by the measurement tasks.

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

/** Milliseconds since `start` (a value from `now()`), with sub-millisecond resolution. */
export function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function now(): bigint {
  return process.hrtime.bigint();
}

/**
 * Wall time and this process's CPU time (user + system). Other work on a busy machine stretches
 * wall time but barely changes CPU time, so printing both tells contention from real cost.
 */
export async function timeMs<T>(work: () => Promise<T> | T): Promise<{ ms: number; cpuMs: number; value: T }> {
  const cpu = process.cpuUsage();
  const start = now();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { ms: elapsedMs(start), cpuMs: (used.user + used.system) / 1000, value };
}

/** Peak resident set size of this process so far, in megabytes (maxRSS is reported in kilobytes). */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/**
 * Collects garbage between runs when node was started with --expose-gc, so one run's garbage is
 * not charged to the next run's time.
 */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export function heapUsedMb(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}
