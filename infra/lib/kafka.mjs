import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandExists, isAlive, isPortOpen, log, readPid, run, spawnDetached, stopByPidFile, waitFor } from './process.mjs';
import { ports, repoRoot, stateDir } from './paths.mjs';
import { kafkaReachable } from './topics.mjs';

const home = join(stateDir, 'kafka');
const libsDir = join(home, 'libs');
const dataDir = join(home, 'data');
const logsDir = join(home, 'logs');
const pidFile = join(home, 'kafka.pid');
const configFile = join(home, 'server.properties');
const outFile = join(logsDir, 'kafka.out');
const pomFile = join(repoRoot, 'infra', 'kafka', 'pom.xml');

export const kafkaBrokers = () => `127.0.0.1:${ports.kafka}`;

const fingerprint = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** The official Kafka jars, resolved from Maven Central once and cached (~/.m2 and .infra/kafka/libs). */
export async function resolveKafkaJars() {
  const stamp = join(libsDir, '.pom-sha256');
  const wanted = fingerprint(pomFile);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return libsDir;
  for (const tool of ['java', 'mvn']) {
    if (!(await commandExists(tool))) {
      throw new Error(`Kafka: \`${tool}\` is not installed (the native stack needs Java 17 and Maven), or set KAFKA_BROKERS`);
    }
  }
  log('Kafka: resolving the Apache Kafka jars from Maven Central');
  await run('mvn', [
    '-B', '-q', '-f', pomFile, 'dependency:copy-dependencies',
    '-DincludeScope=runtime', `-DoutputDirectory=${libsDir}`, '-Dmdep.overWriteReleases=true',
  ]);
  writeFileSync(stamp, wanted);
  return libsDir;
}

function serverProperties() {
  return [
    '# Written by infra/lib/kafka.mjs: one node, KRaft mode, loopback only.',
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${ports.kafkaController}`,
    `listeners=PLAINTEXT://127.0.0.1:${ports.kafka},CONTROLLER://127.0.0.1:${ports.kafkaController}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${ports.kafka}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${dataDir}`,
    'num.partitions=3',
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    // Topics come from infra/kafka/topics.json only.
    'auto.create.topics.enable=false',
    'group.initial.rebalance.delay.ms=0',
    '',
  ].join('\n');
}

/**
 * A Kafka cluster id: 16 random bytes, URL-safe base64 without padding. One starting with '-'
 * (one in 64) is drawn again, as Kafka's own Uuid.randomUuid does: the storage tool would read it
 * as an option and refuse to format (a CI run failed so).
 */
function newClusterId() {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

export const kafka = {
  name: 'Kafka',
  endpoint: kafkaBrokers,

  async status() {
    return isAlive(readPid(pidFile)) ? `running on ${kafkaBrokers()} (pid ${readPid(pidFile)})` : 'stopped';
  },

  async up() {
    if (isAlive(readPid(pidFile))) {
      log(`Kafka already running on ${kafkaBrokers()}`);
      await waitFor(() => kafkaReachable(kafkaBrokers()), { what: 'Kafka', timeoutMs: 90_000, logFile: outFile });
      return false;
    }
    for (const port of [ports.kafka, ports.kafkaController]) {
      if (await isPortOpen(port)) {
        throw new Error(`Kafka: port ${port} is taken by another program; set EUTF_KAFKA_PORT / EUTF_KAFKA_CONTROLLER_PORT or KAFKA_BROKERS`);
      }
    }
    await resolveKafkaJars();
    mkdirSync(dataDir, { recursive: true });
    mkdirSync(logsDir, { recursive: true });
    writeFileSync(configFile, serverProperties());
    const classpath = `${libsDir}/*`;
    if (!existsSync(join(dataDir, 'meta.properties'))) {
      log('Kafka: formatting storage (KRaft)');
      await run('java', ['-cp', classpath, 'kafka.tools.StorageTool', 'format', '-t', newClusterId(), '-c', configFile]);
    }
    log(`Kafka: starting on ${kafkaBrokers()}`);
    spawnDetached(
      'java',
      [
        '-Xms256m', '-Xmx768m', '-XX:+UseG1GC', '-Djava.awt.headless=true',
        `-Dlog4j2.configurationFile=${join(repoRoot, 'infra', 'kafka', 'log4j2.properties')}`,
        `-Dkafka.logs.dir=${logsDir}`,
        '-cp', classpath, 'kafka.Kafka', configFile,
      ],
      { logFile: outFile, pidFile },
    );
    await waitFor(
      async () => {
        if (!isAlive(readPid(pidFile))) throw new Error(`the Kafka process exited; see ${outFile}`);
        return kafkaReachable(kafkaBrokers());
      },
      { what: 'Kafka', timeoutMs: 90_000, logFile: outFile },
    );
    return true;
  },

  pid: () => readPid(pidFile),

  async down() {
    if (!isAlive(readPid(pidFile))) return false;
    log('Kafka: stopping');
    // A controlled shutdown can take a while; it keeps the log clean for the next start.
    return stopByPidFile(pidFile, 60_000);
  },
};
