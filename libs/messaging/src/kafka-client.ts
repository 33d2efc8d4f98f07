import { Kafka, KafkaConfig, Partitioners, ProducerConfig, logLevel } from 'kafkajs';
import pino from 'pino';

export interface KafkaConnection {
  clientId: string;
  brokers: string[];
  /** The pino level of the client's own logs (the service's `LOG_LEVEL`); info by default. */
  logLevel?: string;
}

const kafkajsLevels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** kafkajs logs through pino, like everything else, as JSON lines. */
function pinoLogCreator(clientId: string, level = 'info') {
  const logger = pino({ name: `kafkajs:${clientId}`, level });
  return () =>
    ({ level, log }: { level: number; log: { message: string } & Record<string, unknown> }) => {
      const { message, ...rest } = log;
      logger[kafkajsLevels[level] ?? 'info'](rest, message);
    };
}

/** The kafkajs settings every client of ours uses (the Nest transport included). */
export function kafkaClientConfig(connection: KafkaConnection): KafkaConfig {
  return {
    clientId: connection.clientId,
    brokers: connection.brokers,
    connectionTimeout: 3_000,
    logLevel: logLevel.WARN,
    logCreator: pinoLogCreator(connection.clientId, connection.logLevel),
    retry: { initialRetryTime: 200, retries: 8 },
  };
}

export function createKafka(connection: KafkaConnection): Kafka {
  return new Kafka(kafkaClientConfig(connection));
}

/**
 * Every producer of ours: idempotent, keyed partitioning compatible with Java clients (so a stream's
 * events always land on one partition), and retries bounded by time rather than by count, since an
 * idempotent producer must not give up after a fixed number of attempts.
 */
export const producerConfig: ProducerConfig = {
  idempotent: true,
  allowAutoTopicCreation: false,
  maxInFlightRequests: 1,
  createPartitioner: Partitioners.DefaultPartitioner,
  retry: { retries: Number.MAX_SAFE_INTEGER, maxRetryTime: 30_000 },
};
