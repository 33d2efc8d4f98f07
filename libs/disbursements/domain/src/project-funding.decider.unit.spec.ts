import { deciderSpecification } from '@eutf/event-sourcing/testing';
import {
  disbursementsCatalog,
  CommitmentAmended,
  CommitmentRecorded,
  ContractSigned,
  ExpenditureReported,
  FundsRecovered,
  TranchePaid,
  TrancheRequested,
  type ProjectFundingEvent,
} from '@eutf/event-catalog';
import { FUNDING_RULES, type FundingRule } from './funding.rules';
import type { FundingActor, ProjectAsSeen, ProjectFundingCommand } from './project-funding.commands';
import { projectFundingDecider } from './project-funding.decider';

const spec = deciderSpecification(projectFundingDecider);
const finance: FundingActor = { role: 'hq-finance' };
const officerLY: FundingActor = { role: 'delegation-officer', country: 'LY' };
const officerML: FundingActor = { role: 'delegation-officer', country: 'ML' };
const iom: FundingActor = { role: 'implementing-partner', org: 'IOM' };
const giz: FundingActor = { role: 'implementing-partner', org: 'GIZ' };
const analyst: FundingActor = { role: 'hq-analyst' };

const project: ProjectAsSeen = { countries: ['LY'], leadCountry: 'LY', status: 'implementation', implementingPartners: ['IOM', 'GIZ'] };
const contractId = ContractSigned.example.contractId;
/** A reason as commands and events carry it: an id in the service's erasable free-text store (the examples' id). */
const REASON = { textId: '5b0c7f1e-8d0a-4a53-9c55-2f0f3c1d7a10' };
const admin: FundingActor = { role: 'admin' };

// €90 million committed; IOM contracted for €40 million (examples of the catalogue).
const committed: ProjectFundingEvent = { type: 'CommitmentRecorded', data: CommitmentRecorded.example };
const contracted: ProjectFundingEvent = { type: 'ContractSigned', data: ContractSigned.example };
const requested = (trancheId: string, amountCents: number): ProjectFundingEvent => ({
  type: 'TrancheRequested',
  data: { ...TrancheRequested.example, trancheId, amountCents },
});
const approved = (trancheId: string, amountCents: number): ProjectFundingEvent => ({ type: 'TrancheApproved', data: { contractId, trancheId, approvedAmountCents: amountCents } });
const paid = (trancheId: string, amountCents: number): ProjectFundingEvent => ({ type: 'TranchePaid', data: { ...TranchePaid.example, trancheId, amountCents } });
const ledger = [committed, contracted];

type CommandBody = ProjectFundingCommand extends infer C ? (C extends unknown ? Omit<C, 'actor' | 'project'> : never) : never;
const by = (actor: FundingActor, body: CommandBody, seen: ProjectAsSeen | null = project) => ({ ...body, actor, project: seen }) as ProjectFundingCommand;

const record = (amountCents = CommitmentRecorded.example.amountCents) => by(finance, { type: 'RecordCommitment', ...CommitmentRecorded.example, amountCents });
const amend = (change: 'top-up' | 'de-commitment', amountCents: number) => by(finance, { type: 'AmendCommitment', ...CommitmentAmended.example, reason: REASON, change, amountCents });
const sign = (overrides: Partial<typeof ContractSigned.example> = {}, seen: ProjectAsSeen = project) =>
  by(finance, { type: 'SignContract', ...ContractSigned.example, ...overrides }, seen);
const request = (trancheId: string, amountCents: number, actor: FundingActor = iom, seen: ProjectAsSeen = project) =>
  by(actor, { type: 'RequestTranche', ...TrancheRequested.example, trancheId, amountCents }, seen);
