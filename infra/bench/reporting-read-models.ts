/**
 * What the benches know of the reporting service's read models from outside it: which topics each
 * projection consumes, when every projection has applied its topics to their end, and whether two
 * databases of read models hold the same documents.
 */
import { EVENT_TOPICS, topicIn, type EventTopic } from '@eutf/messaging';
import type { Admin } from 'kafkajs';
import { createConnection } from 'mongoose';
import { secondsSince } from '@eutf/testing/bench';

/** The reporting service's projections and the topics each reads (its READ_MODEL_PROJECTIONS; a service is not imported here). */
export const PROJECTION_TOPICS: Record<string, EventTopic[]> = {
  'project-register-3': [EVENT_TOPICS.projects],
  'project-results': [EVENT_TOPICS.projects],
  'country-partnership': [EVENT_TOPICS.projects],
  finance: [EVENT_TOPICS.projects, EVENT_TOPICS.disbursements],
  returns: [EVENT_TOPICS.returns],
  reintegration: [EVENT_TOPICS.returns],
  'reported-figures': [EVENT_TOPICS.projects],
};

/** Bookkeeping of the service, not a read model: it counts batches, which differ between two builds of the same documents. */
/** Bookkeeping, and the checkpoints of folds as of past instants: a cache made after the catch-up, with ids and times of its own. */
const NOT_COMPARED = new Set(['read_model_versions', 'as_of_checkpoints', 'as_of_checkpoint_chunks']);

/**
 * Waits until every projection's consumer group (`<groupPrefix>.<projection>`) has committed the
 * end its topics have now (the runner commits only once a batch's documents are written), or the
 * limit passes. Returns the share of their events applied, and the seconds it took.
 */
export async function untilProjectionsCaughtUp(options: { admin: Admin; namespace: string; groupPrefix: string; limitSeconds: number; label: string }) {
  const { admin } = options;
  const projections = Object.entries(PROJECTION_TOPICS).map(([name, topics]) => ({ name, topics: topics.map((topic) => topicIn(options.namespace, topic)) }));
  const ends = new Map<string, Map<number, number>>();
  for (const topic of new Set(projections.flatMap(({ topics }) => topics))) {
    ends.set(topic, new Map((await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => [partition, Number(high)])));
  }
  const expected = projections.reduce((sum, { topics }) => sum + topics.reduce((inner, topic) => inner + [...(ends.get(topic) as Map<number, number>).values()].reduce((a, b) => a + b, 0), 0), 0);
  const committed = async () => {
    let done = 0;
    for (const { name, topics } of projections) {
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId: `${options.groupPrefix}.${name}`, topics })) {
        for (const { partition, offset } of partitions) done += Math.min(Math.max(Number(offset), 0), ends.get(topic)?.get(partition) ?? 0);
      }
    }
    return done;
  };
  const startedAt = process.hrtime.bigint();
  let done = 0;
  while (done < expected && secondsSince(startedAt) < options.limitSeconds) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    try {
      done = await committed();
    } catch (error) {
      // A broker just started hands group coordination out for a while ("not the correct coordinator"): ask again.
      if (!(error as { retriable?: boolean }).retriable) throw error;
    }
    process.stderr.write(`\r  ${options.label}: ${((100 * done) / Math.max(expected, 1)).toFixed(1)} % of their events after ${secondsSince(startedAt).toFixed(0)} s`);
  }
  process.stderr.write('\n');
  return { share: expected === 0 ? 1 : done / expected, applied: done, expected };
}

/**
 * A document as text with its keys in one order: a document following two streams notes them in
 * `_streamVersions` in the order their first events came, which two builds may see differently
 * (two topics have no order between them) and which means nothing.
 */
const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    // A document stored as text: its fields in one order too (a finance document's first event may come from either topic).
    const fields = value as Record<string, unknown>;
    return `{${Object.keys(fields).sort().map((key) => `${JSON.stringify(key)}:${key === '_doc' && typeof fields[key] === 'string' ? canonical(JSON.parse(fields[key])) : canonical(fields[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
};

/**
 * Compares every read-model collection of two databases, document by document, bookkeeping
 * included (`_rev`, `_streamVersions`): the same events give the same documents, however they
 * were applied. Returns what differs (at most `limit` ids named).
 */
export async function compareReadModels(mongoUrl: string, databases: readonly [string, string], limit = 10) {
  const connect = (database: string) => {
    const url = new URL(mongoUrl);
    url.pathname = `/${database}`;
    return createConnection(url.toString()).asPromise();
  };
  const [left, right] = await Promise.all([connect(databases[0]), connect(databases[1])]);
  try {
    const names = async (connection: typeof left) =>
      ((await connection.db?.listCollections().toArray()) ?? []).map(({ name }) => name).filter((name) => !NOT_COMPARED.has(name)).sort();
    const [leftNames, rightNames] = [await names(left), await names(right)];
    const differences: string[] = [];
    let documents = 0;
    if (JSON.stringify(leftNames) !== JSON.stringify(rightNames)) differences.push(`collections: ${leftNames.join(',')} / ${rightNames.join(',')}`);
    for (const name of leftNames.filter((collection) => rightNames.includes(collection))) {
      const [a, b] = await Promise.all([left, right].map((connection) => connection.collection(name).find({}).sort({ _id: 1 }).toArray()));
      const byId = new Map((b ?? []).map((document) => [String(document['_id']), canonical(document)]));
      documents += a?.length ?? 0;
      if ((a?.length ?? 0) !== byId.size) differences.push(`${name}: ${a?.length} documents / ${byId.size}`);
      for (const document of a ?? []) {
        const id = String(document['_id']);
        if (byId.get(id) !== canonical(document)) differences.push(`${name}/${id}`);
        if (differences.length >= limit) break;
      }
    }
    return { collections: leftNames.length, documents, differences };
  } finally {
    await Promise.all([left.close(), right.close()]);
  }
}

/** The checkpoints the reporting service keeps of folds as of past instants: how many, their last instant, and the bytes of their chunks. */
export async function asOfCheckpoints(mongoUrl: string, database: string): Promise<{ count: number; lastUpTo: string | null; bytes: number }> {
  const url = new URL(mongoUrl);
  url.pathname = `/${database}`;
  const connection = await createConnection(url.toString()).asPromise();
  try {
    const records = await connection.collection<{ upTo: Date; chunks: string[]; bytes: number }>('as_of_checkpoints').find({}).sort({ upTo: 1 }).toArray();
    // Records whose month added nothing share the chunks of the one before.
    const bytes = new Map(records.map((record) => [record.chunks.join(','), record.bytes]));
    return { count: records.length, lastUpTo: records.at(-1)?.upTo.toISOString() ?? null, bytes: [...bytes.values()].reduce((sum, size) => sum + size, 0) };
  } finally {
    await connection.close(true).catch(() => undefined);
  }
}

/** Drops a bench's database, collections first (a table dropped inside SQLite waits for its readers, a deleted file does not). */
export async function dropDatabase(mongoUrl: string, database: string): Promise<boolean> {
  const url = new URL(mongoUrl);
  url.pathname = `/${database}`;
  const connection = await createConnection(url.toString()).asPromise();
  try {
    const drop = async () => {
      for (const { name } of (await connection.db?.listCollections().toArray()) ?? []) await connection.dropCollection(name);
      await connection.dropDatabase();
      return true;
    };
    // A FerretDB still busy with a stopped service's scans can hold the drop for minutes.
    return await Promise.race([drop(), new Promise<false>((done) => setTimeout(() => done(false), 60_000).unref())]).catch(() => false);
  } finally {
    await connection.close(true).catch(() => undefined);
  }
}
