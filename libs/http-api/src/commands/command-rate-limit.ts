import { Global, Inject, Injectable, Module, type CanActivate, type DynamicModule, type ExecutionContext } from '@nestjs/common';
import { principalOf } from '@eutf/identity';
import type { Request, Response } from 'express';
import { ProblemException } from '../problems/problem-details.filter';
import { problemType } from '../problems/problem-details';

/** How many commands one caller may send: a sustained rate and the burst it may spend at once. */
export interface CommandRateLimitOptions {
  /** Commands a minute, sustained; 0 turns the limit off (benchmarks that drive one token at full speed). */
  perMinute: number;
  /** Commands a caller may send at once after a quiet spell. */
  burst: number;
}

export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Callers whose bucket is full again are forgotten once this many are known, so memory stays bounded. */
const KNOWN_CALLERS = 10_000;

/**
 * A token bucket per caller: each holds up to `burst` commands and refills at `perMinute`. Kept in
 * the service's memory, so each instance counts its own callers (behind N instances a caller gets
 * N times the budget: the gateway in front is where a global limit belongs).
 */
export class CommandRateLimiter {
  private readonly buckets = new Map<string, { commands: number; at: number }>();
  private readonly perMillisecond: number;

  constructor(
    readonly options: CommandRateLimitOptions,
    private readonly clock: () => number = Date.now,
  ) {
    this.perMillisecond = options.perMinute / 60_000;
  }

  /** Takes one command from the caller's budget, or says how many seconds until there is one. */
  take(caller: string): RateVerdict {
    if (this.options.perMinute === 0) return { allowed: true };
    const now = this.clock();
    const bucket = this.buckets.get(caller) ?? { commands: this.options.burst, at: now };
    const commands = Math.min(this.options.burst, bucket.commands + (now - bucket.at) * this.perMillisecond);
    if (commands < 1) {
      this.buckets.set(caller, { commands, at: now });
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - commands) / this.perMillisecond / 1_000)) };
    }
    if (!this.buckets.has(caller) && this.buckets.size >= KNOWN_CALLERS) this.forgetRefilled(now);
    this.buckets.set(caller, { commands: commands - 1, at: now });
    return { allowed: true };
  }

  private forgetRefilled(now: number): void {
    for (const [caller, bucket] of this.buckets) {
      if (bucket.commands + (now - bucket.at) * this.perMillisecond >= this.options.burst) this.buckets.delete(caller);
    }
  }
}

const COMMAND_RATE_LIMITER = Symbol('COMMAND_RATE_LIMITER');

/**
 * Refuses a command over its caller's budget with 429 and `Retry-After`. The caller is the verified
 * token's subject, so it runs after the authentication guard; refusals cost no parsing and no store.
 */
@Injectable()
export class CommandRateLimitGuard implements CanActivate {
  constructor(@Inject(COMMAND_RATE_LIMITER) private readonly limiter: CommandRateLimiter) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const principal = principalOf(http.getRequest<Request>());
    if (!principal) return true;
    const verdict = this.limiter.take(principal.subject);
    if (verdict.allowed) return true;
    http.getResponse<Response>().setHeader('Retry-After', String(verdict.retryAfterSeconds));
    const { perMinute, burst } = this.limiter.options;
    throw new ProblemException({
      type: problemType('too-many-commands'),
      title: 'Too many commands',
      status: 429,
      detail: `A caller may send ${perMinute} commands a minute, ${burst} at once; try again in ${verdict.retryAfterSeconds} s`,
    });
  }
}

/** The command rate limit of a service, for every `@CommandEndpoint` route in it. */
@Global()
@Module({})
export class CommandRateLimitModule {
  static forRoot(options: CommandRateLimitOptions): DynamicModule {
    return {
      module: CommandRateLimitModule,
      providers: [{ provide: COMMAND_RATE_LIMITER, useValue: new CommandRateLimiter(options) }, CommandRateLimitGuard],
      exports: [COMMAND_RATE_LIMITER, CommandRateLimitGuard],
    };
  }
}
