import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@eutf/event-sourcing';
import { CE, createKafka, producerConfig, toKafkaMessage } from '@eutf/messaging';
import { createPostgresPool } from '@eutf/event-store-postgres';
import { requireInfrastructure } from '@eutf/testing';
import type { Admin, Kafka, KafkaMessage, Message, Producer } from 'kafkajs';
import mongoose, { type Connection } from 'mongoose';
import type { Pool } from 'pg';
import { Registry } from 'prom-client';
import { DEAD_LETTER_HEADERS } from './dead-letter.publisher';
import { applyInMemory } from './in-memory.projector';
import { mongoProjectionStores, type StoredProjectionDocument } from './mongo-projection.store';
import { postgresProjectionStores } from './postgres-projection.store';
import { ProjectionRunner, startProjectionRunners, type ProjectionRunnerOptions } from './projection.runner';
import type { ProjectionStores } from './projection.store';
import {
  CASEWORKER_ASSIGNED,
  ReintegrationCaseClosed,
  ReintegrationCaseOpened,
  ReintegrationSupportRecorded,
  caseActivityProjection,
  caseStream,
  reintegrationCatalog,
} from './test-support/reintegration-case.fixture';
import { LogLine, TopicRecorder, createTopic, eventually, header, recordingLogger, waitUntilCaughtUp } from './test-support/kafka-test.helpers';

const SOURCE = 'urn:eutf:test:projections';
/** Data a log must never carry: it stands for what a caseworker writes about a returnee. */
const SENSITIVE_NOTE = `sensitive-note-${randomUUID()}`;

