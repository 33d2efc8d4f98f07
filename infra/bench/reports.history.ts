/**
 * The generated history behind `npm run bench:reports`: what the projects, disbursements and
 * returns services would have recorded over 2016–2020 for --projects projects, month by month, as
 * their relays put it on the topics. Every draw comes from one seeded generator, so two runs with
 * the same flags write the same facts (only event ids differ) and their figures compare.
 *
 * Each project is registered by its country's delegation officer (two in three in the five
 * priority countries, some regional ones across several), defines indicators mapped to EUTF common
 * output indicators, usually starts implementation, and its partners report results by month
 * (submitted, then approved, or returned and submitted again). Some projects have a funding ledger
 * (commitment, contracts, tranches requested/approved/paid, expenditure), some report returns by
 * quarter to the returns service; the partnerships of the priority countries and a few others
 * gather engagement, progress, support measures and next steps. Results fill what the other
 * events leave of --events, so the total is exactly --events.
 */
import { createHash, randomUUID } from 'node:crypto';
import { countryPartnershipStream, everyContextCatalog, partnerProjectKey, projectFundingStream, projectReturnsStream, projectStream } from '@eutf/event-catalog';
import type { Actor, RecordedEvent } from '@eutf/event-sourcing';
import { EVENT_TOPICS, type EventTopic } from '@eutf/messaging';
import { PRIORITY_COUNTRIES } from '@eutf/reference-data';
import { seededRandom } from '@eutf/testing';

/** January 2016 is month 0; the history ends with December 2020. */
export const MONTHS = 60;
const monthStart = (month: number) => Date.UTC(2016, month, 1);
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);
const firstDay = (month: number) => isoDay(monthStart(month));
const lastDay = (month: number) => isoDay(monthStart(month + 1) - 86_400_000);
const yearMonth = (month: number) => firstDay(month).slice(0, 7);

const PRIORITY: readonly string[] = PRIORITY_COUNTRIES.map((country) => country.code);
const WINDOW_OF: Record<string, 'SAH' | 'HOA' | 'NOA'> = {
  NE: 'SAH', ML: 'SAH', NG: 'SAH', SN: 'SAH', BF: 'SAH', TD: 'SAH', MR: 'SAH', CM: 'SAH', GM: 'SAH', GN: 'SAH', CI: 'SAH',
  ET: 'HOA', SO: 'HOA', SD: 'HOA', KE: 'HOA', UG: 'HOA', ER: 'HOA',
  LY: 'NOA', MA: 'NOA', TN: 'NOA', EG: 'NOA',
};
const OTHERS = Object.keys(WINDOW_OF).filter((code) => !PRIORITY.includes(code));
const PARTNERS = ['IOM', 'GIZ', 'AECID', 'ICMPD', 'ENABEL', 'AFD', 'UNHCR', 'UNICEF', 'EXPERTISE-FRANCE'];
/** EUTF common output indicators partners report on (returns, 3.4 and 3.5 bis, come from the returns service instead). */
const INDICATORS = [
  { code: '1.1', unit: 'jobs', objective: 1 },
  { code: '1.3', unit: 'people', objective: 1 },
  { code: '1.4', unit: 'people', objective: 1 },
  { code: '2.2', unit: 'services', objective: 2 },
  { code: '2.7', unit: 'people', objective: 2 },
  { code: '2.8', unit: 'people', objective: 2 },
  { code: '3.2', unit: 'people', objective: 3 },
  { code: '3.3', unit: 'people', objective: 3 },
  { code: '3.11', unit: 'events', objective: 3 },
  { code: '4.2', unit: 'people', objective: 4 },
  { code: '4.6', unit: 'policies', objective: 4 },
  { code: '5.3', unit: 'studies', objective: 5 },
];
const PERIOD_COST = { approved: 2, revised: 4 };

