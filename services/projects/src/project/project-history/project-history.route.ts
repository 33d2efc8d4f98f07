import { Controller, Get, Inject, NotFoundException, Param } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { projectStream, projectsCatalog, type ProjectEvent } from '@eutf/event-catalog';
import { EVENT_STORE, FREE_TEXTS, type EventStore, type FreeTextStore } from '@eutf/event-sourcing';
import { ApiReadRoute, parseWith } from '@eutf/http-api';
import { CurrentPrincipal, ROLES, Roles, type Principal } from '@eutf/identity';
import { projectIdParam } from '@eutf/reference-data';
import { HISTORY_EXAMPLE, projectHistorySchema } from './project-history.openapi';
import { historyFor, textIdsOf } from './project-history';

const catalog = projectsCatalog();

/** The audit trail of a project: read from its stream, the record of every change. */
@ApiTags('projects')
@Controller('projects')
export class ProjectHistoryRoute {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(FREE_TEXTS) private readonly texts: FreeTextStore,
  ) {}

  @Get(':projectId/history')
  @Roles(...ROLES)
  @ApiOperation({ summary: "Every change of a project: who, when, what and why (a partner sees its own organisation's changes)" })
  @ApiParam({ name: 'projectId', example: 'T05-EUTF-SAH-ML-07' })
  @ApiReadRoute({ description: 'The changes, oldest first.', schema: projectHistorySchema, example: HISTORY_EXAMPLE, notFound: { description: 'No such project, or not one the reader may see.', detail: 'No project T05-EUTF-SAH-ML-99' } })
  async history(@CurrentPrincipal() principal: Principal, @Param('projectId') id: string) {
    const projectId = parseWith(projectIdParam, id, 'params');
    const { events } = await this.store.readStream(projectStream.id(projectId));
    const upcast = events.map((recorded) => ({ ...recorded, data: catalog.read(recorded.type, recorded.schemaVersion, recorded.data) }));
    const registered = upcast.find((recorded) => recorded.type === 'ProjectRegistered')?.data as Extract<ProjectEvent, { type: 'ProjectRegistered' }>['data'] | undefined;
    // The texts as the store has them now: an erased one shows as erased, in every change that referred to it.
    const texts = registered ? await this.texts.read(textIdsOf(upcast)) : new Map();
    const entries = registered ? historyFor(principal, registered.countries, registered.implementingPartners, upcast, texts) : 'not-visible';
    // Unknown and out of scope answer alike: the answer does not tell that the project exists.
    if (entries === 'not-visible') throw new NotFoundException(`No project ${projectId}`);
    return { projectId, entries };
  }
}
