import { DynamicModule, Type } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { EVENT_TOPICS, KafkaModule, KafkaReadiness } from '@eutf/messaging';
import { z } from 'zod';
import { EventStoreModule, EventStoreReadiness } from './event-store/event-store.module';
import { HealthModule } from './health/health.module';
import { MongoReadiness } from './health/mongo.readiness';
import { PostgresReadiness } from './health/postgres.readiness';
import { ReadinessCheck } from './health/readiness-check';
import { LoggingModule } from './logging/logging.module';
import { PostgresModule } from './postgres/postgres.module';
import { kafkaBrokers, mongoUrl, postgresUrl, serviceBase } from './config/variables';

/** The environment of a command service: it owns an event store in PostgreSQL and publishes to Kafka. */
export const commandServiceEnvironment = (defaultPort: number) =>
  z.object({ ...serviceBase(defaultPort), DATABASE_URL: postgresUrl, KAFKA_BROKERS: kafkaBrokers });
export type CommandServiceConfig = z.infer<ReturnType<typeof commandServiceEnvironment>>;

/** The environment of the reporting service: it consumes Kafka and keeps read models in MongoDB. */
export const readModelServiceEnvironment = (defaultPort: number) =>
  z.object({ ...serviceBase(defaultPort), KAFKA_BROKERS: kafkaBrokers, MONGO_URL: mongoUrl });
export type ReadModelServiceConfig = z.infer<ReturnType<typeof readModelServiceEnvironment>>;

/**
 * Logging, PostgreSQL (the service's own schema), its event store and the relay to its Kafka
 * topic, health and metrics for a command service.
 */
export function commandServiceInfrastructure(service: keyof typeof EVENT_TOPICS, config: CommandServiceConfig): DynamicModule[] {
  return [
    LoggingModule.forService(service, config.LOG_LEVEL),
    PostgresModule.forRoot({ connectionString: config.DATABASE_URL, schema: service, applicationName: service }),
    KafkaModule.forRoot({ clientId: service, brokers: config.KAFKA_BROKERS }),
    EventStoreModule.forService({ service, topic: EVENT_TOPICS[service] }),
    HealthModule.forService([PostgresReadiness, KafkaReadiness, EventStoreReadiness] as Type<ReadinessCheck>[]),
  ];
}

/** Logging, MongoDB, Kafka, health and metrics for the reporting service. */
export function readModelServiceInfrastructure(service: string, config: ReadModelServiceConfig): DynamicModule[] {
  return [
    LoggingModule.forService(service, config.LOG_LEVEL),
    // Connect lazily and fail fast, so the service starts while MongoDB is away and says so on /health/ready.
    MongooseModule.forRoot(config.MONGO_URL, { serverSelectionTimeoutMS: 3_000, lazyConnection: true }),
    KafkaModule.forRoot({ clientId: service, brokers: config.KAFKA_BROKERS }),
    HealthModule.forService([MongoReadiness, KafkaReadiness] as Type<ReadinessCheck>[]),
  ];
}
