import { Inject, Injectable } from '@nestjs/common';
import { eutfReferenceStream, projectStream, projectsCatalog } from '@eutf/event-catalog';
import { DomainRuleViolation, EVENT_STORE, commandHandler, type CommandContext, type EventStore, type Undo } from '@eutf/event-sourcing';
import { eutfReferenceDecider, refuse } from '@eutf/projects-domain';

/**
 * Holds an EUTF reference for one project, on the reference's own stream: the step a project's
 * registration or reference assignment takes just before its events are appended.
 */
@Injectable()
export class EutfReferenceReservation {
  private readonly handle;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {
    this.handle = commandHandler(eutfReferenceDecider, { store, catalog: projectsCatalog() });
  }

  /** Reserves `reference` for `projectId`: a broken rule if another project holds it, else how to give it up. */
  async reserve(reference: string, projectId: string, request: CommandContext): Promise<DomainRuleViolation | Undo | void> {
    // A project registered under this reference holds it, reservation or not.
    if (reference !== projectId && (await this.store.readStream(projectStream.id(reference), { maxCount: 1 })).streamVersion !== null) {
      return refuse('reference-taken', `${reference} is the reference of project ${reference}`);
    }
    // The request's Idempotency-Key and If-Match are for the project's stream, not this one.
    const context: CommandContext = { metadata: request.metadata, now: request.now };
    const stream = eutfReferenceStream.id(reference);
    const reserved = await this.handle(stream, { type: 'ReserveEutfReference', reference, projectId }, context);
    if (reserved instanceof DomainRuleViolation) return reserved;
    // Reserved by an earlier attempt of the same request: that attempt's undo, if any, gives it up.
    if (reserved.eventIds.length === 0) return undefined;
    return async () => {
      await this.handle(stream, { type: 'ReleaseEutfReference', reference, projectId }, context);
    };
  }
}
