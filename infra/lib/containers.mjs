import { createServer } from 'node:net';
import { log, run } from './process.mjs';
import { ports, repoRoot, requireFromRepo } from './paths.mjs';

/** The images the containers path runs; the same as docker-compose.yml. */
export const images = {
  postgres: 'postgres:17-alpine',
  kafka: 'apache/kafka:4.1.1',
  mongo: 'mongo:7.0',
};

/**
 * testcontainers' own probe: it throws "Could not find a working container runtime strategy"
 * when no engine answers. The docker client binary alone proves nothing.
 */
export async function containerRuntimeAvailable() {
  if (process.env.EUTF_NO_CONTAINERS === 'true') return false;
  try {
    const { getContainerRuntimeClient } = requireFromRepo('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

function freePort() {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePromise(port));
    });
  });
}

/**
 * Starts the missing servers as containers: with `docker compose` for `npm start` (they outlive the
 * command, like the native stack), with testcontainers for a test run (removed when it ends).
 */
export async function startContainers(keys, { preferCompose }) {
  if (preferCompose) {
    const serviceNames = { postgres: 'postgres', kafka: 'kafka', mongo: 'mongo' };
    log(`Docker: docker compose up ${keys.join(', ')}`);
    await run('docker', ['compose', 'up', '--detach', '--wait', ...keys.map((key) => serviceNames[key])], { cwd: repoRoot });
    const env = {};
    if (keys.includes('postgres')) env.DATABASE_URL = `postgresql://eutf:eutf@127.0.0.1:${ports.postgres}/eutf`;
    if (keys.includes('kafka')) env.KAFKA_BROKERS = `127.0.0.1:${ports.kafka}`;
    if (keys.includes('mongo')) env.MONGO_URL = `mongodb://127.0.0.1:${ports.mongo}/eutf_reporting`;
    // Compose-managed servers keep running for the next start, like the native stack; `docker compose down` stops them.
    return { env, stop: async () => {} };
  }

  const { GenericContainer, Wait } = requireFromRepo('testcontainers');
  const env = {};
  const containers = [];
  if (keys.includes('postgres')) {
    log(`testcontainers: starting ${images.postgres}`);
    const container = await new GenericContainer(images.postgres)
      .withEnvironment({ POSTGRES_USER: 'eutf', POSTGRES_PASSWORD: 'eutf', POSTGRES_DB: 'eutf' })
      .withExposedPorts(5432)
      .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
      .start();
    containers.push(container);
    env.DATABASE_URL = `postgresql://eutf:eutf@${container.getHost()}:${container.getMappedPort(5432)}/eutf`;
  }
  if (keys.includes('kafka')) {
    // Kafka tells clients where to reconnect, so the host port must be known before it starts.
    const hostPort = await freePort();
    log(`testcontainers: starting ${images.kafka}`);
    const container = await new GenericContainer(images.kafka)
      .withEnvironment({
        KAFKA_NODE_ID: '1',
        KAFKA_PROCESS_ROLES: 'broker,controller',
        KAFKA_LISTENERS: 'PLAINTEXT://0.0.0.0:9092,CONTROLLER://0.0.0.0:9093',
        KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://127.0.0.1:${hostPort}`,
        KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
        KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
        KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
        KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
        KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
        KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
        KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
        KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
      })
      .withExposedPorts({ container: 9092, host: hostPort })
      .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
      .start();
    containers.push(container);
    env.KAFKA_BROKERS = `127.0.0.1:${hostPort}`;
  }
  if (keys.includes('mongo')) {
    log(`testcontainers: starting ${images.mongo}`);
    const container = await new GenericContainer(images.mongo)
      .withExposedPorts(27017)
      .withWaitStrategy(Wait.forLogMessage(/Waiting for connections/))
      .start();
    containers.push(container);
    env.MONGO_URL = `mongodb://${container.getHost()}:${container.getMappedPort(27017)}/eutf_reporting`;
  }
  return {
    env,
    async stop() {
      await Promise.allSettled(containers.map((container) => container.stop()));
    },
  };
}
