import { randomUUID } from 'node:crypto';
import { getConnectionToken } from '@nestjs/mongoose';
import { everyContextCatalog, HighLevelEngagementRecorded } from '@eutf/event-catalog';
import type { RecordedEvent } from '@eutf/event-sourcing';
import { createKafka, toKafkaMessage } from '@eutf/messaging';
import { requireInfrastructure } from '@eutf/testing';
import type { Connection } from 'mongoose';
import { register } from 'prom-client';
import { maliReturnsProject } from '../test-support/mali-returns-indicator';
import { reportingWithRecorderForSpec } from '../test-support/reporting-with-recorder';
import { AS_OF_CHECKPOINT_CHUNKS_COLLECTION, AS_OF_CHECKPOINTS_COLLECTION, type CheckpointRecord } from './as-of-checkpoints';
import { AsOfReadModels, checkpointInstantAtOrBefore } from './as-of-read-models';
import { CONSOLIDATED_REPORT_READ_MODELS } from './read-models.options';

const reporting = reportingWithRecorderForSpec('as-of-checkpoints');
const { run, projectsTopic } = reporting;
const catalog = everyContextCatalog();

/**
 * Writes events stamped with the `recordedAt` given, in the order given, each to the partition
 * given, as a relay catching up on a past history would: which events share a partition is what
 * the checkpoints are about, so it is chosen here rather than left to the keys' hashes.
 */
async function publishHistory(events: ReadonlyArray<{ streamId: string; type: string; data: unknown; recordedAt: string; partition: number }>): Promise<void> {
  const { kafka: brokers } = await requireInfrastructure(['kafka']);
  const producer = createKafka({ clientId: `as-of-checkpoints-${run}`, brokers: brokers.split(','), logLevel: 'warn' }).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const versions = new Map<string, bigint>();
  try {
    for (const [index, { streamId, type, data, recordedAt, partition }] of events.entries()) {
      const streamVersion = (versions.get(streamId) ?? 0n) + 1n;
      versions.set(streamId, streamVersion);
      const event: RecordedEvent = {
        eventId: randomUUID(),
        type,
        schemaVersion: catalog.get(type).currentVersion,
        data,
        occurredAt: recordedAt,
        recordedAt,
        streamId,
        streamVersion,
        position: { commit: BigInt(index + 1), prepare: BigInt(index + 1) },
        metadata: { actor: { subject: 'test', role: 'delegation-officer', country: 'ML' }, correlationId: randomUUID(), causationId: null },
      };
      await producer.send({ topic: projectsTopic, acks: -1, messages: [{ ...toKafkaMessage(event, 'test'), partition }] });
    }
  } finally {
    await producer.disconnect();
  }
}

/** Projects a and b on partition 0, c and d on partition 1; the partnerships on partition 2. */
const projects = ['a', 'b', 'c', 'd'].map((letter, index) => ({ ...maliReturnsProject(`ML-CHECKPOINT-${letter}-${run}`), partition: index < 2 ? 0 : 1 }));
const [projectA, projectB] = projects as [(typeof projects)[number], (typeof projects)[number]];
const on = (project: (typeof projects)[number], event: { streamId: string; type: string; data: unknown }, recordedAt: string) => ({ ...event, recordedAt, partition: project.partition });
const day = (month: string, dayOfMonth: number, index: number) => `2019-${month}-${String(dayOfMonth).padStart(2, '0')}T10:0${index}:00.000Z`;

/**
 * January to March 2019, nothing from April to September, then October. On partition 0, b's
 * approval of r2, recorded at 23:50 on 28 February, commits after a's r3, recorded ten minutes
 * into March (a transaction that ran long); on partition 2, an engagement of 15 January reaches the
 * topic last of all (a relay that was far behind).
 */
