import { randomUUID } from 'node:crypto';
import { CommitmentRecorded, ContractSigned, TrancheRequested } from '@eutf/event-catalog';
import request from 'supertest';
import { disbursementsAppForSpec, finance, libyaProject, officer, partner, tokenFor } from '../../test-support/disbursements-app';

const service = disbursementsAppForSpec('funding_history');
const { contractId: _contract, ...tranche } = TrancheRequested.example;

type Entry = { streamVersion: string; who: { role: string; org?: string; country?: string }; what: { event: string; summary: string }; why: { reason: string | null; request: { method: string; path: string } | null } };
const historyOf = async (projectId: string, bearer?: string) => {
  let call = request(service.app.getHttpServer()).get(`/projects/${projectId}/funding/history`);
  if (bearer) call = call.set('Authorization', `Bearer ${bearer}`);
  return call;
};

describe("a project's funding ledger, change by change", () => {
  const projectId = `ly-history-${randomUUID().slice(0, 8)}`;
  const iomContract = ContractSigned.example.contractId;
  const gizContract = `${iomContract}-giz`;

  beforeAll(async () => {
    await service.projectHistory(projectId, [libyaProject(projectId)]);
    const ledger = `/projects/${projectId}`;
    const steps: Array<[string, string, object | undefined]> = [
      [`${ledger}/commitment`, await finance(), CommitmentRecorded.example],
      [`${ledger}/contracts`, await finance(), ContractSigned.example],
      [`${ledger}/contracts`, await finance(), { ...ContractSigned.example, contractId: gizContract, partnerOrg: 'GIZ', amountCents: 20_000_000_00 }],
      [`${ledger}/contracts/${iomContract}/tranches`, await partner('IOM'), tranche],
      [`${ledger}/contracts/${iomContract}/tranches/${tranche.trancheId}/rejection`, await officer('LY'), { reason: 'The interim report is missing' }],
    ];
    for (const [path, bearer, body] of steps) expect((await service.post(path, bearer, body)).status).toBeLessThan(300);
  });

  it('shows headquarters and the country officer every change: who, what in words, and why', async () => {
    for (const bearer of [await finance(), await tokenFor(['hq-analyst']), await officer('LY')]) {
      const response = await historyOf(projectId, bearer);
      expect(response.status).toBe(200);
      const entries = response.body.entries as Entry[];
      expect(entries.map((entry) => entry.what.event)).toEqual(['CommitmentRecorded', 'ContractSigned', 'ContractSigned', 'TrancheRequested', 'TrancheRejected']);
      expect(entries[0]?.what.summary).toBe('Commitment of €90,000,000.00 recorded (decision T05-EUTF-NOA-LY-04 of 2017-07-28)');
      expect(entries[4]).toMatchObject({
        streamVersion: '5',
        who: { role: 'delegation-officer', country: 'LY' },
        what: { summary: `Tranche ${tranche.trancheId} under ${iomContract} rejected` },
        why: { reason: { status: 'shown', text: 'The interim report is missing' }, request: { method: 'POST', path: `/projects/${projectId}/contracts/${iomContract}/tranches/${tranche.trancheId}/rejection` } },
      });
    }
  });

  it("shows a partner what concerns its own contracts only: not the EU's commitment, not another partner's money", async () => {
    const iom = (await historyOf(projectId, await partner('IOM'))).body.entries as Entry[];
    expect(iom.map((entry) => entry.what.event)).toEqual(['ContractSigned', 'TrancheRequested', 'TrancheRejected']);
    expect(iom.every((entry) => entry.what.summary.includes(iomContract) && !entry.what.summary.includes(gizContract))).toBe(true);
    const giz = (await historyOf(projectId, await partner('GIZ'))).body.entries as Entry[];
    expect(giz.map((entry) => entry.what.summary)).toEqual([`Contract ${gizContract} signed with GIZ for €20,000,000.00 (2017-08-01 – 2020-07-31)`]);
  });

  it('answers a reader out of scope exactly as for a project it has not seen (404), and no token with 401', async () => {
    const unknown = `ly-unknown-${randomUUID().slice(0, 8)}`;
    for (const bearer of [await officer('ML'), await partner('AECID')]) {
      const outOfScope = await historyOf(projectId, bearer);
      const absent = await historyOf(unknown, bearer);
      expect(outOfScope.status).toBe(404);
      expect({ ...outOfScope.body, detail: undefined, correlationId: undefined }).toEqual({ ...absent.body, detail: undefined, correlationId: undefined });
    }
    expect((await historyOf(projectId)).status).toBe(401);
  });
});
