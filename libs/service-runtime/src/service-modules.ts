import { DynamicModule, Type } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { EVENT_TOPICS, KafkaModule, KafkaReadiness, topicIn } from '@eutf/messaging';
import { z } from 'zod';
import { EventStoreModule, EventStoreReadiness, PostgresModule } from '@eutf/event-store-postgres';
import { HealthModule } from './health/health.module';
import { MongoReadiness } from './health/mongo.readiness';
import { PostgresReadiness } from './health/postgres.readiness';
import { ReadinessCheck } from './health/readiness-check';
import { LoggingModule } from './logging/logging.module';
import { commandRateLimit, identity, kafkaBrokers, mongoUrl, postgresUrl, serviceBase } from './config/variables';
import { CommandRateLimitModule } from '@eutf/http-api';
import { DEVELOPMENT_ONLY_JWT_SECRET, IdentityModule, deriveReportLinkKey, type TokenVerifierOptions } from '@eutf/identity';

type IdentityConfig = {
  OIDC_JWKS_URL?: string | undefined;
  OIDC_ISSUER?: string | undefined;
  EUTF_DEV_JWT_SECRET?: string | undefined;
  EUTF_DEVELOPMENT?: 'true' | 'false' | undefined;
  EUTF_REPORT_LINK_SECRET?: string | undefined;
};

/** Exactly one way to verify tokens: an OIDC issuer (both variables), or a development secret. */
function oneWayToVerifyTokens(config: IdentityConfig, context: z.RefinementCtx): void {
  const oidc = config.OIDC_JWKS_URL !== undefined || config.OIDC_ISSUER !== undefined;
  if (oidc && (config.OIDC_JWKS_URL === undefined || config.OIDC_ISSUER === undefined)) {
    const missing = config.OIDC_JWKS_URL === undefined ? 'OIDC_JWKS_URL' : 'OIDC_ISSUER';
    context.addIssue({ code: 'custom', path: [missing], message: 'is required with the other OIDC variable' });
  } else if (config.EUTF_DEV_JWT_SECRET === DEVELOPMENT_ONLY_JWT_SECRET && config.EUTF_DEVELOPMENT !== 'true') {
    // Anyone can read this secret in the repository: anyone could sign tokens for any role.
    context.addIssue({
      code: 'custom',
      path: ['EUTF_DEV_JWT_SECRET'],
      message: 'is the public development secret; outside a developer\'s machine set OIDC_JWKS_URL and OIDC_ISSUER (on one, set EUTF_DEVELOPMENT=true)',
    });
  } else if (oidc === (config.EUTF_DEV_JWT_SECRET !== undefined)) {
    context.addIssue({
      code: 'custom',
      path: ['EUTF_DEV_JWT_SECRET'],
      message: oidc
        ? 'set either OIDC_JWKS_URL and OIDC_ISSUER, or EUTF_DEV_JWT_SECRET, not both'
        : 'is required unless OIDC_JWKS_URL and OIDC_ISSUER are set',
    });
  }
}

/** How tokens are verified, from the validated environment. */
export function tokenVerification(config: IdentityConfig): TokenVerifierOptions {
  if (config.OIDC_JWKS_URL && config.OIDC_ISSUER) return { kind: 'jwks', jwksUrl: config.OIDC_JWKS_URL, issuer: config.OIDC_ISSUER };
  return { kind: 'development', secret: config.EUTF_DEV_JWT_SECRET as string };
}

/**
 * The key report links are signed with: `EUTF_REPORT_LINK_SECRET`; without it, one derived from the
 * development token secret when that verifies tokens; none behind OIDC (no links are signed).
 */
export function reportLinkSecret(config: IdentityConfig): string | undefined {
  if (config.EUTF_REPORT_LINK_SECRET !== undefined) return config.EUTF_REPORT_LINK_SECRET;
  const verification = tokenVerification(config);
  return verification.kind === 'development' ? deriveReportLinkKey(verification.secret) : undefined;
}

