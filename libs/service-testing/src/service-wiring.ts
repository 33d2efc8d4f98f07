import { randomUUID } from 'node:crypto';
import { Controller, DynamicModule, INestApplication } from '@nestjs/common';
import { ClientKafka, ClientsModule, Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { getConnectionToken } from '@nestjs/mongoose';
import { Test } from '@nestjs/testing';
import { KAFKA, kafkaConsumerTransport, kafkaProducerClient } from '@eutf/messaging';
import { POSTGRES_POOL } from '@eutf/event-store-postgres';
import type { Kafka } from 'kafkajs';
import { Schema, type Connection } from 'mongoose';
import type { Pool } from 'pg';
import { lastValueFrom } from 'rxjs';
import request from 'supertest';
import { type ServerKind, requireInfrastructure } from '@eutf/testing';
import { untilReady } from './until-ready';

export interface ServiceWiringSpec {
  service: string;
  /** The servers this service depends on; /health/ready must report each of them up. */
  needs: readonly ServerKind[];
  /** Builds the service's root module from the environment the harness provides. */
  appModule: () => DynamicModule;
}

const PROBE_PRODUCER = Symbol('PROBE_PRODUCER');

interface ReceivedProbe {
  payload: { probeId: string; service: string };
  key: string | undefined;
  topic: string;
}

/**
 * Proves that a service is wired to real servers: it boots the service's own module and,
 * for each server it needs, writes and reads it over a real connection.
 */
export function describeServiceWiring(spec: ServiceWiringSpec): void {
  describe(`${spec.service} service wiring to the real servers`, () => {
    const probeTopic = `wiring.${spec.service}.${randomUUID()}`;
    let deliver: (probe: ReceivedProbe) => void = () => undefined;
    const received = new Promise<ReceivedProbe>((resolve) => (deliver = resolve));

    @Controller()
    class KafkaProbeController {
      @EventPattern(probeTopic)
      onProbe(@Payload() payload: ReceivedProbe['payload'], @Ctx() context: KafkaContext): void {
        deliver({ payload, key: context.getMessage().key?.toString(), topic: context.getTopic() });
      }
    }

    let app: INestApplication;
    let brokers: string[];

    beforeAll(async () => {
      const endpoints = await requireInfrastructure([...new Set(['kafka', ...spec.needs] as const)]);
      brokers = endpoints.kafka.split(',');
      const moduleRef = await Test.createTestingModule({
        imports: [
          spec.appModule(),
          ClientsModule.register([kafkaProducerClient(PROBE_PRODUCER, { clientId: `${spec.service}-probe`, brokers })]),
        ],
        controllers: [KafkaProbeController],
      }).compile();
      app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
      // Auto-creation is off on our brokers: the probe topic is created like any other, explicitly.
      const admin = app.get<Kafka>(KAFKA).admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic: probeTopic, numPartitions: 1 }], waitForLeaders: true });
      await admin.disconnect();
      app.connectMicroservice(
        kafkaConsumerTransport({ clientId: `${spec.service}-probe`, brokers, groupId: `${spec.service}-probe-${randomUUID()}` }),
      );
      await app.startAllMicroservices();
      await app.init();
    });

    afterAll(async () => {
      if (!app) return;
      const kafka = app.get<Kafka>(KAFKA);
      // Consumers leave before their topic goes, so none of them sees it vanish.
      await app.close();
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteTopics({ topics: [probeTopic] });
      await admin.disconnect();
    });

    it('answers ready on /health/ready, naming each dependency it checked', async () => {
      expect(await untilReady(app)).toBe(200);
      const response = await request(app.getHttpServer()).get('/health/ready');
      expect(response.status).toBe(200);
      expect(response.body.status).toBe('ok');
      for (const kind of [...new Set(['kafka', ...spec.needs])]) {
        expect(response.body.info[kind]).toMatchObject({ status: 'up' });
      }
    });

    it('produces a message through @nestjs/microservices and consumes it back from the real Kafka', async () => {
      const client = app.get<ClientKafka>(PROBE_PRODUCER);
      await client.connect();
      const probeId = randomUUID();
      await lastValueFrom(client.emit(probeTopic, { key: probeId, value: { probeId, service: spec.service } }));
      const probe = await received;
      expect(probe).toEqual({ payload: { probeId, service: spec.service }, key: probeId, topic: probeTopic });
    });

    if (spec.needs.includes('postgresql')) {
      it('writes and reads a row in its own schema of the real PostgreSQL', async () => {
        const pool = app.get<Pool>(POSTGRES_POOL);
        await pool.query(`CREATE SCHEMA IF NOT EXISTS "${spec.service}"`);
        await pool.query('CREATE TABLE IF NOT EXISTS wiring_probe (id uuid PRIMARY KEY, written_at timestamptz NOT NULL)');
        const id = randomUUID();
        await pool.query('INSERT INTO wiring_probe (id, written_at) VALUES ($1, now())', [id]);
        const { rows } = await pool.query<{ id: string; schema: string }>(
          'SELECT id, current_schema() AS schema FROM wiring_probe WHERE id = $1',
          [id],
        );
        expect(rows).toEqual([{ id, schema: spec.service }]);
        await pool.query('DELETE FROM wiring_probe WHERE id = $1', [id]);
      });
    }

    if (spec.needs.includes('mongodb')) {
      it('writes and reads a document through mongoose on the real MongoDB-wire server', async () => {
        const connection = app.get<Connection>(getConnectionToken());
        const WiringProbe = connection.model(
          'WiringProbe',
          new Schema({ probeId: { type: String, required: true, unique: true }, writtenAt: Date }),
          `wiring_probe_${spec.service}`,
        );
        const probeId = randomUUID();
        await WiringProbe.create({ probeId, writtenAt: new Date() });
        const found = await WiringProbe.findOne({ probeId }).lean();
        expect(found).toMatchObject({ probeId });
        await WiringProbe.deleteOne({ probeId });
        expect(await WiringProbe.countDocuments({ probeId })).toBe(0);
      });
    }
  });
}
