import { randomInt, randomUUID } from 'node:crypto';
import { IndicatorDefined, ResultSubmitted } from '@eutf/event-catalog';
import type { Role } from '@eutf/identity';
import { createTopicNamespace, deleteTopicNamespace } from '@eutf/service-testing';
import { requireInfrastructure } from '@eutf/testing';
import { Kafka, logLevel } from 'kafkajs';
import { createConnection } from 'mongoose';
import { Pool } from 'pg';
import request from 'supertest';
import { eventually, openThroughReportLink, ServiceProcesses, token } from './e2e-support';

// Free text naming people goes in through every field that takes it; an admin erases it; then it
// is searched for everywhere the system keeps or sends anything: the event store's schema, every
// topic of the run, the reporting database, and every log line both services wrote. Each text
// carries `marker`, which nothing else in the run holds.
const run = randomUUID().replace(/-/g, '').slice(0, 10);
const marker = `Zq${randomUUID().replace(/-/g, '').slice(0, 12)}`;
const reference = `T05-EUTF-SAH-SN-${String(randomInt(10, 99))}-${String(randomInt(10, 99))}`;
const topics = `e2e-erasure-${run}`;
const schema = `e2e_erasure_${run}`;
const texts = {
  delay: `Delayed: Ibrahim Coulibaly ${marker} left the project`,
  milestoneEvidence: `https://example.org/${marker}/ibrahim-coulibaly.pdf`,
  narrative: `Aminata Diallo ${marker} returned from Agadez`,
  resultEvidence: `https://example.org/${marker}/aminata-diallo.jpg`,
  returnReason: `Please remove the name of Moussa Keita ${marker}`,
  suspension: `Suspended after threats to Fatoumata Traore ${marker}`,
};

let brokers: string;
let mongoUrl: URL;
let projects: string;
let reporting: string;
const services = new ServiceProcesses();
const logs: string[] = [];

async function command(path: string, roles: Role[], scope: { country?: string; org?: string }, body: object = {}) {
  const response = await request(projects).post(path).set('Authorization', `Bearer ${await token(roles, scope)}`).send(body);
  expect(response.status).toBeLessThan(300);
  return response;
}

const analyst = () => token(['hq-analyst']);
const get = async (base: string, path: string, bearer: string) => request(base).get(path).set('Authorization', `Bearer ${bearer}`);

/** Every row of every table of the projects service's schema, as text. */
async function everyRow(): Promise<string> {
  const pool = new Pool({ connectionString: process.env['DATABASE_URL'] });
  try {
    const { rows: tables } = await pool.query<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [schema]);
    expect(tables.map((table) => table.table_name)).toEqual(expect.arrayContaining(['events', 'free_texts', 'idempotency_keys']));
    const rows: string[] = [];
    for (const { table_name } of tables) rows.push(...(await pool.query<{ row: string }>(`SELECT t::text AS row FROM "${schema}"."${table_name}" t`)).rows.map((row) => row.row));
    return rows.join('\n');
  } finally {
    await pool.end();
  }
}

