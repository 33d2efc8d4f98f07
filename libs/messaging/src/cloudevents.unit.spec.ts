import type { RecordedEvent } from '@eutf/event-sourcing';
import { CE, MalformedCloudEventError, fromKafkaMessage, toKafkaMessage } from './cloudevents';

const recorded: RecordedEvent = {
  eventId: '5b0f3f5e-7a0c-4d8e-9a51-1f0c2a3b4c5d',
  type: 'ReturnOperationRegistered',
  schemaVersion: 2,
  streamId: 'return-operation-42',
  streamVersion: 3n,
  position: { commit: 1234n, prepare: 98765n },
  occurredAt: '2017-05-31T00:00:00.000Z',
  recordedAt: '2017-06-01T08:30:00.000Z',
  data: { hostCountry: 'LY', originCountry: 'ML', returnees: 143 },
  metadata: {
    actor: { subject: 'iom-officer-7', role: 'implementing-partner', org: 'IOM' },
    correlationId: 'c0ffee00-0000-4000-8000-000000000001',
    causationId: 'c0ffee00-0000-4000-8000-000000000002',
  },
};

describe('the CloudEvents Kafka binding (binary mode)', () => {
  it('carries the attributes as ce_ headers, the data as the JSON value, keyed by stream id', () => {
    const message = toKafkaMessage(recorded, 'eutf/returns');
    expect(message.key).toBe('return-operation-42');
    expect(JSON.parse(String(message.value))).toEqual(recorded.data);
    expect(message.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_id: recorded.eventId,
      ce_type: 'ReturnOperationRegistered',
      ce_source: 'eutf/returns',
      ce_subject: 'return-operation-42',
      ce_time: '2017-05-31T00:00:00.000Z',
      'content-type': 'application/json',
      [CE.streamversion]: '3',
      [CE.position]: '1234/98765',
    });
  });

  it('reads back exactly what was written', () => {
    const message = toKafkaMessage(recorded, 'eutf/returns');
    const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, Buffer.from(String(value))]));
    expect(fromKafkaMessage({ headers, value: Buffer.from(String(message.value)) })).toEqual(recorded);
  });

  it('leaves out the causation id of a user command', () => {
    const message = toKafkaMessage({ ...recorded, metadata: { ...recorded.metadata, causationId: null } }, 'eutf/returns');
    expect(message.headers?.[CE.causationid]).toBeUndefined();
    expect(fromKafkaMessage({ headers: message.headers ?? {}, value: Buffer.from(String(message.value)) }).metadata.causationId).toBeNull();
  });

  it('says what is wrong with a message that is not one of ours', () => {
    const message = toKafkaMessage(recorded, 'eutf/returns');
    const withoutVersion = { ...message.headers };
    delete withoutVersion[CE.streamversion];
    expect(() => fromKafkaMessage({ headers: withoutVersion, value: Buffer.from('{}') })).toThrow(/ce_streamversion is missing/);
    expect(() => fromKafkaMessage({ headers: message.headers ?? {}, value: Buffer.from('not json') })).toThrow(MalformedCloudEventError);
  });
});
