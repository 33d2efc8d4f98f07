import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  CurrentPrincipal,
  MAXIMUM_REPORT_LINK_SECONDS,
  REPORT_LINK_PARAMETER,
  REPORT_LINK_SECRET_VARIABLE,
  ReportLinks,
  Roles,
  type Principal,
} from '@eutf/identity';
import { ApiReadRoute, JsonBody, PROBLEM_JSON, ProblemException, openApiBody, parseWith, problemType } from '@eutf/http-api';
import { ROLES } from '@eutf/reference-data';
import { z } from 'zod';

const reportLinkRequest = z
  .object({
    path: z
      .string()
      .min(1)
      .max(2000)
      .regex(/^\/[^\s#]*$/, 'must be a path and query on this service, starting with "/" (no host, no fragment)'),
    /** Seconds the link lasts; 10 minutes unless told, at most 15. */
    expiresIn: z.number().int().min(1).max(MAXIMUM_REPORT_LINK_SECONDS).optional(),
  })
  .strict();

const reportLinkAnswer = z.object({
  url: z.string().describe('The path and query to open, with `?link=`: valid for this report only.'),
  expiresAt: z.iso.datetime(),
});

const requestExample = { path: '/countries/ML/factsheet.html?from=2016-06-01&to=2017-03-31' };
const answerExample = {
  url: '/countries/ML/factsheet.html?from=2016-06-01&to=2017-03-31&link=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…',
  expiresAt: '2026-01-01T10:10:00.000Z',
};

/**
 * Short-lived links to a report a person opens in a browser, which cannot send a bearer token: the
 * link speaks for the caller, for one report (its path and query), for a few minutes.
 */
@ApiTags('report links')
@Controller('report-links')
export class ReportLinksHttpController {
  constructor(private readonly links: ReportLinks) {}

  @Post()
  @HttpCode(200)
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'A link to open one report (the factsheet page, a CSV download) in a browser, for 10 minutes (at most 15)',
    description: `The link carries \`?${REPORT_LINK_PARAMETER}=\`, signed for the caller, the exact path and query, and its expiry; only routes that render a report take it. The report's own access rules apply to the caller as for a bearer token. Tokens are never taken in URLs (\`access_token\`).`,
  })
  @ApiBody(openApiBody(reportLinkRequest, requestExample))
  @ApiReadRoute({ description: 'The link and when it expires.', schema: reportLinkAnswer, example: answerExample })
  @ApiResponse({
    status: 503,
    description: `No key to sign links with: ${REPORT_LINK_SECRET_VARIABLE} is not set.`,
    content: { [PROBLEM_JSON]: { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
  })
  async create(@CurrentPrincipal() principal: Principal, @JsonBody() body: unknown): Promise<z.infer<typeof reportLinkAnswer>> {
    const { path, expiresIn } = parseWith(reportLinkRequest, body);
    const signer = this.links.signer;
    if (!signer) {
      throw new ProblemException({
        type: problemType('report-links-unavailable'),
        title: 'Report links are not available',
        status: 503,
        detail: `This service has no key to sign report links with: set ${REPORT_LINK_SECRET_VARIABLE} (at least 32 characters)`,
      });
    }
    const pathOnly = new URL(path, 'http://report.invalid').pathname;
    if (!this.links.opens(pathOnly)) {
      throw new ProblemException({
        type: problemType('validation'),
        title: 'The request is not valid',
        status: 400,
        detail: 'body.path: is not a report a link can open (the factsheet page and the CSV downloads)',
        errors: [{ field: 'body.path', message: 'is not a report a link can open (the factsheet page and the CSV downloads)' }],
      });
    }
    const { token, target, expiresAt } = await signer.sign(principal, path, expiresIn === undefined ? {} : { seconds: expiresIn });
    const url = `${target}${target.includes('?') ? '&' : '?'}${REPORT_LINK_PARAMETER}=${token}`;
    return { url, expiresAt: expiresAt.toISOString() };
  }
}