const approve = (trancheId: string, actor: FundingActor = officerLY) => by(actor, { type: 'ApproveTranche', contractId, trancheId });
const reject = (trancheId: string, actor: FundingActor = officerLY) => by(actor, { type: 'RejectTranche', contractId, trancheId, reason: REASON });
const pay = (trancheId: string, amountCents: number) => by(finance, { type: 'PayTranche', ...TranchePaid.example, trancheId, amountCents });
const recover = (recoveryId: string, amountCents: number) => by(finance, { type: 'RecoverFunds', ...FundsRecovered.example, reason: REASON, recoveryId, amountCents });
const report = (overrides: Partial<typeof ExpenditureReported.example> = {}, actor: FundingActor = iom) =>
  by(actor, { type: 'ReportExpenditure', ...ExpenditureReported.example, ...overrides });

/** Every rule this file checks, so the last spec can say none of the catalogue is left out. */
const checked = new Set<FundingRule>();
const refuses = (history: readonly ProjectFundingEvent[], command: ProjectFundingCommand, rule: FundingRule) => {
  checked.add(rule);
  return spec.given(history).when(command).thenRefuses(rule, FUNDING_RULES[rule].status);
};

describe('a commitment', () => {
  it('is recorded by HQ finance, once, for a project this service has seen', () => {
    spec.given([]).when(record()).then([committed]);
    refuses([committed], record(), 'commitment-already-recorded');
    refuses([], by(finance, { type: 'RecordCommitment', ...CommitmentRecorded.example }, null), 'project-unknown');
    refuses([], by(officerLY, { type: 'RecordCommitment', ...CommitmentRecorded.example }), 'finance-only');
  });

  it('is an amount in positive whole euro cents: never 1.5, 1e21, zero or a negative', () => {
    for (const amount of [1.5, 1e21, 0, -100, Number.NaN]) refuses([], record(amount), 'amount-not-whole-cents');
  });

  it('is topped up or de-committed with a reason, but never below what is contracted', () => {
    spec.given(ledger).when(amend('top-up', 10_000_000_00)).then([{ type: 'CommitmentAmended', data: { ...CommitmentAmended.example, change: 'top-up', amountCents: 10_000_000_00 } }]);
    // 90 M committed, 40 M contracted: 50 M may go, 50 M and a cent may not.
    spec.given(ledger).when(amend('de-commitment', 50_000_000_00)).then([{ type: 'CommitmentAmended', data: { ...CommitmentAmended.example, change: 'de-commitment', amountCents: 50_000_000_00 } }]);
    refuses(ledger, amend('de-commitment', 50_000_000_01), 'decommitment-below-contracted');
    refuses([], amend('top-up', 1), 'commitment-not-recorded');
  });
});

describe('a contract', () => {
  it('is signed by HQ finance with an implementing partner of the project, within what is committed', () => {
    spec.given([committed]).when(sign()).then([contracted]);
    const rest = { contractId: 'T05-EUTF-NOA-LY-04-02', partnerOrg: 'GIZ', amountCents: 50_000_000_00 };
    spec.given(ledger).when(sign(rest)).then([{ type: 'ContractSigned', data: { ...ContractSigned.example, ...rest } }]);
    refuses(ledger, sign({ ...rest, amountCents: 50_000_000_01 }), 'contracts-exceed-commitment');
  });

  it('counts amendments in what is committed', () => {
    const topUp: ProjectFundingEvent = { type: 'CommitmentAmended', data: { ...CommitmentAmended.example, change: 'top-up', amountCents: 1 } };
    const deCommit: ProjectFundingEvent = { type: 'CommitmentAmended', data: { ...CommitmentAmended.example, change: 'de-commitment', amountCents: 2 } };
    const rest = { contractId: 'c2', partnerOrg: 'GIZ', amountCents: 50_000_000_01 };
    spec.given([...ledger, topUp]).when(sign(rest)).then([{ type: 'ContractSigned', data: { ...ContractSigned.example, ...rest } }]);
    refuses([...ledger, topUp, deCommit], sign(rest), 'contracts-exceed-commitment');
  });

  it('is refused twice, ending before it starts, with an organisation not implementing the project, or before any commitment', () => {
    refuses(ledger, sign(), 'contract-already-signed');
    refuses([committed], sign({ startDate: '2020-01-01', endDate: '2019-12-31' }), 'contract-dates-inverted');
    refuses([committed], sign({ partnerOrg: 'UNHCR' }), 'partner-not-implementing');
    refuses([], sign(), 'commitment-not-recorded');
    refuses([committed], sign({ amountCents: 40_000_000.5 }), 'amount-not-whole-cents');
  });

  it('is not signed on a suspended or closed project', () => {
    refuses([committed], sign({}, { ...project, status: 'suspended' }), 'project-not-open');
    refuses([committed], sign({}, { ...project, status: 'closed' }), 'project-not-open');
  });
});

