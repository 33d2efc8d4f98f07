import type { HealthIndicatorResult } from '@nestjs/terminus';

/** One dependency a service needs before it can do its work (a database, the broker). */
export interface ReadinessCheck {
  isReady(): Promise<HealthIndicatorResult>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

/** Fails a probe that hangs, so /health/ready answers quickly even when a server is gone. */
export async function withTimeout<T>(probe: Promise<T>, milliseconds: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${milliseconds} ms`)), milliseconds);
  });
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
