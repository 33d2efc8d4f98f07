import { Get, Inject, NotFoundException, Param } from '@nestjs/common';
import { ApiOperation, ApiParam } from '@nestjs/swagger';
import { partnerProjectKey, projectReturnsStream, returnsCatalog } from '@eutf/event-catalog';
import { EVENT_STORE, type EventStore } from '@eutf/event-sourcing';
import { ApiReadRoute, parseWith } from '@eutf/http-api';
import { CurrentPrincipal, ROLES, Roles, type Principal } from '@eutf/identity';
import { projectParams } from '../../partner-request';
import { ProjectsView } from '../../projects-view/projects-view.module';
import { ReturnsRoute } from '../project-returns.route';
import { RETURNS_HISTORY_EXAMPLE, returnsHistorySchema } from './returns-history.openapi';
import { partnersVisibleTo, returnsHistoryOf } from './returns-history';

const catalog = returnsCatalog();

/** The audit trail of the return operations and period reports under a project, read from the partners' streams. */
@ReturnsRoute()
export class ReturnsHistoryRoute {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projects: ProjectsView,
  ) {}

  @Get(':projectId/history')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Every change of the return operations and period returns reports under a project: who, when, what and why (a partner sees its own)' })
  @ApiParam({ name: 'projectId', example: 'ml-eu-iom-joint-initiative' })
  @ApiReadRoute({
    description: 'The changes, oldest first, every partner of the project the reader may see.',
    schema: returnsHistorySchema,
    example: RETURNS_HISTORY_EXAMPLE,
    notFound: { description: 'No such project, or not one the reader may see.', detail: 'No project ml-unknown' },
  })
  async history(@CurrentPrincipal() principal: Principal, @Param() params: unknown) {
    const { projectId } = parseWith(projectParams, params, 'params');
    const partners = partnersVisibleTo(principal, await this.projects.factsOf(projectId));
    // Unknown and out of scope answer alike: the answer does not tell that the project exists.
    if (partners === 'not-visible') throw new NotFoundException(`No project ${projectId}`);
    const streams = await Promise.all(partners.map((org) => this.store.readStream(projectReturnsStream.id(partnerProjectKey(projectId, org)))));
    const events = streams.flatMap(({ events: recorded }) => recorded.map((event) => ({ ...event, data: catalog.read(event.type, event.schemaVersion, event.data) })));
    return { projectId, entries: returnsHistoryOf(events) };
  }
}
