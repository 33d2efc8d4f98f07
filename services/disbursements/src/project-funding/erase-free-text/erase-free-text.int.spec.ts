import { everyRowOfSchema } from '@eutf/service-testing';
import { randomUUID } from 'node:crypto';
import { CommitmentRecorded, ContractSigned, TrancheRequested } from '@eutf/event-catalog';
import { EVENT_TOPICS, KAFKA, topicIn } from '@eutf/messaging';
import type { Kafka } from 'kafkajs';
import request from 'supertest';
import { disbursementsAppForSpec, finance, libyaProject, officer, partner, tokenFor } from '../../test-support/disbursements-app';

const service = disbursementsAppForSpec('erasure');
const projectId = `ly-erasure-${randomUUID().slice(0, 8)}`;
// A text no other row or message could hold by chance.
const marker = `Zq${randomUUID().replace(/-/g, '').slice(0, 12)}`;
const texts = { amendment: `Top-up asked by Ali Ben Salem ${marker}`, rejection: `Invoice signed by Salma Haddad ${marker} is forged` };
const { contractId, ...tranche } = TrancheRequested.example;

type Entry = { textId: string; field: string; status: string; text: string | null };
const listAs = async (bearer: string) => request(service.app.getHttpServer()).get(`/projects/${projectId}/funding/free-texts`).set('Authorization', `Bearer ${bearer}`);

/** Every row of every table of the service's schema, as text. */
const everyRow = () => everyRowOfSchema('disbursements_erasure_%', '%_view');

/** The ledger's messages on the disbursements topic (key, value, headers), read back from its start once the relay has sent `count` of them. */
async function ledgerMessages(count: number): Promise<string[]> {
  const kafka = service.app.get<Kafka>(KAFKA);
  const seen: string[] = [];
  const consumer = kafka.consumer({ groupId: `test.erasure.${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [topicIn(process.env['EUTF_TOPIC_NAMESPACE'], EVENT_TOPICS.disbursements)], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const headers = Object.entries(message.headers ?? {}).map(([name, value]) => `${name}=${String(value)}`);
      const text = [message.key?.toString('utf8') ?? '', message.value?.toString('utf8') ?? '', ...headers].join('\n');
      if (text.includes(projectId)) seen.push(text);
    },
  });
  for (const deadline = Date.now() + 30_000; seen.length < count; ) {
    if (Date.now() > deadline) throw new Error(`only ${seen.length} of the ledger's ${count} messages reached the topic`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await consumer.disconnect();
  return seen;
}

describe("a funding ledger's free text, kept apart and erased by an admin", () => {
  beforeAll(async () => {
    await service.projectHistory(projectId, [libyaProject(projectId), { type: 'ProjectImplementationStarted', data: { startedOn: '2017-08-01' } }]);
    const ledger = `/projects/${projectId}`;
    const steps: Array<[string, string, object]> = [
      [`${ledger}/commitment`, await finance(), CommitmentRecorded.example],
      [`${ledger}/commitment/amendments`, await finance(), { change: 'top-up', amountCents: 1_000_00, amendedOn: '2018-03-15', reason: texts.amendment }],
      [`${ledger}/contracts`, await finance(), ContractSigned.example],
      [`${ledger}/contracts/${contractId}/tranches`, await partner('IOM'), tranche],
      [`${ledger}/contracts/${contractId}/tranches/${tranche.trancheId}/rejection`, await officer('LY'), { reason: texts.rejection }],
    ];
    for (const [path, bearer, body] of steps) expect((await service.post(path, bearer, body)).status).toBeLessThan(300);
  });

  it('keeps the reasons out of the events and the topic, and lets only an admin erase them; then no row of the schema holds them', async () => {
    const rows = await everyRow();
    expect([rows.includes(texts.amendment), rows.includes(texts.rejection)]).toEqual([true, true]);
    const events = JSON.stringify((await service.store.readStream(`project-funding-${projectId}`)).events, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
    expect(events).not.toContain(marker);

    const listed = await listAs(await tokenFor(['admin']));
    expect(listed.status).toBe(200);
    const entries = listed.body.texts as Entry[];
    expect(entries.map(({ field, status, text }) => ({ field, status, text }))).toEqual([
      { field: 'reason', status: 'shown', text: texts.amendment },
      { field: 'reason', status: 'shown', text: texts.rejection },
    ]);
    expect((await listAs(await finance())).status).toBe(403);

    const erase = async (bearer: string, textId: string) =>
      service.post(`/projects/${projectId}/funding/free-texts/${textId}/erasure`, bearer, { reasonCode: 'personal-data' });
    expect((await erase(await finance(), entries[0]?.textId as string)).status).toBe(403);
    expect((await erase(await tokenFor(['admin']), randomUUID())).body).toMatchObject({ status: 422, rule: 'free-text-not-found' });
    for (const entry of entries) expect((await erase(await tokenFor(['admin']), entry.textId)).status).toBe(200);
    expect((await erase(await tokenFor(['admin']), entries[0]?.textId as string)).body).toMatchObject({ status: 409, rule: 'free-text-already-erased' });

    expect(await everyRow()).not.toContain(marker);
    const after = (await listAs(await tokenFor(['admin']))).body.texts as Entry[];
    expect(after.map(({ status, text }) => ({ status, text }))).toEqual([
      { status: 'erased', text: null },
      { status: 'erased', text: null },
    ]);
    // Commitment, amendment, contract, request, rejection and the two erasures: none on the topic holds the text.
    const messages = await ledgerMessages(7);
    expect(messages.filter((message) => message.includes(marker))).toEqual([]);
    expect(messages.filter((message) => message.includes('FreeTextErased'))).toHaveLength(2);
  });
});
