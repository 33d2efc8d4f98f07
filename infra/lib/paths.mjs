import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Data, logs, pids, jars and binaries of the native stack: one ignored folder. */
export const stateDir = resolve(process.env.EUTF_INFRA_DIR ?? join(repoRoot, '.infra'));

/** Loads the project's own npm dependencies (pg, kafkajs, mongoose) from plain .mjs scripts. */
export const requireFromRepo = createRequire(join(repoRoot, 'package.json'));

const portFromEnv = (name, fallback) => {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${name} must be a TCP port number, got "${value}"`);
  }
  return port;
};

/** Ports of our own, away from the usual 5432/9092/27017, so a developer's own servers do not clash. */
export const ports = {
  postgres: portFromEnv('EUTF_POSTGRES_PORT', 55432),
  kafka: portFromEnv('EUTF_KAFKA_PORT', 59092),
  kafkaController: portFromEnv('EUTF_KAFKA_CONTROLLER_PORT', 59093),
  mongo: portFromEnv('EUTF_MONGO_PORT', 57017),
};
