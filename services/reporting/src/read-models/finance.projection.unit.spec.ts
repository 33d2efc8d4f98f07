import { randomUUID } from 'node:crypto';
import { CommitmentRecorded, ContractSigned, everyContextCatalog, ExpenditureReported, FundsRecovered, ProjectRegistered, TranchePaid, TrancheRequested } from '@eutf/event-catalog';
import type { RecordedEvent } from '@eutf/event-sourcing';
import { applyInMemory } from '@eutf/projections';
import { buildFinanceView, renderFinanceCsv } from '../finance/finance-views';
import { fundingByProject, fundingFigures, NO_FUNDING_DATA, totalFunding } from '../finance/funding-figures';
import { financeProjection } from './finance.projection';

const versions = new Map<string, bigint>();
function recorded(streamId: string, type: string, data: unknown): RecordedEvent {
  const streamVersion = (versions.get(streamId) ?? 0n) + 1n;
  versions.set(streamId, streamVersion);
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: everyContextCatalog().get(type).currentVersion,
    data,
    occurredAt: '2017-09-15T10:00:00.000Z',
    recordedAt: '2017-09-15T10:00:00.000Z',
    streamId,
    streamVersion,
    position: { commit: 1n, prepare: streamVersion },
    metadata: { actor: { subject: 's', role: 'hq-finance' }, correlationId: 'c', causationId: null },
  };
}

const projectId = 'ly-finance';
const ledger = `project-funding-${projectId}`;
const { contractId, trancheId } = TrancheRequested.example;
// The ledger's events may arrive before the registration: they come on another topic.
const events = [
  recorded(ledger, 'CommitmentRecorded', CommitmentRecorded.example),
  recorded(ledger, 'ContractSigned', ContractSigned.example),
  recorded(`project-${projectId}`, 'ProjectRegistered', { ...ProjectRegistered.example, projectId, reference: null, window: 'NOA', countries: ['LY'], leadCountry: 'LY', implementingPartners: ['IOM'] }),
  recorded(ledger, 'TrancheRequested', TrancheRequested.example),
  recorded(ledger, 'TrancheApproved', { contractId, trancheId, approvedAmountCents: TrancheRequested.example.amountCents }),
  recorded(ledger, 'TranchePaid', TranchePaid.example),
  recorded(ledger, 'TrancheRequested', { ...TrancheRequested.example, trancheId: 'tranche-2', amountCents: 1_000_00 }),
  recorded(ledger, 'TrancheRejected', { contractId, trancheId: 'tranche-2', reason: { textId: '5b0c7f1e-8d0a-4a53-9c55-2f0f3c1d7a10' } }),
  recorded(ledger, 'FundsRecovered', FundsRecovered.example),
  recorded(ledger, 'ExpenditureReported', ExpenditureReported.example),
];
const catalog = everyContextCatalog();

describe('the finance read model', () => {
  it('follows a project from commitment to payment, each transaction with its IATI type', () => {
    const doc = applyInMemory(financeProjection, events, { catalog }).get(projectId);
    expect(doc).toMatchObject({ countries: ['LY'], window: 'NOA', committedCents: 90_000_000_00 });
    expect(doc?.contracts).toEqual([
      { contractId, partnerOrg: 'IOM', signedOn: '2017-08-01', contractedCents: 40_000_000_00, requestedCents: 12_000_000_00, paidCents: 12_000_000_00, recoveredCents: 150_000_00, expenditureCents: 2_500_000_00 },
    ]);
    expect(doc?.transactions.map((transaction) => [transaction.iatiTransactionType, transaction.amountCents])).toEqual([
      [2, 90_000_000_00],
      [3, 12_000_000_00],
      [3, -150_000_00],
      [4, 2_500_000_00],
    ]);
  });

  it('is idempotent if run twice: every event delivered again changes nothing', () => {
    expect(applyInMemory(financeProjection, [...events, ...events], { catalog })).toEqual(applyInMemory(financeProjection, events, { catalog }));
  });

  it('rolls up by country, window and partner, with absorption as paid ÷ contracted', () => {
    const docs = [...applyInMemory(financeProjection, events, { catalog }).values()];
    const [country] = buildFinanceView(docs, 'country');
    expect(country).toMatchObject({ key: 'LY', committedCents: 90_000_000_00, contractedCents: 40_000_000_00, paidCents: 12_000_000_00, absorptionRate: 0.3 });
    expect(buildFinanceView(docs, 'window').map((row) => row.key)).toEqual(['NOA']);
    // A project in several countries counts in its lead country's row only, never whole in each.
    const regional = docs.map((doc) => ({ ...doc, countries: ['NE', 'LY'], leadCountry: 'LY' }));
    expect(buildFinanceView(regional, 'country').map((row) => [row.key, row.committedCents])).toEqual([['LY', 90_000_000_00]]);
    // A partner row counts what is contracted with the partner, not the project's commitment.
    expect(buildFinanceView(docs, 'partner')).toEqual([expect.objectContaining({ key: 'IOM', committedCents: 0, contractedCents: 40_000_000_00 })]);
    expect(renderFinanceCsv(buildFinanceView(docs, 'project')).split('\n')[1]).toBe('project,ly-finance,1,9000000000,4000000000,1200000000,1200000000,15000000,250000000,0.3');
  });
});

describe("a project's funding figures in the register and the factsheet", () => {
  const doc = applyInMemory(financeProjection, events, { catalog }).get(projectId);

  it('gives committed, contracted and paid to date, paid without the recoveries', () => {
    expect(fundingFigures(doc)).toEqual({ committedCents: 90_000_000_00, contractedCents: 40_000_000_00, paidCents: 12_000_000_00 });
  });

  it('gives them as the ledger held them on a day: the commitment of 28 July 2017, the contract of 1 August, the payment of 15 September', () => {
    expect(fundingFigures(doc, '2017-07-27')).toEqual(NO_FUNDING_DATA);
    expect(fundingFigures(doc, '2017-07-31')).toEqual({ committedCents: 90_000_000_00, contractedCents: 0, paidCents: 0 });
    expect(fundingFigures(doc, '2017-09-14')).toEqual({ committedCents: 90_000_000_00, contractedCents: 40_000_000_00, paidCents: 0 });
  });

  it('has no data, never 0, for a project the ledger holds nothing of: registered only, or never heard of', () => {
    const registeredOnly = applyInMemory(financeProjection, events.filter((event) => event.type === 'ProjectRegistered'), { catalog }).get(projectId);
    expect(fundingFigures(registeredOnly)).toEqual({ committedCents: null, contractedCents: null, paidCents: null });
    // Nor is it a row of the finance views, where it would read as nothing committed.
    expect(buildFinanceView(registeredOnly ? [registeredOnly] : [], 'country')).toEqual([]);
    expect(fundingByProject(doc ? [doc] : [])('never-heard-of')).toEqual(NO_FUNDING_DATA);
  });

  it('adds up what is known and counts the projects without data; nothing known is null', () => {
    const known = fundingFigures(doc);
    expect(totalFunding([known, NO_FUNDING_DATA, known])).toEqual({ committedCents: 180_000_000_00, contractedCents: 80_000_000_00, paidCents: 24_000_000_00, projectsWithoutData: 1 });
    expect(totalFunding([NO_FUNDING_DATA])).toEqual({ ...NO_FUNDING_DATA, projectsWithoutData: 1 });
    expect(totalFunding([])).toEqual({ ...NO_FUNDING_DATA, projectsWithoutData: 0 });
  });
});
