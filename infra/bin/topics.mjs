#!/usr/bin/env node
// Creates the topics of infra/kafka/topics.json on the brokers in KAFKA_BROKERS (used by docker-compose).
import { ensureTopics } from '../lib/topics.mjs';

const brokers = process.env.KAFKA_BROKERS;
if (!brokers) {
  console.error('KAFKA_BROKERS is required (host:port,...)');
  process.exit(2);
}
await ensureTopics(brokers);
