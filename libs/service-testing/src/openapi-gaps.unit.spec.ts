import { Body, Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiCommandRoute, ApiReadRoute, openApiBody } from '@eutf/http-api';
import { z } from 'zod';
import { openApiDocumentOf, openApiGaps } from './openapi-gaps';

const milestoneBody = z.object({ milestoneId: z.string().max(100), dueDate: z.iso.date() });
/** A body a client could make as large as it likes: an array and a string of any length. */
const unboundedBody = z.object({ milestoneIds: z.array(z.string().max(100)), note: z.string() });

@ApiTags('documented')
@Controller('projects/:projectId')
class DocumentedController {
  @Post('milestones')
  @HttpCode(201)
  @ApiCommandRoute({ status: 201, streamId: 'project-T05-EUTF-SAH-ML-07' })
  @ApiBody(openApiBody(milestoneBody, { milestoneId: 'm1', dueDate: '2017-09-30' }))
  defineMilestone(@Body() body: unknown) {
    return body;
  }

  @Get('factsheet.csv')
  @ApiReadRoute({ description: 'CSV', mediaType: 'text/csv' })
  factsheetCsv() {
    return '';
  }
}

@ApiTags('undocumented')
@Controller('partners')
class UndocumentedController {
  @Post('results')
  @ApiBody(openApiBody(unboundedBody))
  submitResult(@Body() body: unknown) {
    return body;
  }
}

@Controller('health')
class HealthLikeController {
  @Get('live')
  @ApiOkResponse({ description: 'Up', schema: { type: 'object', properties: { status: { type: 'string' } } } })
  live() {
    return {};
  }
}

@Module({ controllers: [DocumentedController, UndocumentedController, HealthLikeController] })
class ExampleModule {}

describe('openApiGaps', () => {
  it('finds nothing missing on routes documented with ApiCommandRoute, ApiReadRoute and an example body', async () => {
    const document = await openApiDocumentOf({ module: ExampleModule });
    expect(openApiGaps(document, { tags: ['documented'] })).toEqual([]);
  });

  it('names each gap of an operation with no responses, no security and a body without an example', async () => {
    const document = await openApiDocumentOf({ module: ExampleModule });
    expect(openApiGaps(document)).toEqual([
      'POST /partners/results: no 2xx response with a schema or a non-JSON media type',
      'POST /partners/results: no bearer security',
      'POST /partners/results: no 401 application/problem+json response',
      'POST /partners/results: no 403 application/problem+json response',
      'POST /partners/results: no example of its request body',
      'POST /partners/results: body.milestoneIds: an array with no maxItems or a string with no maxLength, pattern, enum or format',
      'POST /partners/results: body.note: an array with no maxItems or a string with no maxLength, pattern, enum or format',
    ]);
  });

  it('asks no 401 or 403 of public routes such as /health', async () => {
    const document = await openApiDocumentOf({ module: ExampleModule });
    expect(document.paths['/health/live']?.get?.responses['401']).toBeUndefined();
    expect(openApiGaps(document).filter((gap) => gap.includes('/health'))).toEqual([]);
  });
});
