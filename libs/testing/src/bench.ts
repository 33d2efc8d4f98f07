import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * What every benchmark shares: flags, timing of concurrent workers, medians and percentiles, and a
 * table printer. Benchmarks print figures; they assert nothing about speed (see PERFORMANCE.md).
 */

/** `--name 123` or `--name=123` from the command line, else the default. */
export function numberFlag(name: string, fallback: number): number {
  const args = process.argv.slice(2);
  const index = args.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  if (index === -1) return fallback;
  const arg = args[index] as string;
  const text = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[index + 1];
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} needs a positive integer, got "${text}"`);
  return value;
}

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; run this through \`node infra/bin/bench.mjs\``);
  return value;
}

export const secondsSince = (startedAt: bigint): number => Number(process.hrtime.bigint() - startedAt) / 1e9;

export const rate = (count: number, elapsedSeconds: number): number => Math.round(count / elapsedSeconds);

/**
 * Calls `operation` `operations` times from `concurrency` workers, each taking the next call as
 * soon as its previous one resolves (as a busy service's request handlers would), and returns the
 * wall-clock seconds. `worker` lets an operation keep per-worker state; `index` runs 0…operations-1.
 */
export async function timeConcurrently(
  concurrency: number,
  operations: number,
  operation: (worker: number, index: number) => Promise<void>,
): Promise<number> {
  let next = 0;
  const startedAt = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (next < operations) {
        const index = next;
        next += 1;
        await operation(worker, index);
      }
    }),
  );
  return secondsSince(startedAt);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * A realistic event of ours (about 310 bytes of JSON data), the same for every contender, with fresh
 * ids each time so that no store or index sees the same row twice.
 */
/** The p-th percentile (0-100) by the nearest-rank method; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

export function printTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): void {
  const cells = [header, ...rows].map((row) =>
    row.map((cell) => (typeof cell === 'number' ? cell.toLocaleString('en-GB', { maximumFractionDigits: 2 }) : cell)),
  );
  const widths = header.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]) =>
    row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
  const [head, ...body] = cells;
  console.log(line(head ?? []));
  console.log(widths.map((width) => '─'.repeat(width)).join('  '));
  for (const row of body) console.log(line(row));
}

/**
 * A process's resident memory now and at its peak (VmRSS, VmHWM), in MB; NaN once it has ended.
 * The peak is the kernel's own high-water mark, so no spike between two samples is missed.
 */
export function residentMegabytes(pid: number): { now: number; peak: number } {
  let status = '';
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return { now: Number.NaN, peak: Number.NaN };
  }
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? Number.NaN) / 1024;
  return { now: field('VmRSS'), peak: field('VmHWM') };
}

/**
 * Starts a new high-water mark of a process's resident memory (Linux: `5` to `/proc/<pid>/clear_refs`),
 * so that the next `residentMegabytes(pid).peak` is the peak of what followed; false where that is
 * not allowed, and the peak then still counts from the process's start.
 */
export function resetResidentPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Processes whose CPU a bench counts together: by pid, or by a pattern of their command line (a server and its workers). */
export type CpuGroups = Record<string, number | RegExp>;

/** Linux's clock ticks per second for /proc/<pid>/stat times (USER_HZ: 100 on every common build). */
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds (user + system) each group's processes have used so far, from /proc (Linux). A
 * server found by its command line counts every process it runs (PostgreSQL's backend per
 * connection): the difference of two readings is what the group used in between, a process
 * started meanwhile included (it counts from 0).
 */
export function cpuSecondsByGroup(groups: CpuGroups): Map<string, Map<number, number>> {
  const readings = new Map<string, Map<number, number>>(Object.keys(groups).map((name) => [name, new Map()]));
  let pids: number[] = [];
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).map(Number);
  } catch {
    return readings;
  }
  for (const pid of pids) {
    let commandLine = '';
    let stat = '';
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll(String.fromCharCode(0), ' ');
    } catch {
      continue;
    }
    // The fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const seconds = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
    for (const [name, match] of Object.entries(groups)) {
      if (typeof match === 'number' ? match === pid : match.test(commandLine)) {
        readings.get(name)?.set(pid, seconds);
        break;
      }
    }
  }
  return readings;
}

/** CPU seconds each group used between two readings of `cpuSecondsByGroup`. */
export function cpuSecondsBetween(before: Map<string, Map<number, number>>, after: Map<string, Map<number, number>>): Map<string, number> {
  return new Map(
    [...after].map(([name, pids]) => [name, [...pids].reduce((sum, [pid, seconds]) => sum + seconds - (before.get(name)?.get(pid) ?? 0), 0)]),
  );
}

export interface ProducerPerformanceResult {
  recordsPerSecond: number;
  summary: string;
}

/**
 * Kafka's own ProducerPerformance tool on a topic (acks=all, idempotent, as our producers): the
 * broker's ceiling beside which a bench prints its own rate. `kafkaLibs` is the folder of Kafka's
 * jars (infra/bin/bench.mjs resolves it as EUTF_KAFKA_LIBS). Its last line is the whole run's
 * summary ("N records sent, X records/sec …").
 */
export function runProducerPerformance(options: { kafkaLibs: string; brokers: string; topic: string; records: number; recordSize: number }): Promise<ProducerPerformanceResult> {
  const args = [
    '-cp', `${options.kafkaLibs}/*`, 'org.apache.kafka.tools.ProducerPerformance',
    '--topic', options.topic, '--num-records', String(options.records), '--record-size', String(options.recordSize), '--throughput', '-1',
    '--producer-props', `bootstrap.servers=${options.brokers}`, 'acks=all', 'enable.idempotence=true',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const summary = output.split('\n').filter((line) => /records sent, .* records\/sec/.test(line)).at(-1) ?? '';
      const match = /^(\d+) records sent, ([\d.]+) records\/sec/.exec(summary);
      if (code !== 0 || !match || Number(match[1]) !== options.records) {
        reject(new Error(`ProducerPerformance failed (exit ${code}):\n${output.slice(-3000)}`));
        return;
      }
      resolve({ recordsPerSecond: Math.round(Number(match[2])), summary });
    });
  });
}

/** Stops a process and resolves once it has gone; one stopped by a signal has no exit code, only a signal code. */
export const stopProcess = (child: ChildProcess): Promise<void> =>
  new Promise<void>((done) => (child.exitCode !== null || child.signalCode !== null ? done() : (child.once('exit', () => done()), child.kill('SIGTERM'))));

/**
 * Runs a bench: its failure printed (with its cause) and the exit code set, then `cleanUp`, once,
 * also when the run is interrupted (SIGINT, SIGTERM), after telling what it stops.
 */
export function runBench(main: () => Promise<void>, cleanUp: () => Promise<void>, onInterrupt: string): void {
  let cleanedUp: Promise<void> | undefined;
  const once = () => (cleanedUp ??= cleanUp());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      console.error(`\n${signal}: ${onInterrupt}`);
      void once().finally(() => process.exit(130));
    });
  }
  main()
    .catch((error: unknown) => {
      const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
      console.error(`${error instanceof Error ? error.message : String(error)}${cause}`);
      process.exitCode = 1;
    })
    .finally(once)
    // The run ends with its clean-up, even if a client of a library still holds the event loop
    // (bench:rebuild waited for its timeout after printing its figures).
    .finally(() => process.exit());
}
