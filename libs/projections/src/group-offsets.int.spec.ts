import { randomUUID } from 'node:crypto';
import { createKafka } from '@eutf/messaging';
import { requireInfrastructure } from '@eutf/testing';
import type { Admin, Consumer, Kafka } from 'kafkajs';
import { moveGroupOffsets } from './group-offsets';
import { createTopic, eventually } from './test-support/kafka-test.helpers';

describe('moving a consumer group’s offsets, on real Kafka', () => {
  const run = randomUUID().slice(0, 8);
  const [projects, disbursements] = [`test.group-offsets.projects.${run}`, `test.group-offsets.disbursements.${run}`];
  let kafka: Kafka;
  let admin: Admin;
  let running: Consumer | undefined;

  beforeAll(async () => {
    const endpoints = await requireInfrastructure(['kafka']);
    kafka = createKafka({ clientId: `group-offsets-test-${run}`, brokers: endpoints.kafka.split(',') });
    admin = kafka.admin();
    await admin.connect();
    await createTopic(admin, projects, 3);
    await createTopic(admin, disbursements, 2);
    const producer = kafka.producer();
    await producer.connect();
    for (const [topic, partitions] of [[projects, 3], [disbursements, 2]] as const) {
      for (let partition = 0; partition < partitions; partition += 1) {
        await producer.send({ topic, acks: -1, messages: Array.from({ length: 5 + partition }, (_, index) => ({ partition, value: `${topic}-${partition}-${index}` })) });
      }
    }
    await producer.disconnect();
  });

  afterAll(async () => {
    await running?.disconnect();
    await admin?.deleteTopics({ topics: [projects, disbursements] }).catch(() => undefined);
    await admin?.disconnect();
  });

  const committed = async (groupId: string) =>
    Object.fromEntries(
      (await admin.fetchOffsets({ groupId, topics: [projects, disbursements] })).map(({ topic, partitions }) => [
        topic,
        partitions.map(({ partition, offset }) => [partition, offset]).sort(([a], [b]) => Number(a) - Number(b)),
      ]),
    );

  it('moves the offsets of every topic of a group at once, to any offset, also back to the start', async () => {
    const groupId = `group-offsets-${run}.both`;
    const ends = new Map([
      [projects, [{ partition: 0, offset: '5' }, { partition: 1, offset: '6' }, { partition: 2, offset: '7' }]],
      [disbursements, [{ partition: 0, offset: '5' }, { partition: 1, offset: '3' }]],
    ]);
    await moveGroupOffsets(kafka, groupId, ends);
    expect(await committed(groupId)).toEqual({
      [projects]: [[0, '5'], [1, '6'], [2, '7']],
      [disbursements]: [[0, '5'], [1, '3']],
    });

    await moveGroupOffsets(kafka, groupId, new Map([[disbursements, [{ partition: 0, offset: '0' }, { partition: 1, offset: '0' }]]]));
    expect(await committed(groupId)).toEqual({
      [projects]: [[0, '5'], [1, '6'], [2, '7']],
      [disbursements]: [[0, '0'], [1, '0']],
    });
  });

  it('refuses while a member of the group is running, and leaves its offsets alone', async () => {
    const groupId = `group-offsets-${run}.running`;
    await moveGroupOffsets(kafka, groupId, new Map([[projects, [{ partition: 0, offset: '1' }, { partition: 1, offset: '1' }, { partition: 2, offset: '1' }]]]));
    running = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    await running.connect();
    await running.subscribe({ topics: [projects] });
    let joined = false;
    running.on(running.events.GROUP_JOIN, () => {
      joined = true;
    });
    await running.run({ autoCommit: false, eachMessage: async () => undefined });
    await eventually('the member to join', async () => joined);

    await expect(moveGroupOffsets(kafka, groupId, new Map([[projects, [{ partition: 0, offset: '4' }]]]))).rejects.toThrow(/must have no running member/);
    expect((await committed(groupId))[projects]).toEqual([[0, '1'], [1, '1'], [2, '1']]);
  });
});