describe('a tranche request', () => {
  it('is made by the partner under its own contract, for a period, with a justification code', () => {
    spec.given(ledger).when(request('t1', 12_000_000_00)).then([requested('t1', 12_000_000_00)]);
    refuses(ledger, request('t1', 1, giz), 'partner-not-contractor');
    // A partner that does not implement the project is answered as for a project never seen.
    refuses(ledger, request('t1', 1, { role: 'implementing-partner', org: 'SAVE' }), 'project-unknown');
    refuses(ledger, request('t1', 1, finance), 'partner-only');
    refuses(ledger, by(iom, { type: 'RequestTranche', ...TrancheRequested.example, contractId: 'no-such-contract' }), 'contract-unknown');
    refuses([...ledger, requested('t1', 1)], request('t1', 1), 'tranche-already-requested');
    refuses(ledger, by(iom, { type: 'RequestTranche', ...TrancheRequested.example, period: { from: '2018-01-01', to: '2017-12-31' } }), 'period-inverted');
    refuses(ledger, request('t1', 0.5), 'amount-not-whole-cents');
  });

  it('never takes open requests and payments past what the contract is signed for; a rejected request frees its amount', () => {
    // 40 M contracted: 25 M paid and 10 M open leave exactly 5 M.
    const history = [...ledger, requested('t1', 25_000_000_00), approved('t1', 25_000_000_00), paid('t1', 25_000_000_00), requested('t2', 10_000_000_00)];
    spec.given(history).when(request('t3', 5_000_000_00)).then([requested('t3', 5_000_000_00)]);
    refuses(history, request('t3', 5_000_000_01), 'requests-exceed-contract');
    const rejected: ProjectFundingEvent = { type: 'TrancheRejected', data: { contractId, trancheId: 't2', reason: REASON } };
    spec.given([...history, rejected]).when(request('t3', 15_000_000_00)).then([requested('t3', 15_000_000_00)]);
  });

  it('is not made on a suspended or closed project, nor on one this service has not seen', () => {
    refuses(ledger, request('t1', 1, iom, { ...project, status: 'suspended' }), 'project-not-open');
    refuses(ledger, request('t1', 1, iom, { ...project, status: 'closed' }), 'project-not-open');
    refuses(ledger, by(iom, { type: 'RequestTranche', ...TrancheRequested.example }, null), 'project-unknown');
  });

  it("is approved or rejected, once, by a delegation officer of the project's country", () => {
    const history = [...ledger, requested('t1', 12_000_000_00)];
    spec.given(history).when(approve('t1')).then([approved('t1', 12_000_000_00)]);
    spec.given(history).when(reject('t1')).then([{ type: 'TrancheRejected', data: { contractId, trancheId: 't1', reason: REASON } }]);
    // Another country's project is answered as one never seen (no existence oracle).
    refuses(history, approve('t1', officerML), 'project-unknown');
    refuses(history, reject('t1', iom), 'officer-only');
    refuses([...history, approved('t1', 12_000_000_00)], reject('t1'), 'tranche-not-pending');
    refuses(history, approve('t9'), 'tranche-unknown');
  });

  it("of a project in several countries is decided by its lead country's officer only: a participating one is refused by name, any other told it was never seen", () => {
    // Led by Libya, Niger participates; Mali is not listed.
    const regional: ProjectAsSeen = { ...project, countries: ['NE', 'LY'], leadCountry: 'LY' };
    const officerNE: FundingActor = { role: 'delegation-officer', country: 'NE' };
    const history = [...ledger, requested('t1', 12_000_000_00)];
    const asSeen = (command: ProjectFundingCommand) => ({ ...command, project: regional });
    spec.given(history).when(asSeen(approve('t1'))).then([approved('t1', 12_000_000_00)]);
    spec.given(history).when(asSeen(reject('t1'))).then([{ type: 'TrancheRejected', data: { contractId, trancheId: 't1', reason: REASON } }]);
    refuses(history, asSeen(approve('t1', officerNE)), 'officer-not-lead-country');
    refuses(history, asSeen(reject('t1', officerNE)), 'officer-not-lead-country');
    refuses(history, asSeen(approve('t1', officerML)), 'project-unknown');
    refuses(history, asSeen(reject('t1', officerML)), 'project-unknown');
  });
});