interface IndicatorPlan {
  indicatorId: string;
  code: string | null;
  unit: string;
  cumulative: boolean;
  bySex: boolean;
}

interface ProjectPlan {
  projectId: string;
  countries: string[];
  window: 'SAH' | 'HOA' | 'NOA';
  partners: string[];
  registeredIn: number;
  /** Null: still in the pipeline at the end of 2020. */
  startedIn: number | null;
  euContributionCents: number;
  indicators: IndicatorPlan[];
  milestones: Array<{ milestoneId: string; dueIn: number; reachedIn: number | null }>;
  funded: boolean;
  returnsPartner: string | null;
}

/** An event as a command service decides it, before its store numbers and stamps it. */
interface Decided {
  topic: EventTopic;
  streamId: string;
  type: string;
  data: unknown;
  actor: Actor;
}

const officerOf = (country: string): Actor => ({ subject: `bench-officer-${country}`, role: 'delegation-officer', country });
const partnerActor = (org: string): Actor => ({ subject: `${org.toLowerCase()}-reporter-1`, role: 'implementing-partner', org });
const FINANCE: Actor = { subject: 'bench-finance', role: 'hq-finance' };
const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');

export interface GeneratedEvent {
  topic: EventTopic;
  event: RecordedEvent;
}

export interface GeneratedHistory {
  /** How many events each topic has received so far, and of each type: complete once `months()` is done. */
  perTopic: Record<EventTopic, number>;
  perType: Map<string, number>;
  /** The events of each month in order, stamped and numbered as the stores would; generated as they are asked for, once. */
  months(): Generator<GeneratedEvent[]>;
}

