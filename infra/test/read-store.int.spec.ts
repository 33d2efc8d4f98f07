/**
 * The MongoDB-wire server the stack runs (MONGO_URL: our patched FerretDB natively, MongoDB in
 * containers and production) serves the projections' access pattern by `_id`, never by a scan of
 * the collection, and keeps answering after clients die mid-query (issue 13, item 2).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { requireInfrastructure } from '@eutf/testing';
import mongoose, { type Connection, type mongo } from 'mongoose';

interface Row {
  _id: string;
  _rev: string;
  payload: string;
}

let connection: Connection;
let ferretDb: boolean;
const database = `test_read_store_${randomUUID().replace(/-/g, '').slice(0, 8)}`;
const rowsIn = (name: string) => connection.collection<Row>(name);
const idOf = (index: number) => `project-${index.toString().padStart(5, '0')}`;
const rowOf = (index: number, revision = 1): Row => ({ _id: idOf(index), _rev: String(revision), payload: `${'x'.repeat(1_500)}${index}` });

async function fill(name: string, count: number): Promise<mongo.Collection<Row>> {
  const rows = rowsIn(name);
  for (let from = 0; from < count; from += 1_000) {
    await rows.insertMany(Array.from({ length: Math.min(1_000, count - from) }, (_, offset) => rowOf(from + offset)));
  }
  return rows;
}

/**
 * How the server finds what a find's filter selects. FerretDB: whether the filter was pushed down
 * to SQLite and SQLite's plan; MongoDB: the winning plan's stages.
 */
async function planOf(name: string, filter: Record<string, unknown>): Promise<{ pushedDown: boolean; plan: string }> {
  const explained = await connection.db!.command({ explain: { find: name, filter }, verbosity: 'queryPlanner' });
  if (ferretDb) return { pushedDown: explained['filterPushdown'] === true, plan: JSON.stringify(explained['queryPlanner']) };
  const plan = JSON.stringify((explained['queryPlanner'] as { winningPlan: unknown }).winningPlan);
  return { pushedDown: !plan.includes('COLLSCAN'), plan };
}

beforeAll(async () => {
  const { mongodb } = await requireInfrastructure(['mongodb']);
  const url = new URL(mongodb);
  url.pathname = `/${database}`;
  connection = await mongoose.createConnection(url.toString()).asPromise();
  ferretDb = (await connection.db!.admin().command({ buildInfo: 1 }))['ferretdbVersion'] !== undefined;
  // An unpatched FerretDB would never answer the bulk writes below, and a database drop would then
  // hold up the whole server: fail at once instead, saying what to do.
  await rowsIn('probe').insertOne(rowOf(0));
  if (ferretDb && !(await planOf('probe', { _id: idOf(0), _rev: '1' })).pushedDown) {
    throw new Error(
      `The FerretDB at MONGO_URL is not built with infra/ferretdb/ferretdb-v1.24.2-eutf.patch; restart it (npm run infra:down && npm run infra:up rebuilds it)`,
    );
  }
});

afterAll(async () => {
  await connection?.dropDatabase().catch(() => undefined);
  await connection?.close();
});

