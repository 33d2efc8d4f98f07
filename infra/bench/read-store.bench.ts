/**
 * `npm run bench:read-store`: what the MongoDB-wire server at MONGO_URL costs per operation of the
 * projections' access pattern (issue 13, item 1), at a few collection sizes, in a fresh database.
 *
 * For each --documents size (a comma-separated list) it fills one collection with that many
 * projection-like documents (a project register entry with its indicators and results, about 2 kB,
 * with the `_rev` and `_streamVersions` bookkeeping of MongoProjectionStore), then times, one
 * operation at a time: `findOne({_id})`, `find({_id: {$in: 100 ids}})`, `replaceOne({_id, _rev})`,
 * a bulkWrite of --batch such replaceOnes, and the same batch through `MongoProjectionStore.load`
 * and `save` (what the projection runner does per Kafka batch). A server that scans the collection
 * for each of them shows it as a cost growing with the size; one that finds documents by `_id` does
 * not. Each measurement stops after --operations operations or --budget seconds, whichever comes
 * first, and says how many it timed. Each size has a database of its own, dropped at the end; one
 * the server stopped answering in is named, as it may not drop.
 */
import { randomUUID } from 'node:crypto';
import { mongoProjectionStores, type DocumentChange, type Projection, type StoredProjectionDocument, type TrackedDocument } from '@eutf/projections';
import { createConnection, type mongo } from 'mongoose';
import { numberFlag, printTable, requiredEnv, secondsSince } from '@eutf/testing/bench';

const operations = numberFlag('operations', 200);
const batch = numberFlag('batch', 500);
const budgetSeconds = numberFlag('budget', 20);
const sizes = listFlag('documents', [2_000, 20_000]);
/** Seconds one operation may take before the server is taken not to answer (FerretDB 1.24 unpatched never answers a bulk of 100 replacements: every matched replacement keeps a pooled SQLite connection until the command ends). */
const operationTimeoutSeconds = numberFlag('operation-timeout', 120);
const IN_IDS = 100;

class NoAnswer extends Error {}

function withinTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NoAnswer(`no answer within ${operationTimeoutSeconds} s`)), operationTimeoutSeconds * 1_000);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function listFlag(name: string, fallback: readonly number[]): readonly number[] {
  const args = process.argv.slice(2);
  const index = args.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  if (index === -1) return fallback;
  const arg = args[index] as string;
  const text = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : (args[index + 1] ?? '');
  const values = text.split(',').map(Number);
  if (values.some((value) => !Number.isInteger(value) || value < batch)) throw new Error(`--${name} needs sizes of at least --batch (${batch}), got "${text}"`);
  return values;
}

interface BenchDocument {
  projectId: string;
  title: string;
  countries: string[];
  status: string;
  indicators: { indicatorId: string; title: string; unit: string; baseline: number; target: number }[];
  results: { resultId: string; indicatorId: string; period: { from: string; to: string }; value: number; status: string }[];
}

const projection: Projection<BenchDocument> = {
  name: 'bench-read-store',
  collection: 'bench_documents',
  topics: [],
  handles: [],
  documentIdOf: () => undefined,
  apply: (doc) => doc as BenchDocument,
};

const idOf = (index: number) => `bench-project-${index.toString().padStart(6, '0')}`;

function documentOf(index: number, revision: number): BenchDocument {
  return {
    projectId: idOf(index),
    title: `Benchmark action ${index} supporting the protection and reintegration of returning migrants`,
    countries: ['ML', 'NE'],
    status: revision % 2 === 0 ? 'implementation' : 'pipeline',
    indicators: Array.from({ length: 3 }, (_, indicator) => ({
      indicatorId: `indicator-${indicator}`,
      title: `EUTF common output indicator 3.${indicator + 1}`,
      unit: 'people',
      baseline: 0,
      target: 10_000,
    })),
    results: Array.from({ length: 10 }, (_, result) => ({
      resultId: `result-${result}`,
      indicatorId: `indicator-${result % 3}`,
      period: { from: `2019-${String(result + 1).padStart(2, '0')}-01`, to: `2019-${String(result + 1).padStart(2, '0')}-28` },
      value: revision * 10 + result,
      status: 'approved',
    })),
  };
}

const stored = (index: number, revision: number): StoredProjectionDocument => ({
  ...documentOf(index, revision),
  _id: idOf(index),
  _rev: String(revision),
  _streamVersions: { [`project-${idOf(index)}`]: String(revision) },
});

interface Measurement {
  label: string;
  timed: number;
  seconds: number;
  noAnswer?: string;
}

/** Runs `operation` until `operations` calls or the budget is spent; the first call is a warm-up, timed only when it alone outlasts the budget. */
async function measure(label: string, operation: (call: number) => Promise<void>, most = operations): Promise<Measurement> {
  process.stderr.write(`  ${label}…\n`);
  let timed = 0;
  const startedAt = process.hrtime.bigint();
  try {
    await withinTimeout(operation(0));
    // A warm-up slower than the whole budget is the only figure there is: report it.
    if (secondsSince(startedAt) >= budgetSeconds) return { label, timed: 1, seconds: secondsSince(startedAt) };
    const measuredFrom = process.hrtime.bigint();
    while (timed < most && secondsSince(measuredFrom) < budgetSeconds) {
      await withinTimeout(operation(timed + 1));
      timed += 1;
    }
    return { label, timed, seconds: secondsSince(measuredFrom) };
  } catch (error) {
    if (!(error instanceof NoAnswer)) throw error;
    return { label, timed, seconds: 0, noAnswer: error.message };
  }
}

