import { fundingFreeTextsOf, viewOfText, type ProjectFundingEvent } from '@eutf/event-catalog';
import { auditEntryOf, type AuditEntry, type FreeTextView, type RecordedEvent } from '@eutf/event-sourcing';
import { hasRole, type Principal } from '@eutf/identity';
import type { ProjectAsSeen } from '@eutf/disbursements-domain';
import { formatEuros, type EuroCents } from '@eutf/shared-kernel';

const euros = (cents: number) => formatEuros(cents as EuroCents);
const period = ({ from, to }: { from: string | null; to: string }) => `${from ?? 'the start'} – ${to}`;

/** The change in a sentence of the domain's words. Reasons are shown apart (`why`). */
export function summaryOf(event: ProjectFundingEvent): string {
  switch (event.type) {
    case 'CommitmentRecorded':
      return `Commitment of ${euros(event.data.amountCents)} recorded (decision ${event.data.decisionReference} of ${event.data.decidedOn})`;
    case 'CommitmentAmended':
      return `Commitment ${event.data.change === 'top-up' ? 'topped up' : 'reduced'} by ${euros(event.data.amountCents)} on ${event.data.amendedOn}`;
    case 'ContractSigned':
      return `Contract ${event.data.contractId} signed with ${event.data.partnerOrg} for ${euros(event.data.amountCents)} (${event.data.startDate} – ${event.data.endDate})`;
    case 'TrancheRequested':
      return `Tranche ${event.data.trancheId} of ${euros(event.data.amountCents)} requested under ${event.data.contractId} for ${period(event.data.period)} (${event.data.justification})`;
    case 'TrancheApproved':
      return `Tranche ${event.data.trancheId} under ${event.data.contractId} approved for ${euros(event.data.approvedAmountCents)}`;
    case 'TrancheRejected':
      return `Tranche ${event.data.trancheId} under ${event.data.contractId} rejected`;
    case 'TranchePaid':
      return `Tranche ${event.data.trancheId} under ${event.data.contractId} paid: ${euros(event.data.amountCents)}, value date ${event.data.valueDate} (${event.data.paymentReference})`;
    case 'FundsRecovered':
      return `${euros(event.data.amountCents)} recovered under ${event.data.contractId} on ${event.data.recoveredOn}`;
    case 'ExpenditureReported':
      return `Expenditure of ${euros(event.data.amountCents)} reported under ${event.data.contractId} for ${period(event.data.period)} (${event.data.category})`;
    case 'FreeTextErased':
      // That it happened, which text and why, by whom (the entry's `who`): never the text.
      return `Free text ${event.data.textId} (${event.data.field}) erased: ${event.data.reasonCode}`;
    default: {
      const unknown: never = event;
      return (unknown as { type: string }).type;
    }
  }
}

/** The free-text store's entries the history shows, by id. */
export type FreeTextEntries = ReadonlyMap<string, { text: string | null; erasedAt: string | null }>;

/** The reason the actor gave, where the command asks for one, as the free-text store has it now. */
function reasonOf(event: ProjectFundingEvent, entries: FreeTextEntries): FreeTextView | null {
  return event.type === 'CommitmentAmended' || event.type === 'TrancheRejected' || event.type === 'FundsRecovered' ? viewOfText(event.data.reason, entries) : null;
}

/** The ids of the free texts some events refer to: what the history looks up in the store. */
export function textIdsOf(events: readonly RecordedEvent[]): string[] {
  return events.flatMap((recorded) => fundingFreeTextsOf({ type: recorded.type, data: recorded.data } as ProjectFundingEvent).flatMap(({ text }) => ('textId' in text ? [text.textId] : [])));
}

/**
 * What a reader may see of a project's funding ledger: headquarters and the officers of the
 * project's countries see every change; an implementing partner sees what concerns its own
 * contracts (signed with it, its requests and their decisions, payments to it, recoveries from it)
 * and nothing of another partner's money or of the EU's commitment. A project the reader may not
 * see answers as one this service has not seen.
 */
export function fundingHistoryFor(
  viewer: Principal,
  project: ProjectAsSeen | null,
  events: readonly RecordedEvent[],
  entries: FreeTextEntries = new Map(),
): AuditEntry[] | 'not-visible' {
  if (!project) return 'not-visible';
  const headquarters = hasRole(viewer, 'hq-analyst') || hasRole(viewer, 'hq-finance') || hasRole(viewer, 'admin');
  const officer = hasRole(viewer, 'delegation-officer') && project.countries.includes(viewer.country ?? '');
  const partner = hasRole(viewer, 'implementing-partner') && project.implementingPartners.includes(viewer.org ?? '');
  if (!headquarters && !officer && !partner) return 'not-visible';
  const ledger = events.map((recorded) => ({ recorded, event: { type: recorded.type, data: recorded.data } as ProjectFundingEvent }));
  const ownContracts = new Set(
    ledger.flatMap(({ event }) => (event.type === 'ContractSigned' && event.data.partnerOrg === viewer.org ? [event.data.contractId] : [])),
  );
  const visible = headquarters || officer ? ledger : ledger.filter(({ event }) => 'contractId' in event.data && ownContracts.has(event.data.contractId));
  return visible.map(({ recorded, event }) =>
    auditEntryOf(recorded, {
      summary: summaryOf(event),
      reason: reasonOf(event, entries),
      texts: fundingFreeTextsOf(event).map(({ field, text }) => ({ field, ...viewOfText(text, entries) })),
    }),
  );
}