describe('the read-model store finds documents by _id', () => {
  const name = 'by_id';
  beforeAll(async () => {
    await fill(name, 300);
  });

  it('pushes the _id of an optimistic replacement ({_id, _rev}) down to the _id index', async () => {
    const { pushedDown, plan } = await planOf(name, { _id: idOf(7), _rev: '1' });
    expect(pushedDown).toBe(true);
    // SQLite searches the _id index rather than scanning the table.
    if (ferretDb) expect(plan).toMatch(/SEARCH .* USING INDEX .*__id_/);
  });

  it('pushes _id: {$in: [...]} (a projection batch being loaded) down to the _id index', async () => {
    const { pushedDown, plan } = await planOf(name, { _id: { $in: [idOf(1), idOf(150), idOf(299)] } });
    expect(pushedDown).toBe(true);
    if (ferretDb) expect(plan).toMatch(/SEARCH .* USING INDEX .*__id_/);
  });

  it('answers exactly what the whole filter selects, the _id part pushed down or not', async () => {
    const rows = rowsIn(name);
    expect(await rows.find({ _id: idOf(7), _rev: '1' }).toArray()).toEqual([rowOf(7)]);
    expect(await rows.find({ _id: idOf(7), _rev: '2' }).toArray()).toEqual([]);
    expect(await rows.find({ _id: idOf(7), $or: [{ _rev: '0' }, { payload: rowOf(7).payload }] }).toArray()).toEqual([rowOf(7)]);
    const found = await rows.find({ _id: { $in: [idOf(3), 'not-there', idOf(42)] } }).toArray();
    expect(found.map(({ _id }) => _id).sort()).toEqual([idOf(3), idOf(42)]);
    // Not pushed down (a number among the ids): the answer is the same.
    const mixed = await rows.find({ _id: { $in: [idOf(3), 5 as unknown as string] } }).toArray();
    expect(mixed.map(({ _id }) => _id)).toEqual([idOf(3)]);
    expect(await rows.find({ _id: { $in: [] } }).toArray()).toEqual([]);
  });

  it('writes a bulk of 300 optimistic replacements, refusing one whose revision moved on', async () => {
    const rows = rowsIn(name);
    const replacements: mongo.AnyBulkWriteOperation<Row>[] = Array.from({ length: 300 }, (_, index) => ({
      replaceOne: { filter: { _id: idOf(index), _rev: '1' }, replacement: rowOf(index, 2), upsert: true },
    }));
    const written = await rows.bulkWrite(replacements, { ordered: true });
    expect(written.modifiedCount).toBe(300);
    expect(await rows.findOne({ _id: idOf(299) })).toEqual(rowOf(299, 2));
    // A writer still holding revision 1 matches nothing; its upsert collides on _id.
    await expect(rows.bulkWrite([{ replaceOne: { filter: { _id: idOf(5), _rev: '1' }, replacement: rowOf(5, 3), upsert: true } }])).rejects.toMatchObject({
      code: 11000,
    });
    expect(await rows.findOne({ _id: idOf(5) })).toEqual(rowOf(5, 2));
  });
});

/**
 * A client that opens cursors and starts full scans, says "ready", then waits to be killed. Its
 * cursors stay open on the server (a FerretDB cursor holds a pooled SQLite connection) and its
 * scans are still running when it dies.
 */
const DOOMED_CLIENT = `
const { MongoClient } = require('mongoose').mongo;
(async () => {
  const client = new MongoClient(process.argv[1], { maxPoolSize: 40 });
  await client.connect();
  const rows = client.db(process.argv[2]).collection(process.argv[3]);
  const cursors = Array.from({ length: 20 }, () => rows.find({}).batchSize(2));
  await Promise.all(cursors.map((cursor) => cursor.next()));
  for (let scan = 0; scan < 5; scan += 1) rows.find({ payload: { $regex: 'never-there' } }).toArray().catch(() => {});
  setTimeout(() => process.stdout.write('ready\\n'), 200);
  setInterval(() => {}, 1000);
})();
`;

function killMidQuery(url: string, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', DOOMED_CLIENT, url, database, name], { cwd: join(__dirname, '..', '..'), stdio: ['ignore', 'pipe', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`the doomed client ended on its own (${code}): ${errors}`))));
  });
}

describe('the read-model store after clients are killed mid-query', () => {
  it('answers at once after 6 clients, with 120 cursors open and 30 scans running between them, die by SIGKILL', async () => {
    const name = 'killed_clients';
    const rows = await fill(name, 3_000);
    const { mongodb } = await requireInfrastructure(['mongodb']);
    for (let client = 0; client < 6; client += 1) await killMidQuery(mongodb, name);

    // The same database answers reads and a bulk write of more documents than its pool has connections.
    const startedAt = Date.now();
    await connection.db!.command({ ping: 1 });
    expect(await rows.findOne({ _id: idOf(2_999) })).toEqual(rowOf(2_999));
    const replacements: mongo.AnyBulkWriteOperation<Row>[] = Array.from({ length: 150 }, (_, index) => ({
      replaceOne: { filter: { _id: idOf(index), _rev: '1' }, replacement: rowOf(index, 2), upsert: true },
    }));
    expect((await rows.bulkWrite(replacements)).modifiedCount).toBe(150);
    expect(Date.now() - startedAt).toBeLessThan(30_000);
  }, 180_000);
});