async function main(): Promise<void> {
  const url = new URL(requiredEnv('MONGO_URL'));
  const run = randomUUID().replace(/-/g, '').slice(0, 8);
  url.pathname = '/admin';
  const server = await createConnection(url.toString()).asPromise();
  const rows: (string | number)[][] = [];
  const databases: string[] = [];
  const wedged: string[] = [];
  try {
    const build = await server.db!.admin().command({ buildInfo: 1 });
    console.log(`MongoDB-wire server: ${build['ferretdbVersion'] ? 'FerretDB' : 'MongoDB'} (MongoDB ${String(build['version'])} wire protocol) at ${url.host}`);
    for (const size of sizes) {
      // A database per size: one the server stopped answering in is left behind, not reused.
      const database = `bench_read_store_${run}_${size}`;
      databases.push(database);
      const connection = server.useDb(database, { useCache: false });
      const collection = connection.collection<StoredProjectionDocument>(projection.collection);
      process.stderr.write(`${size} documents: filling the collection…\n`);
      for (let from = 0; from < size; from += 1_000) {
        await collection.insertMany(Array.from({ length: Math.min(1_000, size - from) }, (_, offset) => stored(from + offset, 1)));
      }
      const revisions = new Array<number>(size).fill(1);
      // Each operation touches documents spread over the whole collection, never one it just read.
      const pick = (call: number, slot: number) => (call * 7_919 + slot * 104_729) % size;
      const store = mongoProjectionStores(connection).of(projection);

      const results: Measurement[] = [];
      const next = async (measurement: () => Promise<Measurement>) => {
        // A server that did not answer one operation may hold that database for good: the rest of this size is not measured.
        if (!results.some(({ noAnswer }) => noAnswer)) results.push(await measurement());
      };
      await next(async () =>
        measure('findOne({_id})', async (call) => {
          if (!(await collection.findOne({ _id: idOf(pick(call, 0)) }))) throw new Error('findOne found nothing');
        }),
      );
      await next(async () =>
        measure(`find({_id: {$in: ${IN_IDS} ids}})`, async (call) => {
          const ids = Array.from({ length: IN_IDS }, (_, slot) => idOf(pick(call, slot)));
          const found = await collection.find({ _id: { $in: ids } }).toArray();
          if (found.length !== new Set(ids).size) throw new Error(`find $in found ${found.length} of ${new Set(ids).size}`);
        }),
      );
      await next(async () =>
        measure('replaceOne({_id, _rev})', async (call) => {
          const index = pick(call, 0);
          const revision = revisions[index] as number;
          const outcome = await collection.replaceOne({ _id: idOf(index), _rev: String(revision) }, stored(index, revision + 1));
          if (outcome.modifiedCount !== 1) throw new Error('replaceOne did not replace');
          revisions[index] = revision + 1;
        }),
      );
      const batchIndexes = (call: number) => [...new Set(Array.from({ length: batch }, (_, slot) => pick(call, slot)))];
      await next(async () =>
        measure(
          `bulkWrite(${batch} × replaceOne({_id, _rev}))`,
          async (call) => {
            const indexes = batchIndexes(call);
            const writes: mongo.AnyBulkWriteOperation<StoredProjectionDocument>[] = indexes.map((index) => {
              const revision = revisions[index] as number;
              return { replaceOne: { filter: { _id: idOf(index), _rev: String(revision) }, replacement: stored(index, revision + 1), upsert: true } };
            });
            const outcome = await collection.bulkWrite(writes, { ordered: true });
            if (outcome.modifiedCount !== indexes.length) throw new Error(`bulkWrite replaced ${outcome.modifiedCount} of ${indexes.length}`);
            for (const index of indexes) revisions[index] = (revisions[index] as number) + 1;
          },
          Math.ceil(operations / 10),
        ),
      );
      let loaded = new Map<string, TrackedDocument<BenchDocument>>();
      await next(async () =>
        measure(
          `MongoProjectionStore.load(${batch} ids)`,
          async (call) => {
            const ids = batchIndexes(call).map(idOf);
            loaded = await store.load(ids);
            if (loaded.size !== ids.length) throw new Error(`load found ${loaded.size} of ${ids.length}`);
          },
          Math.ceil(operations / 10),
        ),
      );
      await next(async () =>
        measure(
          `MongoProjectionStore.save(${batch} documents)`,
          async (call) => {
            const changes: DocumentChange<BenchDocument>[] = batchIndexes(call).map((index) => {
              const revision = revisions[index] as number;
              return {
                documentId: idOf(index),
                previousRevision: BigInt(revision),
                document: { doc: documentOf(index, revision + 1), streamVersions: { [`project-${idOf(index)}`]: String(revision + 1) }, revision: BigInt(revision + 1) },
              };
            });
            await store.save(changes);
            for (const { documentId } of changes) {
              const index = Number(documentId.slice('bench-project-'.length));
              revisions[index] = (revisions[index] as number) + 1;
            }
          },
          Math.ceil(operations / 10),
        ),
      );
      if (results.some(({ noAnswer }) => noAnswer)) wedged.push(database);
      for (const { label, timed, seconds, noAnswer } of results) {
        rows.push([label, size, timed, noAnswer ?? (seconds * 1_000) / timed]);
      }
    }
  } finally {
    printTable(['operation', 'documents', 'timed', 'ms per operation'], rows);
    for (const database of databases) {
      // Dropping a database the server stopped answering in would hold up the whole server (FerretDB 1.24 unpatched).
      if (wedged.includes(database)) {
        console.error(`the database ${database} is left behind: the server stopped answering in it`);
        continue;
      }
      await withinTimeout(server.useDb(database, { useCache: false }).dropDatabase()).catch((error: unknown) =>
        console.error(`the database ${database} was not dropped: ${String(error)}`),
      );
    }
    await withinTimeout(server.close()).catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
