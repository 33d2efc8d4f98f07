import { Registry } from 'prom-client';
import type { DeadLetter } from './dead-letter.publisher';
import { ProjectionBatchProcessor } from './projection-batch.processor';
import type { TrackedDocument } from './projection.fold';
import { ProjectionMetrics } from './projection.metrics';
import { DocumentChange, ProjectionWriteConflictError } from './projection.store';
import { LogLine, asKafkaMessages, recordingLogger } from './test-support/kafka-test.helpers';
import {
  CaseActivity,
  ReintegrationCaseOpened,
  ReintegrationSupportRecorded,
  caseActivityProjection,
  caseStream,
  reintegrationCatalog,
} from './test-support/reintegration-case.fixture';

/** A document store in memory that another writer beats to the first save. */
class ContendedStore {
  readonly documents = new Map<string, TrackedDocument<CaseActivity>>();
  saves = 0;
  constructor(private conflicts: number) {}

  async load(ids: readonly string[]) {
    return new Map(ids.flatMap((id) => (this.documents.has(id) ? [[id, this.documents.get(id)!] as const] : [])));
  }

  async save(changes: readonly DocumentChange<CaseActivity>[]) {
    this.saves += 1;
    if (this.conflicts > 0) {
      this.conflicts -= 1;
      throw new ProjectionWriteConflictError('contended');
    }
    for (const change of changes) this.documents.set(change.documentId, change.document);
  }
}

function processorWith(store: ContendedStore, maxWriteAttempts = 3) {
  const sent: DeadLetter[] = [];
  const logs: LogLine[] = [];
  const processor = new ProjectionBatchProcessor({
    projection: caseActivityProjection({ collection: 'unused', topics: ['cases'] }),
    catalog: reintegrationCatalog(),
    store,
    deadLetters: { publish: async (letters: readonly DeadLetter[]) => void sent.push(...letters) },
    metrics: new ProjectionMetrics('case-activity', new Registry()),
    logger: recordingLogger(logs),
    now: () => Date.parse('2025-03-02T00:00:00Z'),
    maxWriteAttempts,
  });
  return { processor, sent, logs };
}

describe('ProjectionBatchProcessor', () => {
  const stream = caseStream('reintegration-case-1');
  const messages = asKafkaMessages([
    stream.next(ReintegrationCaseOpened.type, { caseRef: 'RC-1', country: 'NE' }, 2),
    stream.next(ReintegrationSupportRecorded.type, { amountCents: 500, caseworkerNote: 'x' }),
  ]);

  it('applies the batch again from fresh documents when another writer got there first', async () => {
    const store = new ContendedStore(1);
    const { processor, sent, logs } = processorWith(store);
    await processor.process({ topic: 'cases', partition: 0, messages });
    expect(store.saves).toBe(2);
    expect(store.documents.get('reintegration-case-1')).toMatchObject({ revision: 2n, doc: { eventCount: 2, supportCents: 500 } });
    expect(sent).toEqual([]);
    expect(logs.map((line) => line.message)).toEqual(['write conflict; applying the batch again']);
  });

  it('beats the consumer group\'s heartbeat between the phases of a batch, so a long batch keeps its membership', async () => {
    const steps: string[] = [];
    const store = new ContendedStore(1);
    const recording = {
      load: async (ids: readonly string[]) => (steps.push('load'), store.load(ids)),
      save: async (changes: readonly DocumentChange<CaseActivity>[]) => (steps.push('save'), store.save(changes)),
    };
    const processor = new ProjectionBatchProcessor({
      projection: caseActivityProjection({ collection: 'unused', topics: ['cases'] }),
      catalog: reintegrationCatalog(),
      store: recording,
      deadLetters: { publish: async () => void steps.push('dead letters') },
      metrics: new ProjectionMetrics('case-activity', new Registry()),
      logger: recordingLogger([]),
      now: () => Date.parse('2025-03-02T00:00:00Z'),
      maxWriteAttempts: 3,
    });
    await processor.process({ topic: 'cases', partition: 0, messages }, async () => void steps.push('heartbeat'));
    // The first save meets another writer; the batch is loaded and written again, with heartbeats all along.
    expect(steps).toEqual(['heartbeat', 'load', 'heartbeat', 'heartbeat', 'save', 'load', 'heartbeat', 'heartbeat', 'save', 'heartbeat', 'dead letters', 'heartbeat']);
    expect(store.documents.get('reintegration-case-1')).toMatchObject({ revision: 2n });
  });

  it('gives up after the last attempt, so the offset is not committed and the batch comes back', async () => {
    const store = new ContendedStore(2);
    const { processor } = processorWith(store, 2);
    await expect(processor.process({ topic: 'cases', partition: 0, messages })).rejects.toBeInstanceOf(ProjectionWriteConflictError);
  });
});