describe('a payment', () => {
  const history = [...ledger, requested('t1', 12_000_000_00)];

  it('pays an approved tranche once, exactly its approved amount', () => {
    spec.given([...history, approved('t1', 12_000_000_00)]).when(pay('t1', 12_000_000_00)).then([paid('t1', 12_000_000_00)]);
    refuses([...history, approved('t1', 12_000_000_00)], pay('t1', 12_000_000_01), 'payment-not-approved-amount');
    refuses([...history, approved('t1', 12_000_000_00), paid('t1', 12_000_000_00)], pay('t1', 12_000_000_00), 'tranche-already-paid');
  });

  it('is refused before approval, after rejection, and for a tranche under another contract', () => {
    refuses(history, pay('t1', 12_000_000_00), 'tranche-not-approved');
    refuses([...history, { type: 'TrancheRejected', data: { contractId, trancheId: 't1', reason: REASON } }], pay('t1', 12_000_000_00), 'tranche-not-approved');
    refuses(history, by(finance, { type: 'PayTranche', ...TranchePaid.example, contractId: 'other', trancheId: 't1' }), 'tranche-unknown');
    refuses(history, by(iom, { type: 'PayTranche', ...TranchePaid.example, trancheId: 't1' }), 'finance-only');
  });

  it('is still made on a suspended project: what was approved is owed', () => {
    const suspended = { ...project, status: 'suspended' as const };
    spec.given([...history, approved('t1', 12_000_000_00)]).when(by(finance, { type: 'PayTranche', ...TranchePaid.example, trancheId: 't1', amountCents: 12_000_000_00 }, suspended)).then([paid('t1', 12_000_000_00)]);
  });
});

describe('a recovery', () => {
  const history = [...ledger, requested('t1', 1_000_00), approved('t1', 1_000_00), paid('t1', 1_000_00)];

  it('recovers at most what was paid under the contract, each recovery once', () => {
    spec.given(history).when(recover('r1', 600_00)).then([{ type: 'FundsRecovered', data: { ...FundsRecovered.example, recoveryId: 'r1', amountCents: 600_00 } }]);
    const first: ProjectFundingEvent = { type: 'FundsRecovered', data: { ...FundsRecovered.example, recoveryId: 'r1', amountCents: 600_00 } };
    spec.given([...history, first]).when(recover('r2', 400_00)).then([{ type: 'FundsRecovered', data: { ...FundsRecovered.example, recoveryId: 'r2', amountCents: 400_00 } }]);
    refuses([...history, first], recover('r2', 400_01), 'recovery-exceeds-paid');
    refuses([...history, first], recover('r1', 1), 'recovery-already-recorded');
    refuses(ledger, recover('r1', 1), 'recovery-exceeds-paid');
    refuses(ledger, by(finance, { type: 'RecoverFunds', ...FundsRecovered.example, reason: REASON, contractId: 'other' }), 'contract-unknown');
  });
});

