import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import { formatPosition, parsePosition, type RecordedEvent } from '@eutf/event-sourcing';

/**
 * Events on Kafka follow the CloudEvents Kafka protocol binding, binary content mode: the
 * attributes travel as `ce_*` headers and the event's data is the message value (JSON), so any
 * CloudEvents-aware consumer can read them. Our envelope's other fields are CloudEvents
 * extension attributes (lower-case letters and digits only, as the spec requires).
 */
export const CE = {
  specversion: 'ce_specversion',
  id: 'ce_id',
  type: 'ce_type',
  source: 'ce_source',
  subject: 'ce_subject',
  time: 'ce_time',
  dataschemaversion: 'ce_schemaversion',
  streamversion: 'ce_streamversion',
  position: 'ce_position',
  recordedat: 'ce_recordedat',
  correlationid: 'ce_correlationid',
  causationid: 'ce_causationid',
  actor: 'ce_actor',
} as const;

const CONTENT_TYPE = 'content-type';

/** The Kafka message for a recorded event: keyed by stream id, so one stream stays on one partition. */
export function toKafkaMessage(event: RecordedEvent, source: string): Message {
  const headers: IHeaders = {
    [CE.specversion]: '1.0',
    [CE.id]: event.eventId,
    [CE.type]: event.type,
    [CE.source]: source,
    [CE.subject]: event.streamId,
    [CE.time]: event.occurredAt,
    [CE.dataschemaversion]: String(event.schemaVersion),
    [CE.streamversion]: event.streamVersion.toString(),
    [CE.position]: formatPosition(event.position),
    [CE.recordedat]: event.recordedAt,
    [CE.correlationid]: event.metadata.correlationId,
    [CE.actor]: JSON.stringify(event.metadata.actor),
    [CONTENT_TYPE]: 'application/json',
  };
  if (event.metadata.causationId) headers[CE.causationid] = event.metadata.causationId;
  return { key: event.streamId, value: JSON.stringify(event.data), headers };
}

export class MalformedCloudEventError extends Error {
  constructor(reason: string) {
    super(`Not one of our CloudEvents: ${reason}`);
    this.name = 'MalformedCloudEventError';
  }
}

const text = (headers: IHeaders | undefined, name: string): string | undefined => {
  const value = headers?.[name];
  if (value === undefined) return undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
};

const required = (headers: IHeaders | undefined, name: string): string => {
  const value = text(headers, name);
  if (value === undefined || value === '') throw new MalformedCloudEventError(`header ${name} is missing`);
  return value;
};

/** Reads a Kafka message back into a recorded event (data still in its written schema version). */
export function fromKafkaMessage(message: Pick<KafkaMessage, 'headers' | 'value'>): RecordedEvent {
  const { headers } = message;
  if (required(headers, CE.specversion) !== '1.0') throw new MalformedCloudEventError('unsupported specversion');
  let data: unknown;
  try {
    data = JSON.parse(message.value?.toString() ?? 'null');
  } catch {
    throw new MalformedCloudEventError('the value is not JSON');
  }
  const schemaVersion = Number(required(headers, CE.dataschemaversion));
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1) throw new MalformedCloudEventError('bad schema version');
  let actor: RecordedEvent['metadata']['actor'];
  try {
    actor = JSON.parse(required(headers, CE.actor));
  } catch {
    throw new MalformedCloudEventError('header ce_actor is not JSON');
  }
  const streamVersionText = required(headers, CE.streamversion);
  if (!/^\d+$/.test(streamVersionText)) throw new MalformedCloudEventError('bad stream version');
  return {
    eventId: required(headers, CE.id),
    type: required(headers, CE.type),
    schemaVersion,
    streamId: required(headers, CE.subject),
    streamVersion: BigInt(streamVersionText),
    position: parsePosition(required(headers, CE.position)),
    occurredAt: required(headers, CE.time),
    recordedAt: required(headers, CE.recordedat),
    data,
    metadata: {
      actor,
      correlationId: required(headers, CE.correlationid),
      causationId: text(headers, CE.causationid) ?? null,
    },
  };
}
