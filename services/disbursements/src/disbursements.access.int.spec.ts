import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { CommitmentAmended, CommitmentRecorded, ContractSigned, ExpenditureReported, FundsRecovered, TranchePaid, TrancheRequested } from '@eutf/event-catalog';
import { FUNDING_RULES, type FundingRule } from '@eutf/disbursements-domain';
import { ROLES, type Role } from '@eutf/identity';
import { disbursementsAppForSpec, finance, libyaProject, officer, partner, tokenAs } from './test-support/disbursements-app';

const service = disbursementsAppForSpec('access');
const { contractId: _c1, ...tranche } = TrancheRequested.example;
const { contractId: _c2, trancheId: _t, ...payment } = TranchePaid.example;
const { contractId: _c3, ...recovery } = { ...FundsRecovered.example, reason: 'Unspent balance at closure' };
const { contractId: _c4, ...expenditure } = ExpenditureReported.example;

describe("a project's funding, route by route", () => {
  it('walks every route in the order money moves: 401 without a token, 403 for every other role and out of scope, 2xx for its actor, then a broken rule named with the stream unchanged', async () => {
    const projectId = `ly-walk-${randomUUID().slice(0, 8)}`;
    await service.projectHistory(projectId, [libyaProject(projectId)]);
    const actors = { finance: await finance(), officer: await officer('LY'), officerML: await officer('ML'), iom: await partner('IOM'), giz: await partner('GIZ') };
    const ledger = `/projects/${projectId}`;
    const contract = `${ledger}/contracts/${ContractSigned.example.contractId}`;
    const trancheAt = `${contract}/tranches/${tranche.trancheId}`;
    type Actor = keyof typeof actors;
    type Step = { path: string; body?: object; actor: Actor; role: Role; status: 200 | 201; outOfScope?: Actor; thenBreaks: { rule: FundingRule; path?: string; body?: object } };
    const steps: Step[] = [
      { path: `${ledger}/commitment`, body: CommitmentRecorded.example, actor: 'finance', role: 'hq-finance', status: 201, thenBreaks: { rule: 'commitment-already-recorded' } },
      {
        path: `${ledger}/commitment/amendments`,
        body: { ...CommitmentAmended.example, reason: 'Operational committee decision', change: 'de-commitment', amountCents: 40_000_000_00 },
        actor: 'finance',
        role: 'hq-finance',
        status: 201,
        thenBreaks: { rule: 'decommitment-below-contracted', body: { ...CommitmentAmended.example, reason: 'Operational committee decision', change: 'de-commitment', amountCents: 50_000_000_01 } },
      },
      { path: `${ledger}/contracts`, body: ContractSigned.example, actor: 'finance', role: 'hq-finance', status: 201, thenBreaks: { rule: 'contract-already-signed' } },
      { path: `${contract}/tranches`, body: tranche, actor: 'iom', role: 'implementing-partner', status: 201, outOfScope: 'giz', thenBreaks: { rule: 'tranche-already-requested' } },
      { path: `${trancheAt}/approval`, actor: 'officer', role: 'delegation-officer', status: 200, outOfScope: 'officerML', thenBreaks: { rule: 'tranche-not-pending' } },
      {
        path: `${trancheAt}/rejection`,
        body: { reason: 'Too late' },
        actor: 'officer',
        role: 'delegation-officer',
        status: 200,
        outOfScope: 'officerML',
        thenBreaks: { rule: 'tranche-unknown', path: `${contract}/tranches/t-none/rejection` },
      },
      { path: `${trancheAt}/payment`, body: payment, actor: 'finance', role: 'hq-finance', status: 200, thenBreaks: { rule: 'tranche-already-paid' } },
      { path: `${contract}/recoveries`, body: recovery, actor: 'finance', role: 'hq-finance', status: 201, thenBreaks: { rule: 'recovery-already-recorded' } },
      { path: `${contract}/expenditures`, body: expenditure, actor: 'iom', role: 'implementing-partner', status: 201, outOfScope: 'giz', thenBreaks: { rule: 'expenditure-already-reported' } },
    ];
    const streamId = `project-funding-${projectId}`;
    for (const step of steps) {
      const send = (bearer?: string, path = step.path, body = step.body) => service.post(path, bearer, body);
      const before = await service.versionOf(streamId);
      const seen: Record<string, number> = { none: (await send()).status };
      for (const role of ROLES.filter((candidate) => candidate !== step.role)) seen[role] = (await send(await tokenAs(role))).status;
      if (step.outOfScope) seen[step.outOfScope] = (await send(actors[step.outOfScope])).status;
      // Refusals leave no trace.
      expect(await service.versionOf(streamId)).toBe(before);
      const expected: Record<string, number> = { none: 401 };
      for (const role of ROLES.filter((candidate) => candidate !== step.role)) expected[role] = 403;
      // Another country's officer gets what a project never seen gets (409 project-unknown); a co-partner, 403 for a contract not its own.
      if (step.outOfScope) expected[step.outOfScope] = step.outOfScope === 'officerML' ? 409 : 403;
      // The rejection comes after the approval in this walk: its own 2xx is shown on a fresh request.
      if (step.path.endsWith('/rejection')) {
        expect((await send(actors.iom, `${contract}/tranches`, { ...tranche, trancheId: 't-rejected', amountCents: 1 })).status).toBe(201);
        seen[step.actor] = (await send(actors[step.actor], `${contract}/tranches/t-rejected/rejection`)).status;
      } else {
        seen[step.actor] = (await send(actors[step.actor])).status;
      }
      expected[step.actor] = step.status;
      expect({ step: step.path, ...seen }).toEqual({ step: step.path, ...expected });

      const after = await service.versionOf(streamId);
      const broken = await send(actors[step.actor], step.thenBreaks.path, step.thenBreaks.body);
      expect({ step: step.path, status: broken.status, rule: broken.body.rule }).toEqual({ step: step.path, status: FUNDING_RULES[step.thenBreaks.rule].status, rule: step.thenBreaks.rule });
      expect(await service.versionOf(streamId)).toBe(after);
    }
  });

  it("lets only the lead country's officer decide a tranche of a project in several countries: a participating officer gets 403 officer-not-lead-country, an unlisted one 409 project-unknown, and reads the ledger's history", async () => {
    const projectId = `ly-ne-walk-${randomUUID().slice(0, 8)}`;
    const regional = libyaProject(projectId);
    // Led by Libya, Niger participates; Mali is not listed.
    await service.projectHistory(projectId, [{ ...regional, data: { ...regional.data, countries: ['NE', 'LY'], leadCountry: 'LY' } } as typeof regional]);
    const [lead, participant, unlisted] = [await officer('LY'), await officer('NE'), await officer('ML')];
    const ledger = `/projects/${projectId}`;
    const contract = `${ledger}/contracts/${ContractSigned.example.contractId}`;
    expect((await service.post(`${ledger}/commitment`, await finance(), CommitmentRecorded.example)).status).toBe(201);
    expect((await service.post(`${ledger}/contracts`, await finance(), ContractSigned.example)).status).toBe(201);
    for (const trancheId of ['t-approved', 't-rejected']) {
      expect((await service.post(`${contract}/tranches`, await partner('IOM'), { ...tranche, trancheId, amountCents: 1_000_00 })).status).toBe(201);
    }
    const streamId = `project-funding-${projectId}`;
    for (const [decision, trancheId, body] of [['approval', 't-approved', undefined], ['rejection', 't-rejected', { reason: 'Too late' }]] as const) {
      const path = `${contract}/tranches/${trancheId}/${decision}`;
      const before = await service.versionOf(streamId);
      const [asParticipant, asUnlisted] = [await service.post(path, participant, body), await service.post(path, unlisted, body)];
      expect({ decision, participant: [asParticipant.status, asParticipant.body.rule], unlisted: [asUnlisted.status, asUnlisted.body.rule] }).toEqual({
        decision,
        participant: [403, 'officer-not-lead-country'],
        unlisted: [409, 'project-unknown'],
      });
      expect(await service.versionOf(streamId)).toBe(before);
      expect({ decision, lead: (await service.post(path, lead, body)).status }).toEqual({ decision, lead: 200 });
    }
    const history = async (bearer: string) => (await request(service.app.getHttpServer()).get(`${ledger}/funding/history`).set('Authorization', `Bearer ${bearer}`)).status;
    expect([await history(lead), await history(participant), await history(unlisted)]).toEqual([200, 200, 404]);
  });

  it('answers a replayed Idempotency-Key with the first receipt, and a stale If-Match with 409', async () => {
    const projectId = `ly-keys-${randomUUID().slice(0, 8)}`;
    await service.projectHistory(projectId, [libyaProject(projectId)]);
    const key = { 'Idempotency-Key': `commit-${projectId}` };
    const first = await service.post(`/projects/${projectId}/commitment`, await finance(), CommitmentRecorded.example, key);
    const again = await service.post(`/projects/${projectId}/commitment`, await finance(), CommitmentRecorded.example, key);
    expect([first.status, first.headers['etag']]).toEqual([201, '"1"']);
    expect([again.status, again.headers['idempotent-replayed'], again.body.eventIds]).toEqual([201, 'true', first.body.eventIds]);
    const stale = await service.post(`/projects/${projectId}/contracts`, await finance(), ContractSigned.example, { 'If-Match': '"0"' });
    expect(stale.status).toBe(409);
    expect((await service.post(`/projects/${projectId}/contracts`, await finance(), ContractSigned.example, { 'If-Match': '"1"' })).status).toBe(201);
  });

  it('refuses new contracts and requests once the project is suspended, as the projects topic says', async () => {
    const projectId = `ly-suspended-${randomUUID().slice(0, 8)}`;
    await service.projectHistory(projectId, [libyaProject(projectId)]);
    await service.post(`/projects/${projectId}/commitment`, await finance(), CommitmentRecorded.example);
    await service.projectHistory(projectId, [
      { type: 'ProjectImplementationStarted', data: { startedOn: '2017-08-01' } },
      { type: 'ProjectSuspended', data: { suspendedOn: '2018-01-15', reason: { textId: randomUUID() } } },
    ]);
    const refused = await service.post(`/projects/${projectId}/contracts`, await finance(), ContractSigned.example);
    expect([refused.status, refused.body.rule]).toEqual([409, 'project-not-open']);
  });
});
