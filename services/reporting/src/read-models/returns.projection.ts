import {
  PROJECT_RETURNS_EVENTS,
  parsePartnerProjectKey,
  projectReturnsStream,
  type CountCell,
  type ProjectReturnsEvent,
  type ReportedPeriod,
  type VulnerabilityCounts,
} from '@eutf/event-catalog';
import type { RecordedEvent } from '@eutf/event-sourcing';
import { EVENT_TOPICS } from '@eutf/messaging';
import type { Projection } from '@eutf/projections';

/** An operation as reports count it: counts only, by route and month. */
export interface ReturnOperationView {
  operationId: string;
  kind: string;
  hostCountry: string;
  countryOfOrigin: string;
  /** The month of departure, `YYYY-MM`. */
  month: string;
  departed: number;
  /** Null until the arrival is confirmed; only arrived operations count as returns. */
  arrived: number | null;
  status: 'registered' | 'arrived' | 'cancelled';
  cells: CountCell[];
  vulnerabilities: VulnerabilityCounts;
}

export interface PeriodReturnsView {
  reportId: string;
  hostCountry: string | null;
  countryOfOrigin: string | null;
  period: ReportedPeriod;
  count: number;
  valueQualifier: 'exact' | 'more-than' | 'around';
  source: { document: string; page: number | null } | null;
}

/** One document per partner and project: what it reported of returns, operation by operation and period by period. */
export interface ProjectReturnsDoc {
  projectId: string;
  partner: string;
  operations: ReturnOperationView[];
  periodReports: PeriodReturnsView[];
}

const sum = (cells: readonly CountCell[]) => cells.reduce((total, cell) => total + cell.count, 0);

function apply(doc: ProjectReturnsDoc | undefined, recorded: RecordedEvent): ProjectReturnsDoc {
  const key = parsePartnerProjectKey(projectReturnsStream.parse(recorded.streamId) ?? '');
  if (!key) throw new Error(`${recorded.streamId} is not a partner's returns stream`);
  const current: ProjectReturnsDoc = doc ?? { projectId: key.projectId, partner: key.org, operations: [], periodReports: [] };
  const domainEvent = { type: recorded.type, data: recorded.data } as ProjectReturnsEvent;
  switch (domainEvent.type) {
    case 'ReturnOperationRegistered': {
      const { operationId, kind, hostCountry, countryOfOrigin, departedOn, departed, vulnerabilities } = domainEvent.data;
      const view: ReturnOperationView = { operationId, kind, hostCountry, countryOfOrigin, month: departedOn.slice(0, 7), departed: sum(departed), arrived: null, status: 'registered', cells: departed, vulnerabilities };
      return { ...current, operations: [...current.operations.filter((other) => other.operationId !== operationId), view] };
    }
    case 'ReturnArrivalConfirmed':
    case 'ReturnOperationCancelled': {
      const arrived = domainEvent.type === 'ReturnArrivalConfirmed' ? domainEvent.data.arrived : null;
      const status = domainEvent.type === 'ReturnArrivalConfirmed' ? 'arrived' : 'cancelled';
      return { ...current, operations: current.operations.map((view) => (view.operationId === domainEvent.data.operationId ? { ...view, arrived, status } : view)) };
    }
    case 'PeriodReturnsReported': {
      const { reportId, hostCountry, countryOfOrigin, period, count, valueQualifier, source } = domainEvent.data;
      const view: PeriodReturnsView = { reportId, hostCountry, countryOfOrigin, period, count, valueQualifier, source };
      return { ...current, periodReports: [...current.periodReports.filter((other) => other.reportId !== reportId), view] };
    }
    default: {
      const unexpected: never = domainEvent;
      return unexpected;
    }
  }
}

/** Returns by partner and project, from the returns topic: what the returns views and the factsheet count. */
export const returnsProjection: Projection<ProjectReturnsDoc> = {
  name: 'returns',
  collection: 'returns',
  topics: [EVENT_TOPICS.returns],
  handles: PROJECT_RETURNS_EVENTS.map((definition) => definition.type),
  documentIdOf: (event) => projectReturnsStream.parse(event.streamId) ?? undefined,
  apply,
  indexes: [{ keys: { projectId: 1 } }, { keys: { partner: 1 } }],
  storedAsText: { queryable: ['projectId', 'partner'] },
};
