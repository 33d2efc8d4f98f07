import { Inject, Injectable } from '@nestjs/common';
import { disbursementsCatalog, projectFundingStream, type FreeTextBatch } from '@eutf/event-catalog';
import { EVENT_STORE, commandHandler, type CommandOutcome, type EventStore } from '@eutf/event-sourcing';
import { scopedRoleOf, type CommandOrigin } from '@eutf/http-api';
import { projectFundingDecider, type ProjectFundingCommand } from '@eutf/disbursements-domain';
import { ProjectsSeen } from '../projects-seen/projects-seen.module';

/** A ledger command as a route builds it: who acts and the project as seen are added here. */
export type FundingDecision = ProjectFundingCommand extends infer C ? (C extends unknown ? Omit<C, 'actor' | 'project'> : never) : never;

/** Runs the commands of one project's funding ledger, with the project as this service has seen it. */
@Injectable()
export class ProjectFundingHandler {
  private readonly handle;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    private readonly projects: ProjectsSeen,
  ) {
    // Requests on one contract come in bursts (the end of a reporting period), and each attempt
    // decides again on the stream as it then is: retrying a conflict is safe, and more attempts
    // than the default keep a burst from ending in conflicts instead of answers.
    this.handle = commandHandler(projectFundingDecider, { store, catalog: disbursementsCatalog() });
  }

  /** `texts`: the free texts (reasons) the decision refers to by id, stored with its events or not at all. */
  async run(projectId: string, decision: FundingDecision, input: CommandOrigin, texts?: FreeTextBatch): Promise<CommandOutcome> {
    const project = await this.projects.find(projectId);
    const command = { ...decision, actor: scopedRoleOf(input), project } as ProjectFundingCommand;
    const streamId = projectFundingStream.id(projectId);
    return this.handle(streamId, command, input.context, texts ? { freeTexts: { record: texts.forStream(streamId) } } : {});
  }

  /** Erases a free text of the ledger: its store entry is emptied in the transaction that appends `FreeTextErased`. */
  async erase(projectId: string, textId: string, reasonCode: Extract<FundingDecision, { type: 'EraseFreeText' }>['reasonCode'], input: CommandOrigin): Promise<CommandOutcome> {
    const streamId = projectFundingStream.id(projectId);
    const command = { type: 'EraseFreeText', textId, reasonCode, actor: scopedRoleOf(input), project: await this.projects.find(projectId) } as ProjectFundingCommand;
    return this.handle(streamId, command, input.context, { freeTexts: { erase: [{ textId, streamId, erasedBy: input.actor.subject, reasonCode }] } });
  }
}
