import { Inject, Injectable } from '@nestjs/common';
import { partnerProjectKey, projectReturnsStream, reintegrationCaseloadStream, returnsCatalog } from '@eutf/event-catalog';
import { EVENT_STORE, commandHandler, type CommandOutcome, type EventStore } from '@eutf/event-sourcing';
import type { CommandOrigin } from '@eutf/http-api';
import { projectReturnsDecider, reintegrationCaseloadDecider, type ProjectReturnsCommand, type ReintegrationCaseloadCommand } from '@eutf/returns-domain';
import { commandActorOf, organisationOf } from './partner-request';
import { ProjectsView } from './projects-view/projects-view.module';

/** A command as a route builds it: who acts, on which day, and the project's facts come from the request and the view. */
type Decision<C> = C extends unknown ? Omit<C, 'actor' | 'today' | 'project' | 'projectId'> : never;
export type ProjectReturnsDecision = Decision<ProjectReturnsCommand>;
export type ReintegrationCaseloadDecision = Decision<ReintegrationCaseloadCommand>;

/**
 * Runs a partner's commands on its own streams under a project: its returns (operations and period
 * reports) and its reintegration caseload, each with the project as the service's view knows it.
 */
@Injectable()
export class PartnerStreamsHandler {
  private readonly handleReturns;
  private readonly handleCaseload;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    private readonly projects: ProjectsView,
  ) {
    this.handleReturns = commandHandler(projectReturnsDecider, { store, catalog: returnsCatalog() });
    this.handleCaseload = commandHandler(reintegrationCaseloadDecider, { store, catalog: returnsCatalog() });
  }

  async returns(projectId: string, decision: ProjectReturnsDecision, input: CommandOrigin): Promise<CommandOutcome> {
    const streamId = projectReturnsStream.id(partnerProjectKey(projectId, organisationOf(input)));
    return this.handleReturns(streamId, (await this.commandOf(projectId, decision, input)) as ProjectReturnsCommand, input.context);
  }

  async caseload(projectId: string, decision: ReintegrationCaseloadDecision, input: CommandOrigin): Promise<CommandOutcome> {
    const streamId = reintegrationCaseloadStream.id(partnerProjectKey(projectId, organisationOf(input)));
    return this.handleCaseload(streamId, (await this.commandOf(projectId, decision, input)) as ReintegrationCaseloadCommand, input.context);
  }

  private async commandOf(projectId: string, decision: object, input: CommandOrigin) {
    return { ...decision, actor: commandActorOf(input), today: input.today, projectId, project: await this.projects.factsOf(projectId) };
  }
}
