import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { freeTextEntry } from '@eutf/event-catalog';
import { FREE_TEXTS, type FreeTextStore } from '@eutf/event-sourcing';
import { ApiReadRoute, parseWith } from '@eutf/http-api';
import { Roles } from '@eutf/identity';
import { z } from 'zod';

const freeTextsQuery = z.object({
  ids: z
    .string()
    .transform((value) => value.split(',').filter(Boolean))
    .pipe(z.array(z.uuid()).min(1).max(200)),
});

const freeTextsAnswer = z.object({ texts: z.array(freeTextEntry) });

/**
 * The free-text store's entries by id: what the reporting service shows where a report has a
 * reason, resolved when the report is asked for and never kept (so an erased text is gone from
 * every report at once). Headquarters reads them as it reads the reports; an admin to erase.
 */
@ApiTags('free texts')
@Controller('free-texts')
export class FreeTextsRoute {
  constructor(@Inject(FREE_TEXTS) private readonly texts: FreeTextStore) {}

  @Get()
  @Roles('hq-analyst', 'admin')
  @ApiOperation({ summary: 'Free texts by id: the text, or that it was erased (unknown ids are left out)' })
  @ApiQuery({ name: 'ids', description: 'Comma-separated text ids (1 to 200).', example: '5b0c7f1e-8d0a-4a53-9c55-2f0f3c1d7a10' })
  @ApiReadRoute({
    description: 'The entries found.',
    schema: freeTextsAnswer,
    example: {
      texts: [
        { textId: '5b0c7f1e-8d0a-4a53-9c55-2f0f3c1d7a10', field: 'reason', status: 'erased', text: null, recordedAt: '2017-07-03T09:12:40.118Z', erasedAt: '2019-02-01T10:00:00.000Z' },
      ],
    },
  })
  async byIds(@Query() query: unknown) {
    const { ids } = parseWith(freeTextsQuery, query, 'query');
    const found = await this.texts.read(ids);
    return {
      texts: [...found.values()].map(({ textId, field, text, recordedAt, erasedAt }) => ({
        textId,
        field,
        status: erasedAt === null ? ('shown' as const) : ('erased' as const),
        text,
        recordedAt,
        erasedAt,
      })),
    };
  }
}
