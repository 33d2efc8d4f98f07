import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EVENT_TOPICS, REPORTING_DEAD_LETTER_TOPIC } from '@eutf/messaging';

/** The name as infra/kafka/topics.json declares it, without the run's namespace. */

const root = resolve(__dirname, '../..');

interface TopicDeclaration {
  name: string;
  partitions: number;
  config: Record<string, string>;
}

describe('the declarative topic list (infra/kafka/topics.json)', () => {
  const { topics } = JSON.parse(readFileSync(join(root, 'infra/kafka/topics.json'), 'utf8')) as {
    topics: TopicDeclaration[];
  };
  const byName = new Map(topics.map((topic) => [topic.name, topic]));

  it.each(Object.values(EVENT_TOPICS))('declares the event topic %s, kept forever', (name) => {
    expect(byName.get(name)?.config['retention.ms']).toBe('-1');
    expect(byName.get(name)?.partitions).toBeGreaterThan(0);
  });

  it('declares the reporting dead-letter topic', () => {
    expect(byName.has(REPORTING_DEAD_LETTER_TOPIC)).toBe(true);
  });

  it('declares nothing the code does not use', () => {
    expect([...byName.keys()].sort()).toEqual([...Object.values(EVENT_TOPICS), REPORTING_DEAD_LETTER_TOPIC].sort());
  });
});