const HISTORY = [
  ...projects.flatMap((project, index) => project.opened.map((event) => on(project, event, day('01', 2 + index, index)))),
  ...projects.map((project, index) => on(project, project.submitted('r1', 100 + index, '2018-10-01', '2018-12-31'), day('01', 20 + index, index))),
  ...projects.map((project, index) => on(project, project.approved('r1'), day('02', 10 + index, index))),
  ...projects.map((project, index) => on(project, project.submitted('r2', 200 + index, '2019-01-01', '2019-01-31'), day('02', 20 + index, index))),
  on(projectA, projectA.submitted('r3', 300, '2019-02-01', '2019-02-28'), '2019-03-01T00:10:00.000Z'),
  on(projectB, projectB.approved('r2'), '2019-02-28T23:50:00.000Z'),
  ...projects.filter((project) => project !== projectB).map((project, index) => on(project, project.approved('r2'), day('03', 5 + index, index))),
  ...projects.filter((project) => project !== projectA).map((project, index) => on(project, project.submitted('r3', 301 + index, '2019-02-01', '2019-02-28'), day('03', 15 + index, index))),
  ...projects.map((project, index) => on(project, project.approved('r3'), day('10', 7 + index, index))),
  { streamId: 'country-partnership-ML', type: 'HighLevelEngagementRecorded', data: HighLevelEngagementRecorded.example, recordedAt: '2019-10-20T09:00:00.000Z', partition: 2 },
  { streamId: 'country-partnership-NE', type: 'HighLevelEngagementRecorded', data: { ...HighLevelEngagementRecorded.example, entryId: 'late-2019-01' }, recordedAt: '2019-01-15T12:00:00.000Z', partition: 2 },
];

/** Every folded document, by read model and id, in an order of its own: what two folds are compared by. */
const sorted = (documents: ReadonlyMap<string, ReadonlyMap<string, object>>) =>
  Object.fromEntries([...documents].map(([name, byId]) => [name, Object.fromEntries([...byId].sort(([a], [b]) => (a < b ? -1 : 1)))]));

