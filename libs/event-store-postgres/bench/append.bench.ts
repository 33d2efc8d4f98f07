/**
 * `npm run bench:store`: appends per second of our store, of Emmett's PostgreSQL event store and
 * of raw INSERTs, side by side on one PostgreSQL in one run (PERFORMANCE.md compares ratios, as
 * absolute figures drift between runs and machines).
 *
 * Flags: --events (per measured workload and round, a multiple of 100), --streams, --concurrency,
 * --rounds (interleaved, the median is reported), --warmup (events per workload before measuring).
 */
import { getPostgreSQLEventStore, type PostgresEventStore as EmmettEventStore } from '@event-driven-io/emmett-postgresql';
import type { NewEvent } from '@eutf/event-sourcing';
import { createPostgresPool } from '../src/pool';
import { Client, Pool } from 'pg';
import { migrate, PostgresEventStore } from '../src';
import { median, numberFlag, printTable, rate, requiredEnv, sampleEvent, timeConcurrently } from './bench-support';

const databaseUrl = requiredEnv('DATABASE_URL');
const eventsPerRound = numberFlag('events', 20_000);
const streamCount = numberFlag('streams', 1_000);
const concurrency = numberFlag('concurrency', 16);
const rounds = numberFlag('rounds', 3);
const warmupEvents = numberFlag('warmup', 2_000);

const OUR_SCHEMA = 'bench_store';
const RAW_SCHEMA = 'bench_raw';
// Emmett creates its tables in `public` of whatever database it is given: a database of its own.
const EMMETT_DATABASE = 'eutf_bench_emmett';

/** One contender's append of `batch` to a stream holding `expectedVersion` events. */
type Append = (streamId: string, expectedVersion: bigint, batch: readonly NewEvent[]) => Promise<void>;

interface Workload {
  key: string;
  label: string;
  contender: 'ours' | 'emmett' | 'raw';
  perAppend: number;
}

const workloads: readonly Workload[] = [
  { key: 'ours_single', label: 'ours, 1 event per append', contender: 'ours', perAppend: 1 },
  { key: 'emmett_single', label: 'Emmett, 1 event per append', contender: 'emmett', perAppend: 1 },
  { key: 'raw_single', label: 'raw single-row INSERT', contender: 'raw', perAppend: 1 },
  { key: 'ours_batched', label: 'ours, 10 events per append', contender: 'ours', perAppend: 10 },
  { key: 'emmett_batched', label: 'Emmett, 10 events per append', contender: 'emmett', perAppend: 10 },
  { key: 'raw_batched', label: 'raw 100-row INSERT', contender: 'raw', perAppend: 100 },
];

/**
 * Appends `events` events, `perAppend` at a time, to `streamCount` fresh streams named after
 * `prefix`, and returns events per second. Worker w owns streams w, w + c, w + 2c, … so no two
 * appends race on one stream and every expected version is exact. The events are built before the
 * clock starts: the figure is the store's, not the generator's.
 */
async function appendEventsPerSecond(append: Append, prefix: string, events: number, perAppend: number): Promise<number> {
  const batches = Array.from({ length: events / perAppend }, () => Array.from({ length: perAppend }, sampleEvent));
  const versions = new Array<bigint>(streamCount).fill(0n);
  const turns = new Array<number>(concurrency).fill(0);
  const elapsed = await timeConcurrently(concurrency, batches.length, async (worker, index) => {
    const owned = Math.ceil((streamCount - worker) / concurrency);
    const turn = turns[worker] as number;
    turns[worker] = turn + 1;
    const stream = worker + concurrency * (turn % owned);
    const version = versions[stream] as bigint;
    await append(`${prefix}-${stream}`, version, batches[index] as NewEvent[]);
    versions[stream] = version + BigInt(perAppend);
  });
  return rate(events, elapsed);
}

function assertVersion(store: string, streamId: string, actual: bigint, expected: bigint): void {
  if (actual !== expected) throw new Error(`${store}: ${streamId} is at version ${actual} after an append, expected ${expected}`);
}

