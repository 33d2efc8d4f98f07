/**
 * `npm run bench:reports`: the consolidated report over a large history (PERFORMANCE.md: p99
 * ≤ 100 ms with 10,000 projects and 1 million events; a report as of a past date ≤ 3 s; ≤ 300 MB
 * resident; a projection rebuild ≥ 20,000 events/s).
 *
 * 1. writes --events events for --projects projects straight to the projects, disbursements and
 *    returns topics of this run's namespace, as the services' relays would (reports.history.ts:
 *    seeded by --seed, so runs compare), in batches of --batch;
 * 2. starts the reporting service as its own process on those topics and a new MongoDB database,
 *    and times how long its projections take to apply everything (the rebuild rate: issue 13);
 * 3. headquarters' GET /reports/consolidated for a year (2019) and "to date": first --cold
 *    requests one at a time, each for a period no request asked before (its first day moved by a
 *    day), so each is computed from the read models (the service keeps a computed report until
 *    the read models move); then the period itself --requests times from --concurrency clients
 *    (none started after --budget seconds), which, the read models standing still, are answered
 *    from the report computed first (projections that have not caught up move them, and a moved
 *    read model means computing again: the table then says the projections had not caught up):
 *    both latencies, labelled, and requests/s;
 * 4. the checkpoints the service keeps once it has caught up (the read models folded on the
 *    15th and at the end of each month): how long it takes to make them, how many, how large;
 *    then the same report `asOf` a few past instants, one at a time, each asked twice: the first
 *    folds the topics from the latest checkpoint at or before the instant, the second is the
 *    answer kept for that instant if it was final (every topic showed an event recorded an hour
 *    past it), else a second fold (measured before 3);
 * 5. the reporting service's resident memory: the peak of each phase (the kernel's high-water mark,
 *    started again at each phase's end where Linux allows it) and what it holds at the phase's end.
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mintDevelopmentToken } from '@eutf/identity';
import { createKafka } from '@eutf/messaging';
import { startServiceProcess } from '@eutf/service-testing';
import { numberFlag, percentile, printTable, rate, requiredEnv, residentMegabytes, resetResidentPeak, runBench, secondsSince, stopProcess } from '@eutf/testing/bench';
import { writeHistory } from './history.writer';
import { asOfCheckpoints, dropDatabase, untilProjectionsCaughtUp } from './reporting-read-models';

const projects = numberFlag('projects', 10_000);
const events = numberFlag('events', 1_000_000);
const requests = numberFlag('requests', 200);
/** Reports computed from the read models (not kept from an earlier request), per period. */
const cold = numberFlag('cold', 5);
const concurrency = numberFlag('concurrency', 8);
const seed = numberFlag('seed', 12);
const batch = numberFlag('batch', 2_000);
/** How long the projections may take to catch up; past it the reports are measured on what they have applied, and the table says so. */
const catchUpLimitSeconds = numberFlag('catch-up-limit', 1_800);
/** Seconds a report may take before the client gives up on it (counted, not timed). */
const requestTimeoutSeconds = numberFlag('request-timeout', 120);
/** Seconds of requests per period at most: no new request starts after it, so a slow report cannot hold the run for hours. */
const budgetSeconds = numberFlag('budget', 120);

const run = randomUUID().replace(/-/g, '').slice(0, 8);
const database = `bench_reports_${run}`;
const secret = requiredEnv('EUTF_DEV_JWT_SECRET');
const namespace = requiredEnv('EUTF_TOPIC_NAMESPACE');
const children: ChildProcess[] = [];

/**
 * Instants a report is asked as of: mid-2018, the end of 2019, one just after the history ends
 * (each at or just past a month end, where a checkpoint is kept), then late in June 2020 and a
 * second before the end of 2020, as far as an instant gets from a checkpoint (kept on the 15th and
 * at each month end) in the busiest month: the events of almost half a month folded after it.
 */
const AS_OF = ['2018-07-01T00:00:00Z', '2019-12-31T23:59:59Z', '2021-01-01T00:00:00Z', '2020-06-28T12:00:00Z', '2020-12-31T23:59:58Z'];
const PERIODS = [
  { name: '2019', query: 'from=2019-01-01&to=2019-12-31', moved: (day: number) => `from=2019-01-${String(day).padStart(2, '0')}&to=2019-12-31` },
  { name: 'to date', query: 'from=2016-06-01', moved: (day: number) => `from=2016-06-${String(day).padStart(2, '0')}` },
];

