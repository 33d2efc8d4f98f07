// A relay as its own process, so a test can kill it for real (SIGKILL) in the middle of its work.
import { createKafka, KafkaEventPublisher } from '@eutf/messaging';
import { createPostgresPool } from '../src/pool';
import { OutboxRelay } from '../src/outbox-relay';

const { DATABASE_URL, KAFKA_BROKERS, RELAY_SCHEMA, RELAY_TOPIC, RELAY_BATCH_SIZE, RELAY_PUBLISH_DELAY_MS } = process.env;
if (!DATABASE_URL || !KAFKA_BROKERS || !RELAY_SCHEMA || !RELAY_TOPIC) {
  throw new Error('DATABASE_URL, KAFKA_BROKERS, RELAY_SCHEMA and RELAY_TOPIC are required');
}

const pool = createPostgresPool({ connectionString: DATABASE_URL, schema: RELAY_SCHEMA, applicationName: 'relay-fixture' });
const publisher = new KafkaEventPublisher(createKafka({ clientId: 'relay-fixture', brokers: KAFKA_BROKERS.split(',') }), RELAY_TOPIC, 'eutf/test');
// Slowed down so that the test's kill surely lands while batches are still in flight.
const delayMs = Number(RELAY_PUBLISH_DELAY_MS ?? 0);
const slowedPublisher = {
  publish: async (events: Parameters<KafkaEventPublisher['publish']>[0]) => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    await publisher.publish(events);
  },
};
const relay = new OutboxRelay({ pool, schema: RELAY_SCHEMA, relayName: 'kafka', publisher: slowedPublisher, batchSize: Number(RELAY_BATCH_SIZE ?? 50) });
relay.start();
process.stdout.write('relay started\n');

process.on('SIGTERM', async () => {
  await relay.stop();
  await publisher.close();
  await pool.end();
  process.exit(0);
});
