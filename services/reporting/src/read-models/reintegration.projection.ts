import {
  REINTEGRATION_CASELOAD_EVENTS,
  parsePartnerProjectKey,
  reintegrationCaseloadStream,
  type ReintegrationCaseloadEvent,
  type ReintegrationStage,
  type ReportedPeriod,
} from '@eutf/event-catalog';
import type { RecordedEvent } from '@eutf/event-sourcing';
import { EVENT_TOPICS } from '@eutf/messaging';
import type { Projection } from '@eutf/projections';

/** A case as reports count it: its hash, where it returned, sex, age band and the months it reached each stage. */
export interface ReintegrationCaseView {
  caseKey: string;
  countryOfReturn: string;
  regionOfReturn: string | null;
  sex: string;
  ageBand: string;
  status: 'registered' | 'plan-approved' | 'completed' | 'abandoned';
  startedMonth: string;
  completedMonth: string | null;
  abandonedMonth: string | null;
}

export interface PeriodReintegrationView {
  reportId: string;
  countryOfReturn: string;
  stage: ReintegrationStage;
  period: ReportedPeriod;
  count: number;
  valueQualifier: 'exact' | 'more-than' | 'around';
  source: { document: string; page: number | null } | null;
}

/** One document per partner and project: its cases and its period reintegration reports. */
export interface ReintegrationDoc {
  projectId: string;
  partner: string;
  cases: ReintegrationCaseView[];
  periodReports: PeriodReintegrationView[];
}

function apply(doc: ReintegrationDoc | undefined, recorded: RecordedEvent): ReintegrationDoc {
  const key = parsePartnerProjectKey(reintegrationCaseloadStream.parse(recorded.streamId) ?? '');
  if (!key) throw new Error(`${recorded.streamId} is not a partner's reintegration caseload`);
  const current: ReintegrationDoc = doc ?? { projectId: key.projectId, partner: key.org, cases: [], periodReports: [] };
  const domainEvent = { type: recorded.type, data: recorded.data } as ReintegrationCaseloadEvent;
  const update = (caseKey: string, change: Partial<ReintegrationCaseView>) => ({
    ...current,
    cases: current.cases.map((view) => (view.caseKey === caseKey ? { ...view, ...change } : view)),
  });
  switch (domainEvent.type) {
    case 'ReintegrationCaseRegistered': {
      const { caseKey, countryOfReturn, regionOfReturn, sex, ageBand, registeredOn } = domainEvent.data;
      const view: ReintegrationCaseView = { caseKey, countryOfReturn, regionOfReturn, sex, ageBand, status: 'registered', startedMonth: registeredOn.slice(0, 7), completedMonth: null, abandonedMonth: null };
      return { ...current, cases: [...current.cases.filter((other) => other.caseKey !== caseKey), view] };
    }
    case 'ReintegrationPlanApproved':
      return update(domainEvent.data.caseKey, { status: 'plan-approved' });
    case 'ReintegrationAssistanceDelivered':
      // Assistance is counted in money by the finance views, not here.
      return current;
    case 'ReintegrationCompleted':
      return update(domainEvent.data.caseKey, { status: 'completed', completedMonth: domainEvent.data.completedOn.slice(0, 7) });
    case 'ReintegrationAbandoned':
      return update(domainEvent.data.caseKey, { status: 'abandoned', abandonedMonth: domainEvent.data.abandonedOn.slice(0, 7) });
    case 'PeriodReintegrationReported': {
      const { reportId, countryOfReturn, stage, period, count, valueQualifier, source } = domainEvent.data;
      return { ...current, periodReports: [...current.periodReports.filter((other) => other.reportId !== reportId), { reportId, countryOfReturn, stage, period, count, valueQualifier, source }] };
    }
    default: {
      const unexpected: never = domainEvent;
      return unexpected;
    }
  }
}

/** Reintegration by partner and project, from the returns topic. */
export const reintegrationProjection: Projection<ReintegrationDoc> = {
  name: 'reintegration',
  collection: 'reintegration',
  topics: [EVENT_TOPICS.returns],
  handles: REINTEGRATION_CASELOAD_EVENTS.map((definition) => definition.type),
  documentIdOf: (event) => reintegrationCaseloadStream.parse(event.streamId) ?? undefined,
  apply,
  indexes: [{ keys: { projectId: 1 } }, { keys: { partner: 1 } }],
  storedAsText: { queryable: ['projectId', 'partner'] },
};
