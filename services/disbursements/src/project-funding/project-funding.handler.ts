import { Inject, Injectable } from '@nestjs/common';
import { disbursementsCatalog, projectFundingStream } from '@eutf/event-catalog';
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

  async run(projectId: string, decision: FundingDecision, input: CommandOrigin): Promise<CommandOutcome> {
    const project = await this.projects.find(projectId);
    const command = { ...decision, actor: scopedRoleOf(input), project } as ProjectFundingCommand;
    return this.handle(projectFundingStream.id(projectId), command, input.context);
  }
}