export function generateHistory({ projects, events, seed }: { projects: number; events: number; seed: number }): GeneratedHistory {
  const random = seededRandom(seed);
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

  // 1. The plan of every project, drawn once.
  const numbered = new Map<string, number>();
  const plans: ProjectPlan[] = [];
  for (let index = 0; index < projects; index += 1) {
    const draw = random();
    const regional = draw >= 0.95;
    const country = draw < 0.65 ? pick(PRIORITY) : regional ? pick(PRIORITY) : pick(OTHERS);
    const countries = regional ? [...new Set([country, pick(PRIORITY), pick(OTHERS)])] : [country];
    // A regional programme has its lead country's window and `REG` in its reference (T05-EUTF-SAH-REG-18).
    const window = WINDOW_OF[country] as 'SAH' | 'HOA' | 'NOA';
    const key = `${window}-${regional ? 'REG' : country}`;
    const n = numbered.get(key) ?? 0;
    numbered.set(key, n + 1);
    // Two digits each, as real references have them: programme 01–99, contract 01–99.
    const two = (value: number) => String(value).padStart(2, '0');
    const projectId = `T05-EUTF-${key}-${two(1 + Math.floor(n / 99))}-${two(1 + (n % 99))}`;
    const returnsPartner = random() < 0.12 ? 'IOM' : null;
    const partners = [...new Set([...(returnsPartner ? [returnsPartner] : []), pick(PARTNERS), ...(random() < 0.3 ? [pick(PARTNERS)] : [])])];
    const registeredIn = Math.min(between(0, 30) + between(0, 12), MONTHS - 2);
    const startedIn = random() < 0.9 ? Math.min(registeredIn + between(1, 4), MONTHS - 1) : null;
    const indicators = Array.from({ length: between(1, 4) }, (_, at): IndicatorPlan => {
      const eutf = random() < 0.9 ? pick(INDICATORS) : null;
      return { indicatorId: `ind-${at + 1}`, code: eutf?.code ?? null, unit: eutf?.unit ?? 'people', cumulative: random() < 0.2, bySex: random() < 0.4 };
    });
    const milestones = Array.from({ length: between(0, 2) }, (_, at) => {
      const dueIn = registeredIn + between(3, 24);
      return { milestoneId: `m${at + 1}`, dueIn, reachedIn: random() < 0.7 ? dueIn + between(-1, 3) : null };
    });
    plans.push({
      projectId,
      countries,
      window,
      partners,
      registeredIn,
      startedIn,
      euContributionCents: between(1_000, 60_000) * 1_000_00,
      indicators,
      milestones,
      funded: startedIn !== null && random() < 0.45,
      returnsPartner: startedIn === null ? null : returnsPartner,
    });
  }
  const partnershipCountries = [...PRIORITY, 'LY', 'BF', 'TD', 'SO', 'SD'];
  const partnershipDraws = Array.from({ length: MONTHS }, () => partnershipCountries.map(() => random()));

  // 2. What every month holds besides results: registrations, starts, ledgers, returns, partnerships.
  function structural(month: number, plan: ProjectPlan): Decided[] {
    const { projectId } = plan;
    const lead = plan.countries[0] as string;
    const officer = officerOf(lead);
    const stream = projectStream.id(projectId);
    const decided: Decided[] = [];
    const onProject = (type: string, data: unknown, actor = officer) => decided.push({ topic: EVENT_TOPICS.projects, streamId: stream, type, data, actor });
    if (month === plan.registeredIn) {
      onProject('ProjectRegistered', {
        projectId,
        reference: projectId,
        title: `EUTF action ${projectId}`,
        window: plan.window,
        countries: plan.countries,
        leadCountry: lead,
        implementingPartners: plan.partners,
        euContributionCents: plan.euContributionCents,
        adoptedOn: yearMonth(month),
        startDate: plan.startedIn === null ? null : firstDay(plan.startedIn),
        endDate: lastDay(Math.min(plan.registeredIn + 48, MONTHS + 24)),
        objectives: { eutfStrategicObjectives: [...new Set(plan.indicators.map((indicator) => Number((indicator.code ?? '3').split('.')[0])))].sort(), vallettaDomains: [1], gcmObjectives: [21], ponamAxes: [] },
      });
      for (const indicator of plan.indicators) {
        onProject('IndicatorDefined', {
          indicatorId: indicator.indicatorId,
          title: `Indicator ${indicator.code ?? 'of the project'}`,
          eutfIndicator: indicator.code ? { code: indicator.code, catalogueVersion: '2021' } : null,
          unit: indicator.unit,
          baseline: 0,
          target: 10_000,
          measurement: indicator.cumulative ? 'cumulative' : 'per-period',
          disaggregation: indicator.bySex ? ['sex'] : [],
        });
      }
      for (const milestone of plan.milestones) onProject('MilestoneDefined', { milestoneId: milestone.milestoneId, title: `Milestone ${milestone.milestoneId}`, dueDate: lastDay(milestone.dueIn) });
    }
    if (month === plan.startedIn) onProject('ProjectImplementationStarted', { startedOn: firstDay(month) });
    for (const milestone of plan.milestones) {
      if (month === milestone.reachedIn && milestone.reachedIn > plan.registeredIn) onProject('MilestoneReached', { milestoneId: milestone.milestoneId, reachedOn: firstDay(month), evidenceLinks: null });
    }
    if (plan.funded && plan.startedIn !== null && month >= plan.startedIn) {
      const ledger = projectFundingStream.id(projectId);
      const onLedger = (type: string, data: unknown, actor: Actor) => decided.push({ topic: EVENT_TOPICS.disbursements, streamId: ledger, type, data, actor });
      const since = month - plan.startedIn;
      const share = Math.floor(plan.euContributionCents / plan.partners.length / 100) * 100;
      const tranche = Math.max(100, Math.floor(share / 8 / 100) * 100);
      if (since === 0) {
        onLedger('CommitmentRecorded', { amountCents: plan.euContributionCents, decidedOn: firstDay(month), decisionReference: projectId }, FINANCE);
        plan.partners.forEach((org, at) =>
          onLedger('ContractSigned', { contractId: `${projectId}-c${at + 1}`, partnerOrg: org, amountCents: share, signedOn: firstDay(month), startDate: firstDay(month), endDate: lastDay(month + 47) }, FINANCE),
        );
      }
      // Every six months each partner asks for a tranche, the officer approves it, HQ finance pays it; half a year's spending is reported.
      const round = Math.floor(since / 6);
      if (round < 8) {
        plan.partners.forEach((org, at) => {
          const contractId = `${projectId}-c${at + 1}`;
          const trancheId = `t${round + 1}`;
          if (since % 6 === 0) onLedger('TrancheRequested', { contractId, trancheId, amountCents: tranche, period: { from: firstDay(month), to: lastDay(month + 5) }, justification: round === 0 ? 'pre-financing' : 'further-pre-financing' }, partnerActor(org));
          if (since % 6 === 1) onLedger('TrancheApproved', { contractId, trancheId, approvedAmountCents: tranche }, officer);
          if (since % 6 === 2) onLedger('TranchePaid', { contractId, trancheId, amountCents: tranche, valueDate: firstDay(month), paymentReference: `PAY-${projectId}-${trancheId}` }, FINANCE);
          if (since % 6 === 5) onLedger('ExpenditureReported', { contractId, expenditureId: `e-${yearMonth(month)}`, period: { from: firstDay(month - 5), to: lastDay(month) }, amountCents: Math.max(100, Math.floor(tranche * 0.9 / 100) * 100), category: 'human-resources' }, partnerActor(org));
        });
      }
    }
    if (plan.returnsPartner && plan.startedIn !== null && month > plan.startedIn && (month - plan.startedIn) % 3 === 0) {
      // A quarter's returns to the project's lead country, from Libya or Niger, counted once (the quarters do not overlap).
      const stream = projectReturnsStream.id(partnerProjectKey(projectId, plan.returnsPartner));
      const lead = plan.countries[0] as string;
      decided.push({
        topic: EVENT_TOPICS.returns,
        streamId: stream,
        type: 'PeriodReturnsReported',
        data: {
          reportId: hashOf(`${seed}/${projectId}/${month}`),
          projectId,
          partner: plan.returnsPartner,
          hostCountry: lead === 'LY' ? 'NE' : 'LY',
          countryOfOrigin: lead,
          period: { from: yearMonth(month - 3), to: yearMonth(month - 1) },
          count: 20 + ((month * 37 + projectId.length * 11) % 400),
          valueQualifier: 'exact',
          breakdown: [],
          source: null,
        },
        actor: partnerActor(plan.returnsPartner),
      });
    }
    return decided;
  }

  const KINDS = ['HighLevelEngagementRecorded', 'KeyProgressRecorded', 'EuSupportMeasureRecorded', 'NextStepSet'] as const;
  function partnerships(month: number): Decided[] {
    const decided: Decided[] = [];
    partnershipCountries.forEach((country, at) => {
      const draw = (partnershipDraws[month] as number[])[at] as number;
      if (draw > 0.5) return;
      const kind = KINDS[Math.floor(draw * 8)] as (typeof KINDS)[number];
      const entryId = `${kind}-${yearMonth(month)}`;
      const description = `Bench ${kind} for ${country}, ${yearMonth(month)}`;
      const data =
        kind === 'HighLevelEngagementRecorded'
          ? { entryId, date: firstDay(month), level: 'ministerial', description, source: null }
          : kind === 'KeyProgressRecorded'
            ? { entryId, date: yearMonth(month), description, source: null }
            : kind === 'EuSupportMeasureRecorded'
              ? { entryId, date: yearMonth(month), description, amountCents: 5_000_000_00, source: null }
              : { entryId, description, dueDate: lastDay(month + 6), source: null };
      decided.push({ topic: EVENT_TOPICS.projects, streamId: countryPartnershipStream.id(country), type: kind, data, actor: officerOf(country) });
      if (kind === 'NextStepSet' && month + 6 < MONTHS) partnershipDone.set(`${month + 6}/${country}`, entryId);
    });
    for (const country of partnershipCountries) {
      const entryId = partnershipDone.get(`${month}/${country}`);
      if (entryId) decided.push({ topic: EVENT_TOPICS.projects, streamId: countryPartnershipStream.id(country), type: 'NextStepCompleted', data: { entryId, completedOn: firstDay(month) }, actor: officerOf(country) });
    }
    return decided;
  }
  const partnershipDone = new Map<string, string>();

  // Count what is not results, month by month, so that results can fill the rest exactly.
  let structuralTotal = 0;
  for (let month = 0; month < MONTHS; month += 1) {
    for (const plan of plans) structuralTotal += structural(month, plan).length;
    structuralTotal += partnerships(month).length;
  }
  partnershipDone.clear();
  if (structuralTotal > events) throw new Error(`${projects} projects need at least ${structuralTotal} events; ask for more --events or fewer --projects`);

  // Result slots: a month of an indicator of a project in implementation, reported the month after.
  const slotsFrom = new Array<number>(MONTHS + 1).fill(0);
  for (let month = MONTHS - 1; month >= 0; month -= 1) {
    const open = plans.reduce((sum, plan) => sum + (plan.startedIn !== null && month > plan.startedIn + 1 ? plan.indicators.length : 0), 0);
    slotsFrom[month] = (slotsFrom[month + 1] as number) + open;
  }

  const meanCost = 0.88 * PERIOD_COST.approved + 0.12 * PERIOD_COST.revised;
  let budget = events - structuralTotal;
  /** Result events decided earlier for a later month: approvals, returns for revision, submissions again. */
  const followUps = new Map<number, Decided[]>();

  /** The results of a month: which slots report now (drawn so that results fill the budget), and their follow-ups due now. */
  function resultsIn(month: number): Decided[] {
    const due = followUps.get(month) ?? [];
    followUps.delete(month);
    const share = Math.min(1, budget / Math.max(1, (slotsFrom[month] as number) * meanCost));
    for (const plan of plans) {
      if (plan.startedIn === null || month <= plan.startedIn + 1) continue;
      const officer = officerOf(plan.countries[0] as string);
      const stream = projectStream.id(plan.projectId);
      for (const indicator of plan.indicators) {
        if (random() >= share) continue;
        const revised = random() < 0.12;
        const decidedIn = month + between(0, 2);
        const months = revised ? [month, decidedIn, decidedIn + 1, decidedIn + 1] : [month, decidedIn];
        const cost = months.filter((at) => at < MONTHS).length;
        if (cost > budget) continue;
        budget -= cost;
        const org = plan.partners[0] as string;
        const resultId = `${indicator.indicatorId}-${yearMonth(month - 1)}`;
        const value = 10 + Math.floor(random() * 500);
        const submission = (amount: number) => ({
          resultId,
          indicatorId: indicator.indicatorId,
          period: { from: indicator.cumulative ? firstDay(plan.startedIn as number) : firstDay(month - 1), to: lastDay(month - 1) },
          value: amount,
          valueQualifier: null,
          disaggregation: indicator.bySex
            ? [
                { dimension: 'sex', category: 'female', value: Math.floor(amount / 2) },
                { dimension: 'sex', category: 'male', value: amount - Math.floor(amount / 2) },
              ]
            : [],
          narrative: { textId: randomUUID() },
          evidenceLinks: null,
          reportingOrg: org,
          reportingSubject: `${org.toLowerCase()}-reporter-1`,
        });
        const steps: Array<[string, unknown, Actor]> = revised
          ? [
              ['ResultSubmitted', submission(value), partnerActor(org)],
              ['ResultReturnedForRevision', { resultId, reason: { textId: randomUUID() } }, officer],
              ['ResultSubmitted', submission(value + 1), partnerActor(org)],
              ['ResultApproved', { resultId }, officer],
            ]
          : [
              ['ResultSubmitted', submission(value), partnerActor(org)],
              ['ResultApproved', { resultId }, officer],
            ];
        steps.forEach(([type, data, actor], at) => {
          const dueIn = months[at] as number;
          if (dueIn >= MONTHS) return;
          const decided: Decided = { topic: EVENT_TOPICS.projects, streamId: stream, type, data, actor };
          if (dueIn === month) due.push(decided);
          else followUps.set(dueIn, [...(followUps.get(dueIn) ?? []), decided]);
        });
      }
    }
    if (month === MONTHS - 1) {
      // What the draws left of the budget: drafts partners saved in the last month (never shown in reports).
      for (let draft = 0; budget > 0; draft += 1, budget -= 1) {
        const plan = plans[draft % plans.length] as ProjectPlan;
        const org = plan.partners[0] as string;
        const indicator = plan.indicators[0] as IndicatorPlan;
        due.push({
          topic: EVENT_TOPICS.projects,
          streamId: projectStream.id(plan.projectId),
          type: 'ResultDrafted',
          data: { resultId: `draft-${draft}`, indicatorId: indicator.indicatorId, period: { from: firstDay(MONTHS - 1), to: lastDay(MONTHS - 1) }, value: 1, valueQualifier: null, disaggregation: [], narrative: null, evidenceLinks: null, reportingOrg: org, reportingSubject: `${org.toLowerCase()}-reporter-1` },
          actor: partnerActor(org),
        });
      }
    }
    return due;
  }

  // A project's events of a month come in its life's order: structural ones (registration first), then results.
  const decidedIn = (month: number): Decided[] => {
    const resultsOf = new Map<string, Decided[]>();
    for (const decided of resultsIn(month)) {
      const list = resultsOf.get(decided.streamId);
      if (list) list.push(decided);
      else resultsOf.set(decided.streamId, [decided]);
    }
    const all: Decided[] = [];
    for (const plan of plans) all.push(...structural(month, plan), ...(resultsOf.get(projectStream.id(plan.projectId)) ?? []));
    all.push(...partnerships(month));
    return all;
  };

  const catalog = everyContextCatalog();
  const perTopic = { [EVENT_TOPICS.projects]: 0, [EVENT_TOPICS.disbursements]: 0, [EVENT_TOPICS.returns]: 0 } as Record<EventTopic, number>;
  const perType = new Map<string, number>();
  return {
    perTopic,
    perType,
    *months() {
      const versions = new Map<string, bigint>();
      // Each service's store numbers its own log.
      const positions = new Map<EventTopic, bigint>();
      for (let month = 0; month < MONTHS; month += 1) {
        const decided = decidedIn(month);
        const start = monthStart(month);
        const step = (monthStart(month + 1) - start) / (decided.length + 1);
        yield decided.map(({ topic, streamId, type, data, actor }, at): GeneratedEvent => {
          // As the store does before appending: the data checked against the event's current schema.
          const written = catalog.validateForWrite(type, data);
          const streamVersion = (versions.get(streamId) ?? 0n) + 1n;
          versions.set(streamId, streamVersion);
          const position = (positions.get(topic) ?? 0n) + 1n;
          positions.set(topic, position);
          perTopic[topic] += 1;
          perType.set(type, (perType.get(type) ?? 0) + 1);
          const at_ = new Date(Math.floor(start + (at + 1) * step)).toISOString();
          const event: RecordedEvent = {
            eventId: randomUUID(),
            type,
            schemaVersion: written.schemaVersion,
            data: written.data,
            occurredAt: at_,
            recordedAt: at_,
            streamId,
            streamVersion,
            position: { commit: position, prepare: position },
            metadata: { actor, correlationId: randomUUID(), causationId: null },
          };
          return { topic, event };
        });
      }
    },
  };
}
