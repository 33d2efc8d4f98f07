import { randomUUID } from 'node:crypto';
import { officer, projectsAppForSpec, registrationOf } from '../../test-support/projects-app';

const service = projectsAppForSpec('define_milestone');
const reference = 'T05-EUTF-SAH-ML-07';
const milestone = { milestoneId: 'm1', title: 'Reintegration counselling centre open in Bamako', dueDate: '2017-09-30' };

beforeAll(async () => {
  expect((await service.post('/projects', await officer('ML'), registrationOf(reference))).status).toBe(201);
});

afterEach(() => jest.useRealTimers());

describe('a command retried with its Idempotency-Key, or pinned with If-Match', () => {
  it('returns the first result for a retried request with the same Idempotency-Key, and refuses the key for another request', async () => {
    const key = `milestone-${randomUUID()}`;
    const first = await service.post(`/projects/${reference}/milestones`, await officer('ML'), milestone, { 'Idempotency-Key': key });
    const again = await service.post(`/projects/${reference}/milestones`, await officer('ML'), milestone, { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    expect(again.body).toEqual({ ...first.body, replayed: true });
    expect(again.headers['idempotent-replayed']).toBe('true');
    const reused = await service.post(`/projects/${reference}/milestones`, await officer('ML'), { ...milestone, milestoneId: 'm2' }, { 'Idempotency-Key': key });
    expect(reused.status).toBe(422);
  });

  it('replays a request retried on a later day: the command keeps the date of its first attempt', async () => {
    const key = `milestone-${randomUUID()}`;
    const later = { ...milestone, milestoneId: 'm3' };
    const first = await service.post(`/projects/${reference}/milestones`, await officer('ML'), later, { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    // Only the clock moves on (a day and a bit); timers and I/O run as they are.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
    jest.setSystemTime(Date.now() + 26 * 60 * 60 * 1000);
    const nextDay = await service.post(`/projects/${reference}/milestones`, await officer('ML'), later, { 'Idempotency-Key': key });
    expect(nextDay.status).toBe(201);
    expect(nextDay.body).toEqual({ ...first.body, replayed: true });
    const recorded = (await service.store.readStream(`project-${reference}`)).events.filter((event) => event.type === 'MilestoneDefined');
    expect(recorded.map((event) => (event.data as { milestoneId: string }).milestoneId)).toEqual(['m1', 'm3']);
  });

  it('takes If-Match: * as "whatever version there is"; a project that does not exist gets the 404 any command on it gets', async () => {
    const anyVersion = await service.post(`/projects/${reference}/milestones`, await officer('ML'), { ...milestone, milestoneId: 'm4' }, { 'If-Match': '*' });
    expect(anyVersion.status).toBe(201);
    const absent = await service.post('/projects/T05-EUTF-SAH-ML-99/milestones', await officer('ML'), { ...milestone, milestoneId: 'm4' }, { 'If-Match': '*' });
    // The decider speaks before If-Match is compared: otherwise If-Match would tell anyone whether a project exists.
    expect(absent.status).toBe(404);
    expect(absent.body).toMatchObject({ rule: 'project-not-registered' });
    const unreadable = await service.post(`/projects/${reference}/milestones`, await officer('ML'), { ...milestone, milestoneId: 'm5' }, { 'If-Match': 'three' });
    expect(unreadable.status).toBe(400);
    expect(unreadable.body.errors).toEqual([{ field: 'headers.if-match', message: 'expected an ETag such as "3", or *' }]);
  });

  it('refuses a command whose If-Match is not the current version with 409', async () => {
    const stale = await service.post(`/projects/${reference}/milestones`, await officer('ML'), { ...milestone, milestoneId: 'm6' }, { 'If-Match': '"1"' });
    expect(stale.status).toBe(409);
    expect(stale.body.type).toBe('https://eutf-monitoring/problems/concurrency-conflict');
  });
});

describe('writers that do not pin a version', () => {
  it('all land when 16 officers define milestones of one project at once without If-Match: no 409, no gap, each milestone once', async () => {
    const projectId = `ml-racing-milestones-${randomUUID().slice(0, 8)}`;
    expect((await service.post('/projects', await officer('ML'), { ...registrationOf(`T05-EUTF-SAH-ML-${randomUUID().slice(0, 4)}`), reference: null, projectId })).status).toBe(201);
    const bearer = await officer('ML');
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, index) => service.post(`/projects/${projectId}/milestones`, bearer, { ...milestone, milestoneId: `m${index}` })),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 16 }, () => 201));
    const stream = await service.store.readStream(`project-${projectId}`);
    expect(stream.streamVersion).toBe(17n);
    const defined = stream.events.filter((event) => event.type === 'MilestoneDefined').map((event) => (event.data as { milestoneId: string }).milestoneId);
    expect(new Set(defined).size).toBe(16);
    expect(stream.events.map((event) => event.streamVersion)).toEqual(Array.from({ length: 17 }, (_, index) => BigInt(index + 1)));
  });

  it('replay the first answer when 10 retries of one request race with the same Idempotency-Key: one milestone, one event', async () => {
    const projectId = `ml-racing-retries-${randomUUID().slice(0, 8)}`;
    expect((await service.post('/projects', await officer('ML'), { ...registrationOf(`T05-EUTF-SAH-ML-${randomUUID().slice(0, 4)}`), reference: null, projectId })).status).toBe(201);
    const bearer = await officer('ML');
    const key = `racing-${randomUUID()}`;
    const answers = await Promise.all(Array.from({ length: 10 }, () => service.post(`/projects/${projectId}/milestones`, bearer, milestone, { 'Idempotency-Key': key })));
    expect(answers.map((answer) => [answer.status, answer.body.rule ?? answer.body.type])).toEqual(Array.from({ length: 10 }, () => [201, undefined]));
    expect(answers.filter((answer) => answer.body.replayed === false)).toHaveLength(1);
    expect(new Set(answers.map((answer) => answer.body.eventIds[0])).size).toBe(1);
    expect((await service.store.readStream(`project-${projectId}`)).streamVersion).toBe(2n);
  });
});
