import { everyRowOfSchema } from '@eutf/service-testing';
import { randomUUID } from 'node:crypto';
import { IndicatorDefined } from '@eutf/event-catalog';
import request from 'supertest';
import { officer, partner, projectsAppForSpec, registrationOf, tokenFor } from '../../test-support/projects-app';
import { RESULT_EXAMPLE } from '../result.request';

const service = projectsAppForSpec('erasure');
const reference = 'T05-EUTF-SAH-ML-07';
// A text no other row could hold by chance: what the store and the log are searched for.
const run = randomUUID().slice(0, 8);
const reason = `Aminata Diallo of Kayes ${run} refused the interview`;
const narrative = `Moussa Keita ${run} returned from Agadez`;
const link = `https://example.org/photos/moussa-keita-${run}.jpg`;

type Text = { field: string; textId: string | null; status: string; text: string | null };
type Entry = { what: { event: string; summary: string }; who: { subject: string; role: string }; why: { reason: Text | null }; texts: Text[] };

const historyAs = async (bearer: string) =>
  (await request(service.app.getHttpServer()).get(`/projects/${reference}/history`).set('Authorization', `Bearer ${bearer}`)).body.entries as Entry[];

/** Every row of every table of the service's schema, as text: the events, the free texts, the idempotency keys. */
const everyRow = () => everyRowOfSchema('projects_erasure_%');

describe('free text, kept apart and erased by an admin', () => {
  const admin = () => tokenFor(['admin']);

  beforeAll(async () => {
    const steps: Array<[string, string, object]> = [
      ['/projects', await officer('ML'), registrationOf(reference)],
      [`/projects/${reference}/indicators`, await officer('ML'), IndicatorDefined.example],
      [`/projects/${reference}/results/r1/submission`, await partner('IOM'), { ...RESULT_EXAMPLE, narrative, evidenceLinks: [link] }],
      [`/projects/${reference}/results/r1/return`, await officer('ML'), { reason }],
    ];
    for (const [path, bearer, body] of steps) expect((await service.post(path, bearer, body)).status).toBeLessThan(300);
  });

  it('keeps the text out of every event, in the store beside them, and shows it in the history with its id', async () => {
    const events = (await service.store.readStream(`project-${reference}`)).events;
    const log = JSON.stringify(events, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
    for (const text of [reason, narrative, link]) expect(log).not.toContain(text);
    for (const text of [reason, narrative, link]) expect(await everyRow()).toContain(text);
    const returned = (await historyAs(await officer('ML'))).find((entry) => entry.what.event === 'ResultReturnedForRevision');
    expect(returned?.why.reason).toMatchObject({ status: 'shown', text: reason });
    const submitted = (await historyAs(await officer('ML'))).find((entry) => entry.what.event === 'ResultSubmitted');
    expect(submitted?.texts).toEqual([
      expect.objectContaining({ field: 'narrative', status: 'shown', text: narrative }),
      expect.objectContaining({ field: 'evidenceLinks', status: 'shown', text: link }),
    ]);
  });

  it('lets only an admin erase, only a text of the project, once; then nothing in the schema holds it', async () => {
    const entries = await historyAs(await admin());
    const ids = entries.flatMap((entry) => [...entry.texts]).map((text) => text.textId as string);
    expect(ids).toHaveLength(3);
    const erase = async (bearer: string, textId: string, body: object = { reasonCode: 'data-subject-request' }) =>
      service.post(`/projects/${reference}/free-texts/${textId}/erasure`, bearer, body);

    // A token without the admin role is refused before the project is looked at.
    for (const bearer of [await officer('ML'), await partner('IOM'), await tokenFor(['hq-analyst'])]) expect((await erase(bearer, ids[0] as string)).status).toBe(403);
    expect((await erase(await admin(), randomUUID())).body).toMatchObject({ status: 422, rule: 'free-text-not-found' });
    expect((await erase(await admin(), ids[0] as string, { reasonCode: 'because' })).status).toBe(400);
    for (const textId of ids) expect((await erase(await admin(), textId)).status).toBe(200);
    expect((await erase(await admin(), ids[0] as string)).body).toMatchObject({ status: 409, rule: 'free-text-already-erased' });

    const stored = await everyRow();
    for (const text of [reason, narrative, link]) expect(stored).not.toContain(text);

    // The audit trail says that it happened, by whom and why, never what the text was.
    const after = await historyAs(await officer('ML'));
    const erasures = after.filter((entry) => entry.what.event === 'FreeTextErased');
    expect(erasures).toHaveLength(3);
    expect(erasures[0]).toMatchObject({ who: { subject: 'admin-hq', role: 'admin' }, what: { summary: expect.stringContaining('erased: data-subject-request') } });
    expect(after.find((entry) => entry.what.event === 'ResultReturnedForRevision')?.why.reason).toEqual({ textId: ids[2], status: 'erased', text: null });
    expect(JSON.stringify(after)).not.toMatch(new RegExp(run));

    const lookup = await request(service.app.getHttpServer()).get(`/free-texts?ids=${ids.join(',')}`).set('Authorization', `Bearer ${await tokenFor(['hq-analyst'])}`);
    expect(lookup.status).toBe(200);
    expect(lookup.body.texts).toHaveLength(3);
    expect(lookup.body.texts.every((entry: { status: string; text: string | null }) => entry.status === 'erased' && entry.text === null)).toBe(true);
    expect((await request(service.app.getHttpServer()).get(`/free-texts?ids=${ids[0]}`).set('Authorization', `Bearer ${await partner('IOM')}`)).status).toBe(403);
  });
});
