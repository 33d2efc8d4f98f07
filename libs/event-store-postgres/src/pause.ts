import { setTimeout as delay } from 'node:timers/promises';

/**
 * Waits `ms`, or less if `signal` aborts. Node's timer removes its abort listener when it fires:
 * a loop that polls every 20 ms for months adds none that stay behind.
 */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return delay(ms, undefined, { signal }).catch((error: unknown) => {
    if (!signal.aborted) throw error;
  });
}
