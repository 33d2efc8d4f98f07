import type { ProjectReturnsEvent } from '@eutf/event-catalog';
import { auditEntryOf, reasonAsIs, type AuditEntry, type RecordedEvent } from '@eutf/event-sourcing';
import { hasRole, type Principal } from '@eutf/identity';
import type { ProjectFacts } from '@eutf/returns-domain';

const QUALIFIED = { exact: '', 'more-than': 'more than ', around: 'around ' } as const;
const place = (country: string | null, every: string) => country ?? every;
const period = ({ from, to }: { from: string | null; to: string }) => `${from ?? 'the start'} – ${to}`;
/** A record is named by the first characters of its key: enough to tell records apart, nothing a partner chose. */
const short = (key: string) => key.slice(0, 8);

/**
 * The change in a sentence of the domain's words: counts and codes only, as the events hold them
 * (no breakdown by sex and age: an audit trail is not a table to suppress).
 */
export function summaryOf(event: ProjectReturnsEvent): string {
  switch (event.type) {
    case 'ReturnOperationRegistered': {
      const departed = event.data.departed.reduce((sum, cell) => sum + cell.count, 0);
      return `Return operation ${short(event.data.operationId)} (${event.data.kind}) registered: ${departed} departed ${event.data.hostCountry} for ${event.data.countryOfOrigin} on ${event.data.departedOn}`;
    }
    case 'ReturnArrivalConfirmed':
      return `Return operation ${short(event.data.operationId)} arrived on ${event.data.arrivedOn}: ${event.data.arrived} arrived`;
    case 'ReturnOperationCancelled':
      return `Return operation ${short(event.data.operationId)} cancelled on ${event.data.cancelledOn}`;
    case 'PeriodReturnsReported':
      return `Returns reported for ${period(event.data.period)}: ${QUALIFIED[event.data.valueQualifier]}${event.data.count} from ${place(event.data.hostCountry, 'every host country')} to ${place(event.data.countryOfOrigin, 'every country of origin')}`;
    default: {
      const unknown: never = event;
      return (unknown as { type: string }).type;
    }
  }
}

/** The reason given: a code, for a cancelled operation. */
const reasonOf = (event: ProjectReturnsEvent): string | null => (event.type === 'ReturnOperationCancelled' ? event.data.reason : null);

/**
 * Whose returns streams a reader may see under a project: headquarters and the officers of the
 * project's countries every implementing partner's, a partner its own only. A project the reader
 * may not see answers as one this service has not seen.
 */
export function partnersVisibleTo(viewer: Principal, project: ProjectFacts | null): readonly string[] | 'not-visible' {
  if (!project) return 'not-visible';
  const headquarters = hasRole(viewer, 'hq-analyst') || hasRole(viewer, 'hq-finance') || hasRole(viewer, 'admin');
  const officer = hasRole(viewer, 'delegation-officer') && project.countries.includes(viewer.country ?? '');
  if (headquarters || officer) return project.implementingPartners;
  if (hasRole(viewer, 'implementing-partner') && project.implementingPartners.includes(viewer.org ?? '')) return [viewer.org as string];
  return 'not-visible';
}

/** The audit trail of the partners' returns under a project, every stream merged in the order it was recorded. */
export function returnsHistoryOf(events: readonly RecordedEvent[]): Array<AuditEntry & { partner: string | null }> {
  return [...events]
    .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.streamId.localeCompare(b.streamId) || Number(a.streamVersion - b.streamVersion))
    .map((recorded) => {
      const event = { type: recorded.type, data: recorded.data } as ProjectReturnsEvent;
      return { ...auditEntryOf(recorded, { summary: summaryOf(event), reason: reasonAsIs(reasonOf(event)) }), partner: recorded.metadata.actor.org ?? null };
    });
}