/** The environment of a command service: it owns an event store in PostgreSQL and publishes to Kafka. */
export const commandServiceEnvironment = (defaultPort: number) =>
  z
    .object({
      ...serviceBase(defaultPort),
      ...identity,
      ...commandRateLimit,
      DATABASE_URL: postgresUrl,
      /** The service's schema in that database; its name by default (tests give each run its own). */
      DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'a plain lower-case SQL identifier').optional(),
      KAFKA_BROKERS: kafkaBrokers,
    })
    .superRefine(oneWayToVerifyTokens);
export type CommandServiceConfig = z.infer<ReturnType<typeof commandServiceEnvironment>>;

/** The environment of the reporting service: it consumes Kafka and keeps read models in MongoDB. */
export const readModelServiceEnvironment = (defaultPort: number) =>
  z
    .object({
      ...serviceBase(defaultPort),
      ...identity,
      KAFKA_BROKERS: kafkaBrokers,
      MONGO_URL: mongoUrl,
      /** Consumer groups are `<prefix>.<projection>`; the service's name by default (tests give each run its own). */
      CONSUMER_GROUP_PREFIX: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/).optional(),
      /** The projects service: the reports ask it for the free texts they show (reasons), never kept in MongoDB. */
      EUTF_PROJECTS_URL: z.url().default('http://127.0.0.1:3101'),
      /**
       * The bearer token the reporting service presents there (role hq-analyst). Behind OIDC, one the
       * identity provider issued to it; without it, a service verifying development tokens mints its own.
       */
      EUTF_SERVICE_TOKEN: z.string().min(1).optional(),
    })
    .superRefine(oneWayToVerifyTokens);
export type ReadModelServiceConfig = z.infer<ReturnType<typeof readModelServiceEnvironment>>;

/**
 * Logging, PostgreSQL (the service's own schema), its event store and the relay to its Kafka
 * topic, health and metrics for a command service.
 */
export function commandServiceInfrastructure(service: keyof typeof EVENT_TOPICS, config: CommandServiceConfig): DynamicModule[] {
  return [
    LoggingModule.forService(service, config.LOG_LEVEL),
    IdentityModule.forRoot(tokenVerification(config)),
    CommandRateLimitModule.forRoot({ perMinute: config.COMMAND_RATE_LIMIT_PER_MINUTE, burst: config.COMMAND_RATE_LIMIT_BURST }),
    PostgresModule.forRoot({ connectionString: config.DATABASE_URL, schema: config.DATABASE_SCHEMA ?? service, applicationName: service }),
    KafkaModule.forRoot({ clientId: service, brokers: config.KAFKA_BROKERS, logLevel: config.LOG_LEVEL }),
    EventStoreModule.forService({ service, schema: config.DATABASE_SCHEMA ?? service, topic: topicIn(config.EUTF_TOPIC_NAMESPACE, EVENT_TOPICS[service]) }),
    HealthModule.forService([PostgresReadiness, KafkaReadiness, EventStoreReadiness] as Type<ReadinessCheck>[]),
  ];
}

/** Logging, MongoDB, Kafka, health and metrics for the reporting service. */
export function readModelServiceInfrastructure(service: string, config: ReadModelServiceConfig): DynamicModule[] {
  return [
    LoggingModule.forService(service, config.LOG_LEVEL),
    IdentityModule.forRoot(tokenVerification(config), { secret: reportLinkSecret(config) }),
    // Connect lazily and fail fast, so the service starts while MongoDB is away and says so on /health/ready.
    MongooseModule.forRoot(config.MONGO_URL, { serverSelectionTimeoutMS: 3_000, lazyConnection: true }),
    KafkaModule.forRoot({ clientId: service, brokers: config.KAFKA_BROKERS, logLevel: config.LOG_LEVEL }),
    HealthModule.forService([MongoReadiness, KafkaReadiness] as Type<ReadinessCheck>[]),
  ];
}