describe('checkpoints of folds as of past instants', () => {
  let asOf: AsOfReadModels;
  let connection: Connection;
  let records: CheckpointRecord[];

  beforeAll(async () => {
    asOf = reporting.app().get(AsOfReadModels);
    connection = reporting.app().get<Connection>(getConnectionToken());
    // The run the service starts with, over empty topics, is let finish first: it stores nothing.
    const runs = async () => ((await register.getSingleMetric('eutf_as_of_checkpoint_runs_total')?.get())?.values[0]?.value ?? 0) as number;
    const deadline = Date.now() + 30_000;
    while ((await runs()) < 1 && Date.now() < deadline) await new Promise((done) => setTimeout(done, 100));
    expect(await runs()).toBeGreaterThanOrEqual(1);
    await publishHistory(HISTORY);
    expect(await asOf.extendCheckpoints()).toBe(9);
    records = await connection.collection<CheckpointRecord>(AS_OF_CHECKPOINTS_COLLECTION).find({}).sort({ upTo: 1 }).toArray();
  }, 120_000);

  it('keeps one at each checkpoint instant (the 15th, the month end) the history has events before, and one at the last such instant', () => {
    const lastInstant = new Date(checkpointInstantAtOrBefore(Date.now() - 3_600_000)).toISOString();
    expect(records.map((record) => record.upTo.toISOString())).toEqual([
      '2019-01-15T23:59:59.000Z',
      '2019-01-31T23:59:59.000Z',
      '2019-02-15T23:59:59.000Z',
      '2019-02-28T23:59:59.000Z',
      '2019-03-15T23:59:59.000Z',
      '2019-03-31T23:59:59.000Z',
      '2019-10-15T23:59:59.000Z',
      '2019-10-31T23:59:59.000Z',
      lastInstant,
    ]);
    // Nothing was recorded after October: the last shares October's documents rather than storing them again.
    expect(records[8]?.chunks).toEqual(records[7]?.chunks);
    expect(records[0]?.documents).toBeGreaterThan(0);
  });

  it('carries on from the last one, storing nothing when no checkpoint instant passed since', async () => {
    expect(await asOf.extendCheckpoints()).toBe(0);
    expect(await connection.collection(AS_OF_CHECKPOINTS_COLLECTION).countDocuments({})).toBe(records.length);
  });

  it('folds, from the latest checkpoint at or before an instant, exactly what a fold from the start of the topics folds', async () => {
    const instants = [
      ['2019-01-15T12:00:00.000Z', undefined],
      ['2019-01-31T23:59:59.000Z', '2019-01-31T23:59:59.000Z'],
      ['2019-02-15T00:00:00.000Z', '2019-01-31T23:59:59.000Z'],
      // Between b's approval of r2 (23:50, committed after a's r3) and the month end.
      ['2019-02-28T23:55:00.000Z', '2019-02-15T23:59:59.000Z'],
      ['2019-02-28T23:59:59.000Z', '2019-02-28T23:59:59.000Z'],
      ['2019-03-01T00:05:00.000Z', '2019-02-28T23:59:59.000Z'],
      ['2019-03-16T12:00:00.000Z', '2019-03-15T23:59:59.000Z'],
      ['2019-06-30T12:00:00.000Z', '2019-03-31T23:59:59.000Z'],
      ['2019-10-31T23:59:59.000Z', '2019-10-31T23:59:59.000Z'],
      [new Date().toISOString(), records[8]?.upTo.toISOString()],
    ] as const;
    for (const [instant, checkpointUpTo] of instants) {
      const fromCheckpoint = await asOf.documentsAsOf(new Date(instant), CONSOLIDATED_REPORT_READ_MODELS);
      const fromStart = await asOf.documentsAsOf(new Date(instant), CONSOLIDATED_REPORT_READ_MODELS, { fromCheckpoint: false });
      expect([instant, fromCheckpoint.checkpoint?.upTo.toISOString()]).toEqual([instant, checkpointUpTo]);
      expect([instant, fromStart.checkpoint]).toEqual([instant, undefined]);
      expect([instant, sorted(fromCheckpoint.documents)]).toEqual([instant, sorted(fromStart.documents)]);
      expect([instant, fromCheckpoint.settled]).toEqual([instant, fromStart.settled]);
    }
  }, 120_000);

  it('folds in, from the month after, b’s approval recorded before the month end but committed after it', async () => {
    const figuresOfB = async (instant: string) => {
      const { documents, checkpoint } = await asOf.documentsAsOf(new Date(instant), CONSOLIDATED_REPORT_READ_MODELS);
      const entry = documents.get('project-register-3')?.get(`ML-CHECKPOINT-b-${run}`) as { resultFigures: Array<[string, string, string, string, string, number, string, string]> };
      return { checkpoint: checkpoint?.upTo.toISOString(), figures: entry.resultFigures.map(([resultId, , , , , value, , status]) => [resultId, value, status]) };
    };
    expect(await figuresOfB('2019-02-28T23:59:59.000Z')).toEqual({
      checkpoint: '2019-02-28T23:59:59.000Z',
      figures: [
        ['r1', 101, 'approved'],
        ['r2', 201, 'approved'],
      ],
    });
    expect(await figuresOfB('2019-02-28T23:49:59.999Z')).toEqual({
      checkpoint: '2019-02-15T23:59:59.000Z',
      figures: [
        ['r1', 101, 'approved'],
        ['r2', 201, 'pending-approval'],
      ],
    });
  });

  it('passes over a checkpoint it cannot read, folding from the start, and makes it again', async () => {
    const latest = records[8] as CheckpointRecord;
    await connection.collection(AS_OF_CHECKPOINT_CHUNKS_COLLECTION).deleteMany({ _id: { $in: latest.chunks } as never });
    const instant = new Date();
    const passedOver = await asOf.documentsAsOf(instant, CONSOLIDATED_REPORT_READ_MODELS);
    const fromStart = await asOf.documentsAsOf(instant, CONSOLIDATED_REPORT_READ_MODELS, { fromCheckpoint: false });
    expect(passedOver.checkpoint).toBeUndefined();
    expect(sorted(passedOver.documents)).toEqual(sorted(fromStart.documents));

    // It was dropped, with the one sharing its chunks; carrying them on makes both again from the one before.
    const left = await connection.collection<CheckpointRecord>(AS_OF_CHECKPOINTS_COLLECTION).find({}).sort({ upTo: 1 }).toArray();
    expect(left.map((record) => record._id)).toEqual(records.slice(0, 7).map((record) => record._id));
    expect(await asOf.extendCheckpoints()).toBe(2);
    const remade = await connection.collection<CheckpointRecord>(AS_OF_CHECKPOINTS_COLLECTION).find({}).sort({ upTo: 1 }).toArray();
    expect(remade.map((record) => record.upTo)).toEqual(records.map((record) => record.upTo));
    const fromRemade = await asOf.documentsAsOf(instant, CONSOLIDATED_REPORT_READ_MODELS);
    expect(fromRemade.checkpoint?._id).toBe(remade[8]?._id);
    expect(sorted(fromRemade.documents)).toEqual(sorted(fromStart.documents));
  }, 60_000);
});
