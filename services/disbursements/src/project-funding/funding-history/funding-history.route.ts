import { Get, Inject, NotFoundException, Param } from '@nestjs/common';
import { ApiOperation, ApiParam } from '@nestjs/swagger';
import { disbursementsCatalog, projectFundingStream } from '@eutf/event-catalog';
import { EVENT_STORE, FREE_TEXTS, type EventStore, type FreeTextStore } from '@eutf/event-sourcing';
import { ApiReadRoute, parseWith } from '@eutf/http-api';
import { CurrentPrincipal, ROLES, Roles, type Principal } from '@eutf/identity';
import { projectIdParam } from '@eutf/reference-data';
import { ProjectsSeen } from '../../projects-seen/projects-seen.module';
import { FundingRoute } from '../project-funding.route';
import { FUNDING_HISTORY_EXAMPLE, fundingHistorySchema } from './funding-history.openapi';
import { fundingHistoryFor, textIdsOf } from './funding-history';

const catalog = disbursementsCatalog();

/** The audit trail of a project's funding ledger: read from its stream, the record of every movement. */
@FundingRoute()
export class FundingHistoryRoute {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(FREE_TEXTS) private readonly texts: FreeTextStore,
    private readonly projects: ProjectsSeen,
  ) {}

  @Get(':projectId/funding/history')
  @Roles(...ROLES)
  @ApiOperation({ summary: "Every movement of a project's funding ledger: who, when, what and why (a partner sees its own contracts)" })
  @ApiParam({ name: 'projectId', example: 'T05-EUTF-NOA-LY-04' })
  @ApiReadRoute({
    description: 'The changes, oldest first.',
    schema: fundingHistorySchema,
    example: FUNDING_HISTORY_EXAMPLE,
    notFound: { description: 'No such project, or not one the reader may see.', detail: 'No project T05-EUTF-NOA-LY-99' },
  })
  async history(@CurrentPrincipal() principal: Principal, @Param('projectId') id: string) {
    const projectId = parseWith(projectIdParam, id, 'params');
    const [project, { events }] = await Promise.all([this.projects.find(projectId), this.store.readStream(projectFundingStream.id(projectId))]);
    const upcast = events.map((recorded) => ({ ...recorded, data: catalog.read(recorded.type, recorded.schemaVersion, recorded.data) }));
    // The reasons as the store has them now: an erased one shows as erased, never its text.
    const entries = fundingHistoryFor(principal, project, upcast, await this.texts.read(textIdsOf(upcast)));
    // Unknown and out of scope answer alike: the answer does not tell that the project exists.
    if (entries === 'not-visible') throw new NotFoundException(`No project ${projectId}`);
    return { projectId, entries };
  }
}