/** Every message of every topic of the run, read back from the start: keys, values and headers. */
async function everyMessage(): Promise<{ count: number; text: string }> {
  const kafka = new Kafka({ clientId: `e2e-erasure-reader-${run}`, brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const names = (await admin.listTopics()).filter((topic) => topic.startsWith(`${topics}.`));
  const expected = new Map<string, number>();
  for (const topic of names) {
    for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) expected.set(`${topic}/${partition}`, Number(high) - Number(low));
  }
  await admin.disconnect();
  const total = [...expected.values()].reduce((sum, count) => sum + count, 0);
  const seen: string[] = [];
  const consumer = kafka.consumer({ groupId: `e2e-erasure-reader-${run}-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topics: names, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const headers = Object.entries(message.headers ?? {}).map(([name, value]) => `${name}=${String(value)}`);
      seen.push([message.key?.toString('utf8') ?? '', message.value?.toString('utf8') ?? '', ...headers].join('\n'));
    },
  });
  await eventually('every message of the run read back', async () => seen.length, (count) => count >= total);
  await consumer.disconnect();
  return { count: seen.length, text: seen.join('\n') };
}

/**
 * Every document of every collection of the reporting database, as stored; a read model stored as
 * text also with its text read back (`_doc` parsed), so that a field inside it reads as a field.
 */
async function everyDocument(): Promise<{ count: number; text: string }> {
  const connection = await createConnection(mongoUrl.toString()).asPromise();
  try {
    const database = connection.db;
    if (!database) throw new Error('no reporting database');
    const documents: unknown[] = [];
    for (const { name } of await database.listCollections().toArray()) documents.push(...(await database.collection(name).find({}).toArray()));
    const readBack = documents.map((document) => {
      const text = (document as { _doc?: unknown })._doc;
      return typeof text === 'string' ? { ...(document as object), _doc: JSON.parse(text) as unknown } : document;
    });
    return { count: documents.length, text: `${JSON.stringify(documents)}\n${JSON.stringify(readBack)}` };
  } finally {
    await connection.close();
  }
}

beforeAll(async () => {
  const endpoints = await requireInfrastructure(['postgresql', 'kafka', 'mongodb']);
  brokers = endpoints.kafka;
  await createTopicNamespace(brokers, topics);
  mongoUrl = new URL(endpoints.mongodb);
  mongoUrl.pathname = `/e2e_erasure_${run}`;
  const capture = { logLevel: 'debug', onOutput: (chunk: string) => logs.push(chunk) };
  projects = await services.start('projects', { DATABASE_SCHEMA: schema, EUTF_TOPIC_NAMESPACE: topics }, capture);
  reporting = await services.start(
    'reporting',
    { MONGO_URL: mongoUrl.toString(), CONSUMER_GROUP_PREFIX: `reporting-e2e-erasure-${run}`, EUTF_TOPIC_NAMESPACE: topics, EUTF_PROJECTS_URL: projects },
    capture,
  );
}, 120_000);

afterAll(async () => {
  await services.stopAll();
  const pool = new Pool({ connectionString: process.env['DATABASE_URL'] });
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await pool.end();
  if (mongoUrl) {
    const connection = await createConnection(mongoUrl.toString()).asPromise();
    await connection.dropDatabase();
    await connection.close();
  }
  if (brokers) await deleteTopicNamespace(brokers, topics);
});

describe('free text erased by an admin is nowhere afterwards, and every report still computes', () => {
  const officer = { country: 'SN' };
  const partner = { org: 'IOM' };

  it('shows the texts in the reports until an admin erases them, then finds them in no event, message, document or log line', async () => {
    await command('/projects', ['delegation-officer'], officer, {
      reference,
      title: 'Protection and reintegration of returnees in Senegal',
      window: 'SAH',
      countries: ['SN'],
      implementingPartners: ['IOM'],
      euContributionCents: 1_000_000_00,
      startDate: '2017-01-01',
      endDate: '2019-12-31',
      objectives: { eutfStrategicObjectives: [3], vallettaDomains: [5], gcmObjectives: [21], ponamAxes: [] },
    });
    await command(`/projects/${reference}/implementation-start`, ['delegation-officer'], officer, { startedOn: '2017-01-01' });
    await command(`/projects/${reference}/milestones`, ['delegation-officer'], officer, { milestoneId: 'm1', title: 'Reception centre open', dueDate: '2017-09-30' });
    await command(`/projects/${reference}/milestones/m1/delays`, ['delegation-officer'], officer, { newDueDate: '2017-12-31', reason: texts.delay });
    await command(`/projects/${reference}/milestones/m1/reached`, ['delegation-officer'], officer, { reachedOn: '2017-12-01', evidenceLinks: [texts.milestoneEvidence] });
    await command(`/projects/${reference}/indicators`, ['delegation-officer'], officer, IndicatorDefined.example);
    // The event's reporting organisation and subject come from the token, never from the request.
    const { resultId, reportingOrg: _reportingOrg, reportingSubject: _reportingSubject, ...result } = ResultSubmitted.example;
    await command(`/projects/${reference}/results/${resultId}/submission`, ['implementing-partner'], partner, { ...result, narrative: texts.narrative, evidenceLinks: [texts.resultEvidence] });
    await command(`/projects/${reference}/results/${resultId}/return`, ['delegation-officer'], officer, { reason: texts.returnReason });
    await command(`/projects/${reference}/suspension`, ['delegation-officer'], officer, { reason: texts.suspension });

    // Before: the reports show the reasons, resolved from the projects service's store.
    type Reason = { textId: string | null; status: string; text: string | null };
    const returnReasonShown = async () => {
      const response = await get(reporting, '/countries/SN/factsheet', await analyst());
      const lines = (response.body.results.returnedForRevision as Array<{ reference: string; returnReason: Reason }>).filter((line) => line.reference === reference);
      return lines[0]?.returnReason;
    };
    expect(await eventually('the returned result in the factsheet', returnReasonShown, (reason) => reason?.status === 'shown')).toMatchObject({ text: texts.returnReason });
    const register = await eventually(
      'the suspended project in the register',
      async () => (await get(reporting, `/projects/${reference}`, await analyst())).body as { status: string; milestones: Array<{ delayReasons: Reason[] }> },
      (project) => project.status === 'suspended',
    );
    expect(register.milestones[0]?.delayReasons).toEqual([expect.objectContaining({ status: 'shown', text: texts.delay })]);
    const rowsBefore = await everyRow();

    // Before: the texts are in the store's table (the search sees them), and already on no topic and in no document.
    expect(Object.values(texts).every((text) => rowsBefore.includes(text))).toBe(true);
    const [messagesBefore, documentsBefore] = await Promise.all([everyMessage(), everyDocument()]);
    expect([messagesBefore.text.includes(marker), documentsBefore.text.includes(marker)]).toEqual([false, false]);

    // The admin finds the texts' ids in the audit trail and erases each.
    const admin = await token(['admin']);
    const history = (await get(projects, `/projects/${reference}/history`, admin)).body.entries as Array<{ texts: Reason[] }>;
    const ids = history.flatMap((entry) => entry.texts.map((text) => text.textId as string));
    expect(ids).toHaveLength(Object.keys(texts).length);
    for (const textId of ids) {
      const erased = await request(projects).post(`/projects/${reference}/free-texts/${textId}/erasure`).set('Authorization', `Bearer ${admin}`).send({ reasonCode: 'data-subject-request' });
      expect(erased.status).toBe(200);
    }

    // The read model has seen every erasure (the last events of the stream).
    await eventually(
      'the erasures in the read model',
      async () => (await everyDocument()).text,
      (text) => ids.every((textId) => new RegExp(`"erasedTexts":\\[[^\\]]*"${textId}"`).test(text)),
    );

    // Every report still computes, with the marker where the text was.
    const factsheet = await get(reporting, '/countries/SN/factsheet', await analyst());
    expect(factsheet.status).toBe(200);
    expect(await returnReasonShown()).toEqual({ textId: expect.any(String), status: 'erased', text: null });
    const html = await openThroughReportLink(reporting, '/countries/SN/factsheet.html', await analyst());
    expect(html.status).toBe(200);
    expect(html.text).toContain('<span class="none">erased</span>');
    const csv = await get(reporting, '/countries/SN/factsheet/results.csv', await analyst());
    expect(csv.status).toBe(200);
    expect(csv.text.split('\r\n').find((line) => line.includes(reference))).toMatch(/,returned-for-revision,no,,erased$/);
    expect((await get(reporting, '/countries/SN/factsheet/projects.csv', await analyst())).status).toBe(200);
    const project = await get(reporting, `/projects/${reference}`, await analyst());
    expect(project.status).toBe(200);
    expect(project.body.milestones[0].delayReasons).toEqual([{ textId: expect.any(String), status: 'erased', text: null }]);
    expect((await get(reporting, '/projects?country=SN', await analyst())).status).toBe(200);
    const trail = await get(projects, `/projects/${reference}/history`, await token(['delegation-officer'], officer));
    const erasures = (trail.body.entries as Array<{ what: { event: string }; who: { subject: string; role: string } }>).filter((entry) => entry.what.event === 'FreeTextErased');
    expect(erasures).toHaveLength(ids.length);
    expect(erasures.every((entry) => entry.who.role === 'admin' && entry.who.subject === 'admin-hq')).toBe(true);

    // Nowhere: not in the store's schema, not on any topic, not in MongoDB, not in any log line, not in any answer.
    const [rows, messages, documents] = await Promise.all([everyRow(), everyMessage(), everyDocument()]);
    const logText = logs.join('');
    expect(logText).toContain('request completed');
    expect(messages.count).toBeGreaterThanOrEqual(9 + ids.length);
    const places = {
      'PostgreSQL (every table of the schema)': rows,
      'Kafka (every message of every topic)': messages.text,
      'MongoDB (every document)': documents.text,
      'logs (both services, debug)': logText,
      'reports (JSON, HTML, CSV, register, history)': [JSON.stringify(factsheet.body), html.text, csv.text, JSON.stringify(project.body), JSON.stringify(trail.body)].join('\n'),
    };
    const found = Object.entries(places).filter(([, haystack]) => haystack.includes(marker)).map(([where]) => where);
    // The counts for the closing note: what was erased, and where it could still be found.
    process.stdout.write(
      `erasure: ${ids.length} free texts erased; searched ${rows.split('\n').length} rows, ${messages.count} Kafka messages, ${documents.count} MongoDB documents, ${logText.split('\n').length} log lines; found in: ${found.length ? found.join(', ') : 'nowhere'}\n`,
    );
    expect(found).toEqual([]);
  }, 180_000);
});