describe('ProjectionRunner on real Kafka, FerretDB and PostgreSQL', () => {
  const run = randomUUID().slice(0, 8);
  const deadLetterTopic = `test.projections.dead-letter.${run}`;
  const topics: string[] = [deadLetterTopic];
  const collections: string[] = [];
  const groups: string[] = [];
  const runners: ProjectionRunner<object>[] = [];
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let connection: Connection;
  let pool: Pool;
  /** Where a command service would keep its own views: a schema of this run's. */
  const viewSchema = `projection_views_${run}`;
  let deadLetters: TopicRecorder;

  beforeAll(async () => {
    const endpoints = await requireInfrastructure(['kafka', 'mongodb', 'postgresql']);
    kafka = createKafka({ clientId: `projections-test-${run}`, brokers: endpoints.kafka.split(',') });
    admin = kafka.admin();
    await admin.connect();
    await createTopic(admin, deadLetterTopic, 1);
    producer = kafka.producer(producerConfig);
    await producer.connect();
    connection = await mongoose.createConnection(endpoints.mongodb).asPromise();
    pool = createPostgresPool({ connectionString: endpoints.postgresql, schema: 'public', applicationName: 'projection-runner-test' });
    deadLetters = new TopicRecorder(kafka, deadLetterTopic);
    groups.push(deadLetters.groupId);
    await deadLetters.start();
  });

  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
  });

  afterAll(async () => {
    await deadLetters?.stop();
    await producer?.disconnect();
    if (admin) {
      if (groups.length > 0) await admin.deleteGroups(groups).catch(() => undefined);
      await admin.deleteTopics({ topics }).catch(() => undefined);
      await admin.disconnect();
    }
    if (connection) {
      for (const collection of collections) await connection.dropCollection(collection).catch(() => undefined);
      await connection.close();
    }
    if (pool) {
      await pool.query(`DROP SCHEMA IF EXISTS "${viewSchema}" CASCADE`);
      await pool.end();
    }
  });

  /** A projection of its own: a fresh topic, collection, consumer group and metrics registry. */
  async function startCaseActivity(
    name: string,
    stores: ProjectionStores = mongoProjectionStores(connection),
    consumer: ProjectionRunnerOptions<object>['consumer'] = {},
    /** Published before the runner first starts: a history its group has committed nothing of. */
    history: RecordedEvent[] = [],
  ) {
    const topic = `test.projections.${name}.${run}`;
    const collection = `test_case_activity_${name.replace(/-/g, '_')}_${run}`;
    const groupId = `test.projections.${name}.${run}`;
    await createTopic(admin, topic, 3);
    topics.push(topic);
    collections.push(collection);
    groups.push(groupId);
    const projection = caseActivityProjection({ collection, topics: [topic] });
    const registry = new Registry();
    const logs: LogLine[] = [];
    const runner = new ProjectionRunner({
      projection,
      kafka,
      store: stores.of(projection),
      catalog: reintegrationCatalog(),
      groupId,
      deadLetterTopic,
      registry,
      logger: recordingLogger(logs),
      consumer: { maxWaitTimeInMs: 250, ...consumer },
    });
    runners.push(runner as ProjectionRunner<object>);
    if (history.length > 0) await producer.send({ topic, acks: -1, messages: history.map((event) => toKafkaMessage(event, SOURCE)) });
    await runner.start();

    return {
      topic,
      projection,
      store: stores.of(projection),
      runner,
      logs,
      send: (messages: Message[]) => producer.send({ topic, acks: -1, messages }),
      publish: (events: RecordedEvent[]) => producer.send({ topic, acks: -1, messages: events.map((event) => toKafkaMessage(event, SOURCE)) }),
      caughtUp: () => waitUntilCaughtUp(admin, groupId, [topic]),
      documents: () =>
        connection.collection<StoredProjectionDocument>(collection).find({}).sort({ _id: 1 }).toArray(),
      document: (id: string) => connection.collection<StoredProjectionDocument>(collection).findOne({ _id: id }),
      count: async (outcome: string) => {
        const metric = await registry.getSingleMetric('eutf_projection_events_total')?.get();
        return metric?.values.find((value) => value.labels['outcome'] === outcome)?.value ?? 0;
      },
      lagSeconds: async () => (await registry.getSingleMetric('eutf_projection_lag_seconds')?.get())?.values[0]?.value,
    };
  }

  const deadLettersFrom = (topic: string) =>
    deadLetters.messages.filter((message) => header(message, DEAD_LETTER_HEADERS.originalTopic) === topic);

  const waitForDeadLetters = (topic: string, count: number) =>
    eventually(`${count} dead letters from ${topic}`, async () => {
      const letters = deadLettersFrom(topic);
      return letters.length >= count ? letters : undefined;
    });

  /** A stream of a reintegration case: opened, supported twice, closed. */
  function caseEvents(streamId: string) {
    const stream = caseStream(streamId);
    return [
      stream.next(ReintegrationCaseOpened.type, { caseRef: streamId, country: 'NE' }, 2),
      stream.next(ReintegrationSupportRecorded.type, { amountCents: 12_500, caseworkerNote: SENSITIVE_NOTE }),
      stream.next(ReintegrationSupportRecorded.type, { amountCents: 7_500, caseworkerNote: SENSITIVE_NOTE }),
      stream.next(ReintegrationCaseClosed.type, { outcome: 'completed' }),
    ];
  }

  it('leaves a document delivered the same event twice identical to one that got it once', async () => {
    const activity = await startCaseActivity('duplicates');
    const [opened, supported, supportedAgain, closed] = caseEvents(`reintegration-case-${randomUUID()}`) as RecordedEvent[] as [
      RecordedEvent,
      RecordedEvent,
      RecordedEvent,
      RecordedEvent,
    ];
    await activity.publish([opened, supported, supportedAgain, closed]);
    await activity.caughtUp();
    const once = await activity.document(opened.streamId);

    // The relay delivers at least once: the same messages again, in one batch and in the next.
    await activity.publish([supported, supported]);
    await activity.publish([closed, opened]);
    await activity.caughtUp();

    expect(await activity.document(opened.streamId)).toEqual(once);
    expect(once).toMatchObject({ eventCount: 4, supportCents: 20_000, status: 'closed', _rev: '4' });
    expect(once?.['appliedEventIds']).toEqual([opened.eventId, supported.eventId, supportedAgain.eventId, closed.eventId]);
    expect(await activity.count('skipped')).toBe(4);
    expect(await activity.count('applied')).toBe(4);
    expect(deadLettersFrom(activity.topic)).toEqual([]);
  });

  it('is idempotent if run twice: rebuilding from the whole topic, twice, ends with the same documents', async () => {
    const activity = await startCaseActivity('rebuild');
    const streams = Array.from({ length: 6 }, () => caseEvents(`reintegration-case-${randomUUID()}`));
    // An old (v1) opening, upcast on the way in, and an event type the projection does not handle.
    const legacy = caseStream(`reintegration-case-${randomUUID()}`);
    streams.push([
      legacy.next(ReintegrationCaseOpened.type, { caseRef: 'RC-LEGACY' }, 1),
      legacy.next(CASEWORKER_ASSIGNED, { caseworker: 'cw-3' }),
      legacy.next(ReintegrationSupportRecorded.type, { amountCents: 3_000, caseworkerNote: SENSITIVE_NOTE }),
    ]);
    const events = streams.flat();
    await activity.publish(events);
    await activity.caughtUp();
    const firstBuild = await activity.documents();

    expect(firstBuild).toHaveLength(7);
    const inMemory = applyInMemory(activity.projection, events, { catalog: reintegrationCatalog() });
    expect(Object.fromEntries(firstBuild.map(({ _id, _rev: _r, _streamVersions: _s, ...doc }) => [_id, doc]))).toEqual(Object.fromEntries(inMemory));
    expect(await activity.document(legacy.streamId)).toMatchObject({ country: 'ZZ', eventCount: 2, _rev: '3' });

    await activity.runner.rebuild();
    await activity.caughtUp();
    expect(await activity.documents()).toEqual(firstBuild);

    await activity.runner.rebuild();
    await activity.caughtUp();
    expect(await activity.documents()).toEqual(firstBuild);
    expect(await activity.count('ignored')).toBe(3);
    // Its first start (an empty topic) and each rebuild caught up in memory: 0, then all 27 events.
    expect(activity.logs.filter((line) => line.message === 'projection caught up in memory').map((line) => line.fields['events'])).toEqual([0, 27, 27]);
    expect(await activity.lagSeconds()).toBeGreaterThan(0);
    expect(deadLettersFrom(activity.topic)).toEqual([]);
  });

  it('catches up in memory when its group has committed nothing: each document written once, dead letters sent, then live from where it stopped', async () => {
    const streams = Array.from({ length: 5 }, () => caseEvents(`reintegration-case-${randomUUID()}`));
    const [gapOpened, , , gapClosed] = caseEvents(`reintegration-case-${randomUUID()}`) as [RecordedEvent, RecordedEvent, RecordedEvent, RecordedEvent];
    const history = [...streams.flat(), gapOpened, gapClosed];
    const writes: string[] = [];
    const mongo = mongoProjectionStores(connection);
    const countingStores: ProjectionStores = {
      of: (projection) => {
        const store = mongo.of(projection);
        return Object.assign(Object.create(store) as typeof store, {
          save: (changes: Parameters<typeof store.save>[0]) => (writes.push(...changes.map((change) => change.documentId)), store.save(changes)),
        });
      },
    };
    const activity = await startCaseActivity('catch-up', countingStores, {}, history);
    await activity.caughtUp();

    const caughtUp = activity.logs.filter((line) => line.message === 'projection caught up in memory');
    expect(caughtUp.map((line) => [line.fields['events'], line.fields['documents']])).toEqual([[22, 6]]);
    expect(writes.sort()).toEqual([...streams.map(([opened]) => opened!.streamId), gapOpened.streamId].sort());
    const [letter] = await waitForDeadLetters(activity.topic, 1);
    expect(header(letter!, DEAD_LETTER_HEADERS.reason)).toBe(`gap: stream ${gapOpened.streamId} expected version 2, got 4`);

    // Then it consumes live, from where the catch-up stopped: nothing folded twice.
    const later = caseEvents(`reintegration-case-${randomUUID()}`);
    await activity.publish(later);
    await activity.caughtUp();
    const everything = applyInMemory(activity.projection, [...streams.flat(), gapOpened, ...later], { catalog: reintegrationCatalog() });
    const stored = await activity.documents();
    expect(Object.fromEntries(stored.map(({ _id, _rev: _r, _streamVersions: _s, ...doc }) => [_id, doc]))).toEqual(Object.fromEntries(everything));
    expect(await activity.count('applied')).toBe(5 * 4 + 1 + 4);
    expect(await activity.count('skipped')).toBe(0);
    expect(deadLettersFrom(activity.topic)).toHaveLength(1);
  });

  it('starts several projections of one topic together: the topic read once for all their catch-ups, each then consuming on its own', async () => {
    const topic = `test.projections.together.${run}`;
    await createTopic(admin, topic, 3);
    topics.push(topic);
    const history = Array.from({ length: 3 }, () => caseEvents(`reintegration-case-${randomUUID()}`)).flat();
    await producer.send({ topic, acks: -1, messages: history.map((event) => toKafkaMessage(event, SOURCE)) });
    const consumerGroups: string[] = [];
    const countingKafka = Object.assign(Object.create(kafka) as Kafka, {
      consumer: (config: Parameters<Kafka['consumer']>[0]) => (consumerGroups.push(config.groupId), kafka.consumer(config)),
    });
    const logs: LogLine[] = [];
    const started = ['first', 'second'].map((name) => {
      const collection = `test_case_activity_together_${name}_${run}`;
      const groupId = `test.projections.together.${name}.${run}`;
      collections.push(collection);
      groups.push(groupId);
      const projection = caseActivityProjection({ collection, topics: [topic] });
      const runner = new ProjectionRunner({ projection, kafka: countingKafka, store: mongoProjectionStores(connection).of(projection), catalog: reintegrationCatalog(), groupId, deadLetterTopic, registry: new Registry(), logger: recordingLogger(logs), consumer: { maxWaitTimeInMs: 250 } });
      runners.push(runner as ProjectionRunner<object>);
      return { runner, groupId, collection };
    });
    await startProjectionRunners(started.map(({ runner }) => runner as ProjectionRunner<object>));
    for (const { groupId } of started) await waitUntilCaughtUp(admin, groupId, [topic]);

    expect(consumerGroups.filter((group) => group.includes('.catch-up.'))).toHaveLength(1);
    // In each projection's own group: the short-lived member that moves its offsets to the catch-up's ends, then the live consumer.
    expect(consumerGroups.filter((group) => !group.includes('.catch-up.')).sort()).toEqual(started.flatMap(({ groupId }) => [groupId, groupId]).sort());
    expect(logs.filter((line) => line.message === 'projection caught up in memory').map((line) => line.fields['events'])).toEqual([12, 12]);
    const expected = Object.fromEntries(applyInMemory(caseActivityProjection({ collection: 'x', topics: [topic] }), history, { catalog: reintegrationCatalog() }));
    for (const { collection } of started) {
      const stored = await connection.collection<StoredProjectionDocument>(collection).find({}).toArray();
      expect(Object.fromEntries(stored.map(({ _id, _rev: _r, _streamVersions: _s, ...doc }) => [_id, doc]))).toEqual(expected);
    }
  });

  it('keeps its place in the consumer group through a batch that outlasts the session: the batch is applied once', async () => {
    // Loading and writing a batch each take longer than half the session (the broker's shortest,
    // 6 s): silent from fetch to commit, the member would be dropped and fetch the batch again.
    const loads: string[][] = [];
    const mongo = mongoProjectionStores(connection);
    const slowly = async <T>(work: () => Promise<T>) => (await new Promise((resolve) => setTimeout(resolve, 4_000)), work());
    const slowStores: ProjectionStores = {
      of: (projection) => {
        const store = mongo.of(projection);
        return Object.assign(Object.create(store) as typeof store, {
          load: (ids: readonly string[]) => (loads.push([...ids]), slowly(() => store.load(ids))),
          save: (changes: Parameters<typeof store.save>[0]) => slowly(() => store.save(changes)),
        });
      },
    };
    const activity = await startCaseActivity('long-batch', slowStores, { sessionTimeout: 6_000, heartbeatInterval: 500 });
    const events = caseEvents(`reintegration-case-${randomUUID()}`);
    await activity.publish(events);
    await activity.caughtUp();

    expect(loads).toEqual([[events[0]?.streamId]]);
    expect(await activity.document(events[0]?.streamId ?? '')).toMatchObject({ eventCount: 4, status: 'closed', _rev: '4' });
    expect(await activity.count('applied')).toBe(4);
    expect(activity.logs.filter((line) => line.level === 'error')).toEqual([]);
  }, 90_000);

  it('reports a gap in stream versions on the dead-letter topic and does not apply it', async () => {
    const activity = await startCaseActivity('gap');
    const [opened, supported, , closed] = caseEvents(`reintegration-case-${randomUUID()}`) as [
      RecordedEvent,
      RecordedEvent,
      RecordedEvent,
      RecordedEvent,
    ];
    await activity.publish([opened, supported, closed]);
    await activity.caughtUp();

    const [letter] = await waitForDeadLetters(activity.topic, 1);
    const reason = `gap: stream ${opened.streamId} expected version 3, got 4`;
    expect(header(letter!, DEAD_LETTER_HEADERS.reason)).toBe(reason);
    expect(header(letter!, DEAD_LETTER_HEADERS.projection)).toBe('case-activity');
    expect(header(letter!, CE.id)).toBe(closed.eventId);
    expect(letter!.key?.toString()).toBe(opened.streamId);
    expect(await activity.document(opened.streamId)).toMatchObject({ eventCount: 2, status: 'open', _streamVersions: { [opened.streamId]: '2' } });
    expect(await activity.count('dead_lettered')).toBe(1);

    const warning = activity.logs.find((line) => line.level === 'warn');
    expect(warning?.fields).toMatchObject({ reason, eventId: closed.eventId, streamVersion: '4' });
    expect(JSON.stringify(activity.logs)).not.toContain(SENSITIVE_NOTE);
  });

  it('dead-letters poison events with their reason while later events on the same partition are still applied', async () => {
    const activity = await startCaseActivity('poison');
    const onPartitionZero = (message: Message): Message => ({ ...message, partition: 0 });
    const garbled = caseStream(`reintegration-case-${randomUUID()}`).next(ReintegrationCaseOpened.type, { caseRef: 'RC-G', country: 'NE' }, 2);
    const invalidStream = caseStream(`reintegration-case-${randomUUID()}`);
    const invalid = invalidStream.next(ReintegrationCaseOpened.type, { caseRef: 'RC-I', country: 'Niger' }, 2);
    const afterInvalid = invalidStream.next(ReintegrationSupportRecorded.type, { amountCents: 100, caseworkerNote: SENSITIVE_NOTE });
    const refused = caseStream(`reintegration-case-${randomUUID()}`).next(ReintegrationSupportRecorded.type, {
      amountCents: 100,
      caseworkerNote: SENSITIVE_NOTE,
    });
    const [healthyOpened, healthySupported] = caseEvents(`reintegration-case-${randomUUID()}`) as [RecordedEvent, RecordedEvent];

    const garbledMessage = { ...toKafkaMessage(garbled, SOURCE), value: `{"caseRef": "RC-G", "note": "${SENSITIVE_NOTE}"` };
    await activity.send(
      [garbledMessage, ...[invalid, refused, healthyOpened, healthySupported, afterInvalid].map((event) => toKafkaMessage(event, SOURCE))].map(
        onPartitionZero,
      ),
    );
    await activity.caughtUp();

    const letters = await waitForDeadLetters(activity.topic, 4);
    const summary = letters.map((letter: KafkaMessage) => ({
      eventId: header(letter, CE.id),
      reason: header(letter, DEAD_LETTER_HEADERS.reason),
      partition: header(letter, DEAD_LETTER_HEADERS.originalPartition),
    }));
    expect(summary).toEqual([
      { eventId: garbled.eventId, reason: 'undecodable: Not one of our CloudEvents: the value is not JSON', partition: '0' },
      { eventId: invalid.eventId, reason: expect.stringMatching(/^unreadable: Invalid data for ReintegrationCaseOpened v2: country/), partition: '0' },
      { eventId: refused.eventId, reason: 'apply failed: support recorded before the case was opened', partition: '0' },
      { eventId: afterInvalid.eventId, reason: `gap: stream ${invalidStream.streamId} expected version 1, got 2`, partition: '0' },
    ]);
    // The original message travels unchanged: same key, value and headers, plus where it was.
    const [garbledLetter] = letters as [KafkaMessage];
    expect(garbledLetter.value?.toString()).toBe(garbledMessage.value);
    expect(garbledLetter.key?.toString()).toBe(garbled.streamId);
    expect(header(garbledLetter, CE.type)).toBe(ReintegrationCaseOpened.type);
    expect(header(garbledLetter, DEAD_LETTER_HEADERS.originalOffset)).toBe('0');

    expect(await activity.document(healthyOpened.streamId)).toMatchObject({ eventCount: 2, supportCents: 12_500 });
    for (const poisoned of [garbled, invalid, refused]) expect(await activity.document(poisoned.streamId)).toBeNull();
    expect(await activity.count('dead_lettered')).toBe(4);
    expect(await activity.count('applied')).toBe(2);
    expect(JSON.stringify(activity.logs)).not.toContain(SENSITIVE_NOTE);
  });

  it('keeps a command service\'s own view in PostgreSQL: duplicates skipped, and a rebuild ends with the same documents', async () => {
    const activity = await startCaseActivity('postgres-view', postgresProjectionStores({ pool, schema: viewSchema }));
    const streams = Array.from({ length: 4 }, () => caseEvents(`reintegration-case-${randomUUID()}`));
    const events = streams.flat();
    await activity.publish(events);
    // The relay delivers at least once.
    await activity.publish(streams.map(([opened]) => opened!));
    await activity.caughtUp();

    const inMemory = applyInMemory(activity.projection, events, { catalog: reintegrationCatalog() });
    const firstBuild = await activity.store.find({});
    expect(new Map(firstBuild.map((doc) => [doc.caseRef, doc]))).toEqual(inMemory);
    expect(await activity.count('skipped')).toBe(4);

    await activity.runner.rebuild();
    await activity.caughtUp();
    expect(await activity.store.find({})).toEqual(firstBuild);
    expect(deadLettersFrom(activity.topic)).toEqual([]);
  });
});