async function main(): Promise<void> {
  if (eventsPerRound % 100 !== 0 || warmupEvents % 100 !== 0) throw new Error('--events and --warmup must be multiples of 100');
  if (streamCount < concurrency) throw new Error('--streams must be at least --concurrency, so every worker owns a stream');

  // 1. Fresh places for the three contenders, all on the same server.
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  const postgresVersion = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? '?';
  const synchronousCommit = (await admin.query<{ synchronous_commit: string }>('SHOW synchronous_commit')).rows[0]?.synchronous_commit ?? '?';
  await admin.query(`DROP SCHEMA IF EXISTS ${OUR_SCHEMA} CASCADE`);
  await admin.query(`DROP SCHEMA IF EXISTS ${RAW_SCHEMA} CASCADE`);
  await admin.query(`DROP DATABASE IF EXISTS ${EMMETT_DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${EMMETT_DATABASE}`);
  // Comparable to our events table: the same column types, one unique index (the primary key).
  await admin.query(`CREATE SCHEMA ${RAW_SCHEMA}`);
  await admin.query(`
    CREATE TABLE ${RAW_SCHEMA}.events (
      event_id uuid PRIMARY KEY, stream_id text NOT NULL, stream_version bigint NOT NULL,
      data jsonb NOT NULL, metadata jsonb NOT NULL, occurred_at timestamptz NOT NULL)`);

  // Every contender gets a pool as large as the number of workers, so none waits for a connection.
  const ourPool = createPostgresPool({ connectionString: databaseUrl, schema: OUR_SCHEMA, applicationName: 'bench-store', max: concurrency });
  await migrate(ourPool, OUR_SCHEMA);
  const rawPool = new Pool({ connectionString: databaseUrl, application_name: 'bench-raw', max: concurrency });
  const emmettUrl = new URL(databaseUrl);
  emmettUrl.pathname = `/${EMMETT_DATABASE}`;
  const emmettPool = new Pool({ connectionString: emmettUrl.toString(), application_name: 'bench-emmett', max: concurrency });
  const emmett: EmmettEventStore = getPostgreSQLEventStore(emmettUrl.toString(), { connectionOptions: { pool: emmettPool } });
  await emmett.schema.migrate();

  try {
    const ours = new PostgresEventStore(ourPool);
    const appends: Record<Workload['contender'], Append> = {
      ours: async (streamId, expectedVersion, batch) => {
        const result = await ours.appendToStream(streamId, batch, { expectedVersion });
        assertVersion('ours', streamId, result.streamVersion, expectedVersion + BigInt(batch.length));
      },
      emmett: async (streamId, expectedVersion, batch) => {
        const result = await emmett.appendToStream(
          streamId,
          batch.map((event) => ({
            type: event.type,
            data: event.data as Record<string, unknown>,
            // Emmett's message id is the event id; the rest is the same metadata we store.
            metadata: { messageId: event.eventId, ...event.metadata, occurredAt: event.occurredAt },
          })),
          { expectedStreamVersion: expectedVersion },
        );
        assertVersion('Emmett', streamId, result.nextExpectedStreamVersion, expectedVersion + BigInt(batch.length));
      },
      // The ceiling: the same rows with no stream logic at all, one statement per batch.
      raw: async (streamId, expectedVersion, batch) => {
        if (batch.length === 1) {
          const [event] = batch as [NewEvent];
          await rawPool.query(
            `INSERT INTO ${RAW_SCHEMA}.events (event_id, stream_id, stream_version, data, metadata, occurred_at) VALUES ($1, $2, $3, $4, $5, $6)`,
            [event.eventId, streamId, (expectedVersion + 1n).toString(), JSON.stringify(event.data), JSON.stringify(event.metadata), event.occurredAt],
          );
          return;
        }
        await rawPool.query(
          `INSERT INTO ${RAW_SCHEMA}.events (event_id, stream_id, stream_version, data, metadata, occurred_at)
           SELECT * FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::jsonb[], $5::jsonb[], $6::timestamptz[])`,
          [
            batch.map((event) => event.eventId),
            batch.map(() => streamId),
            batch.map((_, offset) => (expectedVersion + BigInt(offset + 1)).toString()),
            batch.map((event) => JSON.stringify(event.data)),
            batch.map((event) => JSON.stringify(event.metadata)),
            batch.map((event) => event.occurredAt),
          ],
        );
      },
    };
    const stored: Record<Workload['contender'], number> = { ours: 0, emmett: 0, raw: 0 };

    // 2. Warm-up: connections opened, functions planned, caches filled; not measured.
    for (const workload of workloads) {
      await appendEventsPerSecond(appends[workload.contender], `${workload.key}_warmup`, warmupEvents, workload.perAppend);
      stored[workload.contender] += warmupEvents;
    }

    // 3. Rounds interleave the contenders, so a slow phase of the machine hits all of them alike.
    const figures = new Map<string, number[]>(workloads.map((workload) => [workload.key, []]));
    for (let round = 1; round <= rounds; round += 1) {
      for (const workload of workloads) {
        const eventsPerSecond = await appendEventsPerSecond(
          appends[workload.contender],
          `${workload.key}_r${round}`,
          eventsPerRound,
          workload.perAppend,
        );
        figures.get(workload.key)?.push(eventsPerSecond);
        stored[workload.contender] += eventsPerRound;
        process.stderr.write(`round ${round}: ${workload.label}: ${eventsPerSecond} events/s\n`);
      }
    }

    // 4. Sanity: every append really stored its events. (int, because Emmett's driver layer makes
    // pg return every bigint as a BigInt, process-wide, once its store is created.)
    const count = async (pool: Pool, table: string) =>
      Number((await pool.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${table}`)).rows[0]?.count);
    const counted = {
      ours: await count(ourPool, `${OUR_SCHEMA}.events`),
      emmett: await count(emmettPool, 'emt_messages'),
      raw: await count(rawPool, `${RAW_SCHEMA}.events`),
    };
    for (const contender of ['ours', 'emmett', 'raw'] as const) {
      if (counted[contender] !== stored[contender]) {
        throw new Error(`${contender}: ${counted[contender]} events stored, ${stored[contender]} appended`);
      }
    }

    // 5. Report.
    const result = Object.fromEntries(workloads.map((workload) => [workload.key, median(figures.get(workload.key) ?? [])]));
    const ratio = (a: string, b: string) => Math.round(((result[a] ?? NaN) / (result[b] ?? NaN)) * 100) / 100;
    const ratios = {
      ours_vs_emmett_single: ratio('ours_single', 'emmett_single'),
      ours_vs_emmett_batched: ratio('ours_batched', 'emmett_batched'),
      ours_single_vs_raw_single_insert: ratio('ours_single', 'raw_single'),
    };
    console.log(
      `\nPostgreSQL ${postgresVersion} (synchronous_commit=${synchronousCommit}); ${eventsPerRound.toLocaleString('en-GB')} events per workload and round, ` +
        `${streamCount.toLocaleString('en-GB')} streams, concurrency ${concurrency}, pools of ${concurrency}, median of ${rounds} rounds\n`,
    );
    printTable(
      ['workload', 'events/s', 'rounds'],
      workloads.map((workload) => [workload.label, result[workload.key] ?? NaN, (figures.get(workload.key) ?? []).map((n) => n.toLocaleString('en-GB')).join(' / ')]),
    );
    console.log('');
    printTable(
      ['ratio', 'measured', 'target'],
      [
        ['ours / Emmett, 1 event per append', ratios.ours_vs_emmett_single, '≥ 1.0'],
        ['ours / Emmett, 10 events per append', ratios.ours_vs_emmett_batched, '≥ 1.5'],
        ['ours 1 event per append / raw single-row INSERT', ratios.ours_single_vs_raw_single_insert, 'reach for 0.5'],
      ],
    );
    console.log(`\nsanity: stored ${counted.ours} (ours), ${counted.emmett} (Emmett), ${counted.raw} (raw) rows, as appended\n`);
    console.log(
      JSON.stringify({
        bench: 'store',
        postgres: postgresVersion,
        synchronousCommit,
        eventsPerRound,
        streams: streamCount,
        concurrency,
        rounds,
        eventsPerSecond: result,
        perRound: Object.fromEntries(figures),
        ratios,
      }),
    );
  } finally {
    // 6. Leave nothing behind.
    await emmett.close();
    await Promise.all([ourPool.end(), rawPool.end(), emmettPool.end()]);
    await admin.query(`DROP SCHEMA IF EXISTS ${OUR_SCHEMA} CASCADE`);
    await admin.query(`DROP SCHEMA IF EXISTS ${RAW_SCHEMA} CASCADE`);
    await admin.query(`DROP DATABASE IF EXISTS ${EMMETT_DATABASE} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
