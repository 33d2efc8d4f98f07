import { Get, Inject, Param } from '@nestjs/common';
import { ApiOperation, ApiParam } from '@nestjs/swagger';
import { freeTextEntry, projectFundingStream } from '@eutf/event-catalog';
import { FREE_TEXTS, type FreeTextStore } from '@eutf/event-sourcing';
import { ApiReadRoute, parseWith } from '@eutf/http-api';
import { Roles } from '@eutf/identity';
import { projectIdParam } from '@eutf/reference-data';
import { z } from 'zod';
import { FundingRoute } from '../project-funding.route';

const ledgerFreeTexts = z.object({ projectId: z.string(), texts: z.array(freeTextEntry) });

/** What an admin looks at before erasing: the ledger's free texts (reasons), with their ids. */
@FundingRoute()
export class LedgerFreeTextsRoute {
  constructor(@Inject(FREE_TEXTS) private readonly texts: FreeTextStore) {}

  @Get(':projectId/funding/free-texts')
  @Roles('admin')
  @ApiOperation({ summary: "The funding ledger's free texts (reasons), each with the id it is erased by, and whether it was" })
  @ApiParam({ name: 'projectId', example: 'T05-EUTF-NOA-LY-04' })
  @ApiReadRoute({
    description: 'The texts, oldest first; an erased one has no text.',
    schema: ledgerFreeTexts,
    example: {
      projectId: 'T05-EUTF-NOA-LY-04',
      texts: [{ textId: '5b0c7f1e-8d0a-4a53-9c55-2f0f3c1d7a10', field: 'reason', status: 'shown', text: 'The interim report is missing', recordedAt: '2018-02-01T10:00:00.000Z', erasedAt: null }],
    },
  })
  async list(@Param('projectId') id: string) {
    const projectId = parseWith(projectIdParam, id, 'params');
    const entries = await this.texts.ofStream(projectFundingStream.id(projectId));
    return {
      projectId,
      texts: entries.map(({ textId, field, text, recordedAt, erasedAt }) => ({ textId, field, status: erasedAt === null ? ('shown' as const) : ('erased' as const), text, recordedAt, erasedAt })),
    };
  }
}