describe('expenditure', () => {
  it('is reported by the partner under its own contract, by budget heading, each report once', () => {
    spec.given(ledger).when(report()).then([{ type: 'ExpenditureReported', data: ExpenditureReported.example }]);
    refuses([...ledger, { type: 'ExpenditureReported', data: ExpenditureReported.example }], report(), 'expenditure-already-reported');
    refuses(ledger, report({}, giz), 'partner-not-contractor');
    refuses(ledger, report({}, analyst), 'partner-only');
    refuses(ledger, report({ period: { from: '2018-01-01', to: '2017-01-01' } }), 'period-inverted');
    refuses(ledger, report({ amountCents: 1e21 }), 'amount-not-whole-cents');
  });
});

describe('a free text of the ledger', () => {
  const rejected: ProjectFundingEvent = { type: 'TrancheRejected', data: { contractId, trancheId: 't1', reason: REASON } };
  const history = [...ledger, requested('t1', 1_000_00), rejected];
  const erase = (actor: FundingActor, textId = REASON.textId, seen: ProjectAsSeen | null = project) =>
    by(actor, { type: 'EraseFreeText', textId, reasonCode: 'personal-data' }, seen);
  const erased: ProjectFundingEvent = { type: 'FreeTextErased', data: { textId: REASON.textId, field: 'reason', reasonCode: 'personal-data' } };

  it('is erased by an admin, once, naming the field and the reason code, never the text, whatever the project\'s state', () => {
    spec.given(history).when(erase(admin)).then([erased]);
    spec.given(history).when(erase(admin, REASON.textId, { ...project, status: 'closed' })).then([erased]);
    spec.given(history).when(erase(admin, REASON.textId, null)).then([erased]);
    refuses([...history, erased], erase(admin), 'free-text-already-erased');
  });

  it('is read from older events that held it inline as legacy text (nothing can erase those), and never written inline', () => {
    const catalog = disbursementsCatalog();
    expect(catalog.read('TrancheRejected', 1, { contractId, trancheId: 't1', reason: 'Forged invoice' })).toEqual({ contractId, trancheId: 't1', reason: { legacyText: 'Forged invoice' } });
    expect(catalog.read('CommitmentAmended', 1, { ...CommitmentAmended.example, reason: 'Extension' })).toMatchObject({ reason: { legacyText: 'Extension' } });
    expect(catalog.read('FundsRecovered', 1, { ...FundsRecovered.example, reason: 'Unspent' })).toMatchObject({ reason: { legacyText: 'Unspent' } });
    expect(() => catalog.validateForWrite('TrancheRejected', { contractId, trancheId: 't1', reason: 'Forged invoice' })).toThrow(/reason/);
    expect(() => catalog.validateForWrite('TrancheRejected', { contractId, trancheId: 't1', reason: { legacyText: 'Forged' } })).toThrow(/never holds the text/);
  });

  it('is erased by nobody but an admin, and only a text of this ledger', () => {
    refuses(history, erase(finance), 'admin-only');
    refuses(history, erase(officerLY), 'admin-only');
    refuses(history, erase(admin, '00000000-0000-4000-8000-000000000000'), 'free-text-not-found');
    refuses([], erase(admin), 'free-text-not-found');
    // An older event's inline reason has no id in the store: it cannot be erased through the ledger.
    refuses([...ledger, requested('t1', 1_000_00), { type: 'TrancheRejected', data: { contractId, trancheId: 't1', reason: { legacyText: 'x' } } }], erase(admin), 'free-text-not-found');
  });
});

describe('the rules catalogue', () => {
  it('has a given/when/then above for every rule it names', () => {
    expect(Object.keys(FUNDING_RULES).filter((rule) => !checked.has(rule as FundingRule))).toEqual([]);
  });
});
