import { randomUUID } from 'node:crypto';
import { ContractSigned, CommitmentRecorded, TrancheRequested } from '@eutf/event-catalog';
import { disbursementsAppForSpec, finance, libyaProject, officer, partner } from '../../test-support/disbursements-app';

const service = disbursementsAppForSpec('request_tranche');
const { contractId: _contractId, ...tranche } = TrancheRequested.example;

/** A project seen, committed, and IOM contracted for `contractCents`. */
async function contracted(contractCents: number) {
  const projectId = `ly-tranches-${randomUUID().slice(0, 8)}`;
  await service.projectHistory(projectId, [libyaProject(projectId)]);
  expect((await service.post(`/projects/${projectId}/commitment`, await finance(), CommitmentRecorded.example)).status).toBe(201);
  const contract = { ...ContractSigned.example, contractId: 'c1', amountCents: contractCents };
  expect((await service.post(`/projects/${projectId}/contracts`, await finance(), contract)).status).toBe(201);
  return { projectId, tranches: `/projects/${projectId}/contracts/c1/tranches` };
}

describe('requesting tranches', () => {
  it('never lets 16 concurrent requests overdraw a contract: the accepted ones fit in it, each refusal names the rule, the stream has no gap', async () => {
    // €1,000,000 contracted; 16 requests of €150,000 (€2.4 M in all): exactly 6 fit.
    const { projectId, tranches } = await contracted(1_000_000_00);
    const iom = await partner('IOM');
    const responses = await Promise.all(
      Array.from({ length: 16 }, (_, index) => service.post(tranches, iom, { ...tranche, trancheId: `t${index}`, amountCents: 150_000_00 })),
    );
    const accepted = responses.filter((response) => response.status === 201);
    const refused = responses.filter((response) => response.status !== 201);
    expect(accepted).toHaveLength(6);
    expect(refused.map((response) => [response.status, response.body.rule])).toEqual(refused.map(() => [422, 'requests-exceed-contract']));

    const { events } = await service.store.readStream(`project-funding-${projectId}`);
    const requested = events.filter((recorded) => recorded.type === 'TrancheRequested');
    expect(requested.reduce((total, recorded) => total + (recorded.data as { amountCents: number }).amountCents, 0)).toBeLessThanOrEqual(1_000_000_00);
    expect(events.map((recorded) => recorded.streamVersion)).toEqual(events.map((_, index) => BigInt(index + 1)));
  });

  it("is refused for a project this service has not seen, with Retry-After, and for another partner's contract", async () => {
    const unseen = await service.post(`/projects/ly-never-registered/contracts/c1/tranches`, await partner('IOM'), tranche);
    expect([unseen.status, unseen.body.rule, unseen.headers['retry-after']]).toEqual([409, 'project-unknown', '2']);
    const { tranches } = await contracted(1_000_000_00);
    const giz = await service.post(tranches, await partner('GIZ'), tranche);
    expect([giz.status, giz.body.rule]).toEqual([403, 'partner-not-contractor']);
  });

  it('answers 400 naming the amount when it is not whole euro cents: 1.5, 1e21, a string', async () => {
    const { tranches } = await contracted(1_000_000_00);
    for (const amountCents of [1.5, 1e21, '150000']) {
      const response = await service.post(tranches, await partner('IOM'), { ...tranche, amountCents });
      expect([response.status, [...new Set(response.body.errors?.map((error: { field: string }) => error.field))]]).toEqual([400, ['body.amountCents']]);
    }
  });
});

describe('paying a tranche', () => {
  it('pays it once when finance sends the payment many times at once', async () => {
    const { projectId, tranches } = await contracted(1_000_000_00);
    expect((await service.post(tranches, await partner('IOM'), { ...tranche, trancheId: 't1', amountCents: 400_000_00 })).status).toBe(201);
    expect((await service.post(`${tranches}/t1/approval`, await officer('LY'))).status).toBe(200);
    const payment = { amountCents: 400_000_00, valueDate: '2017-09-15', paymentReference: 'PAY-1' };
    const hq = await finance();
    const responses = await Promise.all(Array.from({ length: 8 }, (_, index) => service.post(`${tranches}/t1/payment`, hq, { ...payment, paymentReference: `PAY-${index}` })));
    expect(responses.filter((response) => response.status === 200)).toHaveLength(1);
    expect(responses.filter((response) => response.status !== 200).map((response) => [response.status, response.body.rule])).toEqual(
      Array.from({ length: 7 }, () => [409, 'tranche-already-paid']),
    );
    const { events } = await service.store.readStream(`project-funding-${projectId}`);
    expect(events.filter((recorded) => recorded.type === 'TranchePaid')).toHaveLength(1);
  });
});
