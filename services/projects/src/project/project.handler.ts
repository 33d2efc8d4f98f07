import { Inject, Injectable } from '@nestjs/common';
import { projectStream, projectsCatalog, FreeTextBatch } from '@eutf/event-catalog';
import { EVENT_STORE, commandHandler, type CommandOutcome, type EventStore } from '@eutf/event-sourcing';
import { scopedRoleOf, type CommandOrigin } from '@eutf/http-api';
import { projectDecider, type ProjectCommand } from '@eutf/projects-domain';
import { EutfReferenceReservation } from './eutf-reference-reservation/eutf-reference.reservation';

/** A project command as a route builds it: who acts and on which day come from the request. */
export type ProjectDecision = ProjectCommand extends infer C ? (C extends unknown ? Omit<C, 'actor' | 'today'> : never) : never;

/** Runs the commands of one project's stream, with the actor and the date of the request. */
@Injectable()
export class ProjectHandler {
  private readonly handle;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    private readonly references: EutfReferenceReservation,
  ) {
    this.handle = commandHandler(projectDecider, { store, catalog: projectsCatalog() });
  }

  /** `texts`: the free texts the decision refers to by id, stored with its events or not at all. */
  run(projectId: string, decision: ProjectDecision, input: CommandOrigin, texts?: FreeTextBatch): Promise<CommandOutcome> {
    const streamId = projectStream.id(projectId);
    return this.handle(streamId, this.command(decision, input), input.context, texts ? { freeTexts: { record: texts.forStream(streamId) } } : {});
  }

  /** Erases a free text of the project: its store entry is emptied in the transaction that appends `FreeTextErased`. */
  erase(projectId: string, textId: string, reasonCode: Extract<ProjectDecision, { type: 'EraseFreeText' }>['reasonCode'], input: CommandOrigin): Promise<CommandOutcome> {
    const streamId = projectStream.id(projectId);
    return this.handle(streamId, this.command({ type: 'EraseFreeText', textId, reasonCode }, input), input.context, {
      freeTexts: { erase: [{ textId, streamId, erasedBy: input.actor.subject, reasonCode }] },
    });
  }

  /**
   * Runs a command that gives a project its EUTF reference: once the project's rules accept it,
   * the reference is reserved on its own stream, and given up again if the project's events are
   * not appended after all. Two projects never share a reference, even when two officers try at once.
   */
  runReserving(reference: string, projectId: string, decision: ProjectDecision, input: CommandOrigin): Promise<CommandOutcome> {
    return this.handle(projectStream.id(projectId), this.command(decision, input), input.context, {
      beforeAppend: () => this.references.reserve(reference, projectId, input.context),
    });
  }

  private command(decision: ProjectDecision, input: CommandOrigin): ProjectCommand {
    return { ...decision, actor: scopedRoleOf(input), today: input.today } as ProjectCommand;
  }
}
