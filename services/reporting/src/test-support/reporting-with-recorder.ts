import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ProblemDetailsFilter } from '@eutf/http-api';
import { createKafka, EVENT_TOPICS, topicIn } from '@eutf/messaging';
import { loadConfig } from '@eutf/service-runtime';
import { createTopicNamespace, deleteTopicNamespace } from '@eutf/service-testing';
import { requireInfrastructure } from '@eutf/testing';
import { AppModule } from '../app.module';
import { environment } from '../config';
import { EventRecorder } from './recorded-events';

export interface ReportingWithRecorder {
  /** Unique to this run: for ids that no other suite writes. */
  run: string;
  projectsTopic: string;
  disbursementsTopic: string;
  returnsTopic: string;
  /** The service; with `replicas`, the one numbered so (0, 1, …). */
  app(replica?: number): INestApplication;
  recorder(): EventRecorder;
}

/**
 * The reporting service in this process, on the real Kafka and MongoDB, with topics and a database
 * of its own, and an `EventRecorder` writing to those topics as the command services' relays would.
 * Registers its own beforeAll/afterAll: a spec calls it once at the top.
 */
export function reportingWithRecorderForSpec(name: string, { replicas = 1 }: { replicas?: number } = {}): ReportingWithRecorder {
  const run = randomUUID().replace(/-/g, '').slice(0, 10);
  const namespace = `${name}-${run}`;
  let brokers: string | undefined;
  const apps: INestApplication[] = [];
  let recorder: EventRecorder | undefined;

  beforeAll(async () => {
    const endpoints = await requireInfrastructure(['kafka', 'mongodb']);
    brokers = endpoints.kafka;
    await createTopicNamespace(brokers, namespace);
    const mongoUrl = new URL(endpoints.mongodb);
    mongoUrl.pathname = `/${name.replace(/-/g, '_')}_${run}`;
    const config = loadConfig(environment, { ...process.env, MONGO_URL: mongoUrl.toString(), CONSUMER_GROUP_PREFIX: `reporting-${name}-${run}`, EUTF_TOPIC_NAMESPACE: namespace });
    // Replicas share the database and the consumer groups, as a service's replicas do.
    for (let replica = 0; replica < replicas; replica += 1) {
      const moduleRef = await Test.createTestingModule({ imports: [AppModule.forConfig(config)] }).compile();
      const app = moduleRef.createNestApplication({ logger: false });
      app.useGlobalFilters(new ProblemDetailsFilter());
      await app.init();
      apps.push(app);
    }
    recorder = new EventRecorder(createKafka({ clientId: `${name}-test-${run}`, brokers: brokers.split(','), logLevel: 'warn' }));
    await recorder.connect();
  }, 60_000);

  afterAll(async () => {
    await recorder?.disconnect();
    for (const app of apps) await app.close();
    if (brokers) await deleteTopicNamespace(brokers, namespace);
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error(`the reporting service of ${name} is not started (use it inside a test)`);
    return value;
  };
  return { run, projectsTopic: topicIn(namespace, EVENT_TOPICS.projects), disbursementsTopic: topicIn(namespace, EVENT_TOPICS.disbursements), returnsTopic: topicIn(namespace, EVENT_TOPICS.returns), app: (replica = 0) => started(apps[replica]), recorder: () => started(recorder) };
}

/** Reads until the value is ready, for at most 30 s: reporting catches up with the topics in its own time. */
export async function eventually<T>(what: string, read: () => Promise<T>, ready: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (ready(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} never came: ${JSON.stringify(value)}`);
    await new Promise((done) => setTimeout(done, 200));
  }
}
