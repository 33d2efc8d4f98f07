/**
 * Writes a generated history (reports.history.ts) to a namespace's topics as the services' relays
 * would: one publisher per topic (idempotent, acks=all), a batch at a time per topic, one send in
 * flight per topic so each stream's events keep their order on their partition. `alsoWrite` is
 * given every month's events too, in order (the rebuild bench stores them in event stores).
 */
import type { RecordedEvent } from '@eutf/event-sourcing';
import { EVENT_TOPICS, KafkaEventPublisher, createKafka, topicIn, type EventTopic } from '@eutf/messaging';
import { secondsSince } from '@eutf/testing/bench';
import { generateHistory, type GeneratedEvent } from './reports.history';

export interface WrittenHistory {
  seconds: number;
  generatingSeconds: number;
  perTopic: Record<EventTopic, number>;
  perType: Map<string, number>;
}

export async function writeHistory(options: {
  brokers: string;
  namespace: string;
  clientId: string;
  projects: number;
  events: number;
  seed: number;
  batch: number;
  alsoWrite?: (events: readonly GeneratedEvent[]) => Promise<void>;
}): Promise<WrittenHistory> {
  const kafka = createKafka({ clientId: options.clientId, brokers: options.brokers.split(','), logLevel: 'warn' });
  const publishers = new Map<EventTopic, KafkaEventPublisher>(
    Object.values(EVENT_TOPICS).map((topic) => [topic, new KafkaEventPublisher(kafka, topicIn(options.namespace, topic), `eutf/${topic.split('.')[1]}`)]),
  );
  const history = generateHistory({ projects: options.projects, events: options.events, seed: options.seed });
  const pending = new Map<EventTopic, RecordedEvent[]>(Object.values(EVENT_TOPICS).map((topic) => [topic, []]));
  const inFlight = new Map<EventTopic, Promise<void>>();
  const flush = async (topic: EventTopic, all = false) => {
    const queue = pending.get(topic) as RecordedEvent[];
    while (queue.length >= options.batch || (all && queue.length > 0)) {
      await inFlight.get(topic);
      const chunk = queue.splice(0, options.batch);
      inFlight.set(topic, (publishers.get(topic) as KafkaEventPublisher).publish(chunk));
    }
  };
  let generatingSeconds = 0;
  const startedAt = process.hrtime.bigint();
  try {
    let written = 0;
    const months = history.months();
    for (;;) {
      const generating = process.hrtime.bigint();
      const next = months.next();
      generatingSeconds += secondsSince(generating);
      if (next.done) break;
      for (const { topic, event } of next.value) (pending.get(topic) as RecordedEvent[]).push(event);
      for (const topic of pending.keys()) await flush(topic);
      await options.alsoWrite?.(next.value);
      written += next.value.length;
      process.stderr.write(`\r  written ${written.toLocaleString('en-GB')} of ${options.events.toLocaleString('en-GB')} events`);
    }
    for (const topic of pending.keys()) await flush(topic, true);
    await Promise.all(inFlight.values());
    process.stderr.write('\n');
  } finally {
    await Promise.all([...publishers.values()].map((publisher) => publisher.close()));
  }
  return { seconds: secondsSince(startedAt), generatingSeconds, perTopic: history.perTopic, perType: history.perType };
}
