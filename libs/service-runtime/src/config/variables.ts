import { z } from 'zod';

/** Reusable validators for the environment variables the services share. */

export const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

export const host = z.string().min(1).default('127.0.0.1');

export const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');

export const postgresUrl = z
  .string({ message: 'is required' })
  .refine((value) => /^postgres(ql)?:\/\/.+/.test(value), 'must be a postgres:// or postgresql:// URL');

export const mongoUrl = z
  .string({ message: 'is required' })
  .refine((value) => /^mongodb(\+srv)?:\/\/.+/.test(value), 'must be a mongodb:// URL');

/** A comma-separated list of host:port pairs, as Kafka clients expect. */
export const kafkaBrokers = z
  .string({ message: 'is required' })
  .transform((value) => value.split(',').map((broker) => broker.trim()).filter(Boolean))
  .refine(
    (brokers) => brokers.length > 0 && brokers.every((broker) => /^[^\s:]+:\d{1,5}$/.test(broker)),
    'must be a comma-separated list of host:port',
  );

/** What every HTTP service reads from its environment. */
export const serviceBase = (defaultPort: number) => ({
  PORT: port(defaultPort),
  HOST: host,
  LOG_LEVEL: logLevel,
  /** A prefix for every Kafka topic, so that test runs and a demo sharing a broker stay apart; none in production. */
  EUTF_TOPIC_NAMESPACE: z.string().regex(/^[A-Za-z0-9_-]{1,60}$/, 'letters, digits, "_" or "-"').optional(),
  /** How long a client may take to send a request's headers, then its whole request (a slow sender holds a connection). */
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
});

/** How many commands one caller (a token's subject) may send to a command service. */
export const commandRateLimit = {
  /** Sustained, a minute; 0 turns the limit off (a benchmark driving one token at full speed). */
  COMMAND_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(1_200),
  /** At once, after a quiet spell. */
  COMMAND_RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(200),
};

/**
 * How services verify bearer tokens: an OIDC issuer's JWKS in production, or a development
 * secret (HS256) on a developer's machine. Exactly one of the two must be configured.
 */
export const identity = {
  OIDC_JWKS_URL: z.url().optional(),
  OIDC_ISSUER: z.string().min(1).optional(),
  EUTF_DEV_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /**
   * The key report links (`POST /report-links`) are signed with. Without it, a service verifying
   * development tokens derives one from their secret, and a service behind OIDC signs no links.
   */
  EUTF_REPORT_LINK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Says this is a developer's machine: only then may the public development secret verify tokens. */
  EUTF_DEVELOPMENT: z.enum(['true', 'false']).optional(),
};