/** Every sample of a metric by its labels, from a Prometheus text page. */
function samples(page: string, name: string): Array<{ labels: string; value: number }> {
  return page
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`))
    .map((line) => ({ labels: line.slice(name.length + 1, line.indexOf('}')), value: Number(line.slice(line.lastIndexOf(' ') + 1)) }));
}

async function main() {
  // 1. The history, written as the relays write.
  const written = await writeHistory({ brokers: requiredEnv('KAFKA_BROKERS'), namespace, clientId: `bench-reports-${run}`, projects, events, seed, batch });
  const total = Object.values(written.perTopic).reduce((sum, count) => sum + count, 0);
  if (total !== events) throw new Error(`generated ${total} events, not ${events}`);
  console.log(`history: ${projects.toLocaleString('en-GB')} projects, ${total.toLocaleString('en-GB')} events (${Object.entries(written.perTopic).map(([topic, count]) => `${topic} ${count.toLocaleString('en-GB')}`).join(', ')})`);
  console.log(`  ${[...written.perType].sort(([, a], [, b]) => b - a).map(([type, count]) => `${type} ${count.toLocaleString('en-GB')}`).join(', ')}`);

  // 2. The reporting service on this run's topics, from nothing: every projection reads its topics from the start.
  // A projection has applied everything when its consumer group has committed the end of every
  // partition of its topics: the runner commits a batch's offsets only once its documents are written.
  const admin = createKafka({ clientId: `bench-reports-admin-${run}`, brokers: requiredEnv('KAFKA_BROKERS').split(','), logLevel: 'warn' }).admin();
  await admin.connect();
  const mongo = new URL(requiredEnv('MONGO_URL'));
  mongo.pathname = `/${database}`;
  const nodeFlags = (process.env['EUTF_BENCH_NODE_FLAGS'] ?? '').split(' ').filter(Boolean);
  const catchUpStartedAt = process.hrtime.bigint();
  // The bench measures how long a report takes, so the service's 30 s request timeout (408) is lifted to 10 minutes.
  // Its warnings and errors (pino, JSON lines on stdout) are shown: a projection that stops shows why.
  let partial = '';
  const onOutput = (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) process.stderr.write(`\n  [reporting] ${line.slice(0, 600)}\n`);
  };
  const { url, child } = await startServiceProcess(
    'reporting',
    { MONGO_URL: mongo.toString(), CONSUMER_GROUP_PREFIX: `bench-reports-${run}`, HTTP_REQUEST_TIMEOUT_MS: '600000' },
    nodeFlags,
    { logLevel: 'warn', onOutput },
  );
  children.push(child);
  const readySeconds = secondsSince(catchUpStartedAt);

  const applied = await untilProjectionsCaughtUp({ admin, namespace, groupPrefix: `bench-reports-${run}`, limitSeconds: catchUpLimitSeconds, label: 'projections' });
  await admin.disconnect();
  const catchUpSeconds = secondsSince(catchUpStartedAt);
  // Resident memory by phase: the peak of each, and what the service holds at its end.
  const pid = child.pid as number;
  const memory: Array<{ phase: string; peak: number; after: number }> = [];
  let peaksApart = false;
  const endOfPhase = (phase: string) => {
    const { now, peak } = residentMegabytes(pid);
    memory.push({ phase, peak, after: now });
    peaksApart = resetResidentPeak(pid);
  };
  endOfPhase('catching up from the topics');
  const consumedShare = applied.share;
  const caughtUp = () => applied.share >= 1;
  if (!caughtUp()) console.log(`\nthe projections had applied ${(100 * consumedShare).toFixed(1)} % of their events after ${catchUpLimitSeconds} s; the live reports below read what they had applied`);
  const page = await fetch(`${url}/metrics`).then((response) => response.text(), () => '');
  const deadLettered = new Map(samples(page, 'eutf_projection_events_total').filter(({ labels }) => labels.includes('outcome="dead_lettered"') && !labels.endsWith(' 0')).map(({ labels, value }) => [/projection="([^"]+)"/.exec(labels)?.[1] ?? '', value]));
  const deadLetters = [...deadLettered.values()].reduce((sum, count) => sum + count, 0);
  if (deadLetters > 0) console.log(`\n${deadLetters} events dead-lettered (a generated event the projections refused): ${JSON.stringify(Object.fromEntries(deadLettered))}`);

  // 3. Headquarters' report, live, from --concurrency clients.
  const analyst = await mintDevelopmentToken({ subject: 'bench-analyst', roles: ['hq-analyst'] }, secret);
  /** A report's time, its size, and its status (0: no answer within --request-timeout); anything but 200 counts as a failure, not a latency. */
  const get = async (query: string) => {
    const startedAt = process.hrtime.bigint();
    let response: Response;
    let body: ArrayBuffer;
    try {
      response = await fetch(`${url}/reports/consolidated?${query}`, { headers: { Authorization: `Bearer ${analyst}`, Accept: 'application/json' }, signal: AbortSignal.timeout(requestTimeoutSeconds * 1000) });
      body = await response.arrayBuffer();
    } catch (error) {
      const ms = Number(process.hrtime.bigint() - startedAt) / 1e6;
      console.log(`GET /reports/consolidated?${query}: no answer after ${(ms / 1000).toFixed(1)} s (${error instanceof Error ? error.message : String(error)})`);
      return { ms, bytes: 0, status: 0 };
    }
    const ms = Number(process.hrtime.bigint() - startedAt) / 1e6;
    if (!response.ok) console.log(`GET /reports/consolidated?${query}: ${response.status} after ${(ms / 1000).toFixed(1)} s ${Buffer.from(body).toString('utf8').slice(0, 200)}`);
    return { ms, bytes: body.byteLength, status: response.status };
  };
  // 4. (before the live reports, which a slow read model can hold up) The checkpoints, then reports as of past instants, each folded from the latest checkpoint before it.
  const checkpointsStartedAt = process.hrtime.bigint();
  const checkpointRuns = async () => Number(/^eutf_as_of_checkpoint_runs_total (\S+)$/m.exec(await fetch(`${url}/metrics`).then((response) => response.text(), () => ''))?.[1] ?? 0);
  while ((await checkpointRuns()) < 1) {
    if (secondsSince(checkpointsStartedAt) > catchUpLimitSeconds) throw new Error(`the checkpoints were not made within ${catchUpLimitSeconds} s`);
    await new Promise((done) => setTimeout(done, 500));
  }
  const checkpointsSeconds = secondsSince(checkpointsStartedAt);
  const checkpoints = await asOfCheckpoints(requiredEnv('MONGO_URL'), database);
  endOfPhase('making the checkpoints');
  const asOf = [];
  for (const instant of AS_OF) {
    const query = `from=2016-06-01&to=2020-12-31&asOf=${encodeURIComponent(instant)}`;
    const folded = await get(query);
    asOf.push({ instant, ...folded, kept: await get(query) });
  }
  endOfPhase('reports as of past instants');
  const live = [];
  for (const period of PERIODS) {
    // Computed: a period no request asked before, one at a time (day 1 is the measured period's own).
    const computed: number[] = [];
    for (let day = 2; day < 2 + cold; day += 1) {
      const answer = await get(period.moved(day));
      if (answer.status === 200) computed.push(answer.ms);
    }
    await get(period.query); // once first: computed, then kept while the read models stand still
    const latencies: number[] = [];
    const failed = new Map<number, number>();
    let bytes = 0;
    let next = 0;
    const startedAt = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < requests && secondsSince(startedAt) < budgetSeconds) {
          next += 1;
          const answer = await get(period.query);
          if (answer.status !== 200) failed.set(answer.status, (failed.get(answer.status) ?? 0) + 1);
          else {
            latencies.push(answer.ms);
            bytes = answer.bytes;
          }
        }
      }),
    );
    live.push({ period: period.name, seconds: secondsSince(startedAt), computed, latencies, bytes, failed: Object.fromEntries(failed) });
  }


  endOfPhase('live reports, computed and kept');
  const fixed = (value: number, digits = 1) => Number(value.toFixed(digits));
  const peakMb = fixed(Math.max(...memory.map(({ peak }) => peak)));
  printTable(
    ['measure', 'value', 'target'],
    [
      ['history written to Kafka (events/s)', rate(total, written.seconds), ''],
      ['reporting service ready (s)', fixed(readySeconds, 2), ''],
      [caughtUp() ? 'projections caught up from the start (s)' : `projections NOT caught up: ${(100 * consumedShare).toFixed(1)} % after (s)`, fixed(catchUpSeconds, 1), '≤ 50 for 1,000,000'],
      ['projection rebuild rate (events/s)', rate(caughtUp() ? total : total * consumedShare, catchUpSeconds), '≥ 20,000'],
      ...live.flatMap(({ period, seconds, computed, latencies, bytes, failed }) => [
        [`report ${period}, computed from the read models (${computed.length} one at a time), p50 (ms)`, fixed(percentile(computed, 50)), ''],
        [`report ${period}, computed from the read models, max (ms)`, fixed(Math.max(...computed)), '≤ 100'],
        [`report ${period}, asked again (kept unless the read models moved), p50 (ms)`, fixed(percentile(latencies, 50)), ''],
        [`report ${period}, asked again (kept unless the read models moved), p90 (ms)`, fixed(percentile(latencies, 90)), ''],
        [`report ${period}, asked again (kept unless the read models moved), p99 (ms)`, fixed(percentile(latencies, 99)), '≤ 100'],
        [`report ${period} (requests/s: ${latencies.length} from ${concurrency} clients, ${Math.round(bytes / 1024)} KiB each)`, fixed(latencies.length / seconds, 2), ''],
        ...Object.entries(failed).map(([status, count]) => [`report ${period}, answered ${status} instead`, count, '0']),
      ]),
      [`checkpoints made after the catch-up: ${checkpoints.count}, the last at ${checkpoints.lastUpTo}, ${fixed(checkpoints.bytes / 1e6)} MB stored (s)`, fixed(checkpointsSeconds, 1), ''],
      ...asOf.flatMap(({ instant, ms, status, kept }) => [
        [`report as of ${instant}, folded from its checkpoint and the topics (s)${status === 200 ? '' : `, answered ${status}`}`, fixed(ms / 1000, 2), '≤ 3'],
        [`report as of ${instant}, asked again (kept once every topic shows an event recorded an hour past it, else folded again) (s)${kept.status === 200 ? '' : `, answered ${kept.status}`}`, fixed(kept.ms / 1000, 3), '≤ 3'],
      ]),
      ...memory.map(({ phase, peak, after }, index) => [
        `reporting service, ${phase}: peak${index > 0 && !peaksApart ? ' since its start' : ''} / at its end (MB)`,
        `${fixed(peak)} / ${fixed(after)}`,
        '≤ 300',
      ]),
      ['reporting service, peak resident memory (MB)', peakMb, '≤ 300'],
    ],
  );
  console.log(
    `\n${JSON.stringify({
      bench: 'reports',
      projects,
      events: total,
      perTopic: written.perTopic,
      seed,
      requests,
      concurrency,
      writeSeconds: fixed(written.seconds, 1),
      catchUpSeconds: fixed(catchUpSeconds, 1),
      caughtUp: caughtUp(),
      consumedShare: fixed(consumedShare, 4),
      rebuildEventsPerSecond: rate(caughtUp() ? total : total * consumedShare, catchUpSeconds),
      deadLettered: deadLetters,
      report: Object.fromEntries(
        live.map(({ period, seconds, computed, latencies, bytes, failed }) => [
          period,
          { computed: { requests: computed.length, p50: fixed(percentile(computed, 50)), max: fixed(Math.max(...computed)) }, requests: latencies.length, failed, p50: fixed(percentile(latencies, 50)), p90: fixed(percentile(latencies, 90)), p99: fixed(percentile(latencies, 99)), requestsPerSecond: fixed(latencies.length / seconds, 2), bytes },
        ]),
      ),
      checkpoints: { ...checkpoints, seconds: fixed(checkpointsSeconds, 1) },
      asOfSeconds: Object.fromEntries(asOf.map(({ instant, ms, status }) => [instant, status === 200 ? fixed(ms / 1000, 2) : `${status} after ${fixed(ms / 1000, 2)}`])),
      asOfKeptSeconds: Object.fromEntries(asOf.map(({ instant, kept }) => [instant, kept.status === 200 ? fixed(kept.ms / 1000, 3) : `${kept.status} after ${fixed(kept.ms / 1000, 2)}`])),
      peakResidentMb: peakMb,
      residentMbByPhase: Object.fromEntries(memory.map(({ phase, peak, after }) => [phase, { peak: fixed(peak), after: fixed(after) }])),
    })}`,
  );
}

/** Stops the service and drops the run's database, whether the run ended or was interrupted (`runBench` calls it once). */
const cleanUp = async () => {
  await Promise.all(children.map(stopProcess));
  // FerretDB (SQLite) may still be running queries of the stopped service; dropping the database
  // under them crashed it once (SIGBUS in the WAL), so give them time to finish.
  await new Promise((done) => setTimeout(done, 10_000));
  // The run's read models go with it; bench.mjs deletes its topics.
  if (!(await dropDatabase(requiredEnv('MONGO_URL'), database))) console.error(`could not drop the database ${database} within 60 s; drop it by hand`);
};
runBench(main, cleanUp, `stopping the reporting service and dropping ${database}`);
