import { Controller, Delete, Get, HttpCode, NotFoundException, Param, Post, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@eutf/identity';
import { ApiReadRoute, JsonBody, PROBLEM_JSON, ProblemException, openApiBody, parseWith, problemType } from '@eutf/http-api';
import { z } from 'zod';
import { AsOfReadModels } from '../read-models/as-of-read-models';
import { CONSOLIDATED_REPORT_READ_MODELS } from '../read-models/read-models.options';
import { HEADQUARTERS } from '../queries/reports.http.controller';
import { canonicalJson, sha256Hex } from './canonical-json';
import { HeadquartersReports } from './headquarters-reports';
import { PERIOD_CLOSE_RULES, closureIdOf, decideClosure, reproduces, type PeriodCloseRule, type PeriodClosure } from './period-closures';
import { ClosureTakenError, PeriodClosuresStore } from './period-closures.store';

/**
 * How long a close waits, after taking its instant, before reading the topics: an event recorded
 * (committed) just before the instant may still be on its way from its store to Kafka, and the
 * frozen report must hold it, or recomputing it later would not give the same hash.
 */
const RELAY_SETTLE_MS = 1_000;

const closeRequest = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    /** Required to close a period again, as a new version. */
    reason: z.string().trim().min(1).max(1_000).optional(),
  })
  .strict()
  .refine(({ from, to }) => from <= to, { message: 'from must not be after to', path: ['from'] });

const closureSchema = z.object({
  closureId: z.string(),
  period: z.object({ from: z.iso.date(), to: z.iso.date() }),
  version: z.number().int().min(1),
  reason: z.string().nullable(),
  closedAt: z.iso.datetime(),
  closedBy: z.object({ subject: z.string(), role: z.string() }),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
});
const closureExample: PeriodClosure = {
  closureId: '2016-06-01_2017-06-30_v1',
  period: { from: '2016-06-01', to: '2017-06-30' },
  version: 1,
  reason: null,
  closedAt: '2017-07-15T09:00:00.000Z',
  closedBy: { subject: 'analyst-1', role: 'hq-analyst' },
  contentHash: 'c0535e4be2b79ffd93291305436bf889314e4a3faec05ecffcbb7df31ad9e51a',
};
const verificationSchema = z.object({ closureId: z.string(), closedAt: z.iso.datetime(), contentHash: z.string(), recomputedHash: z.string(), reproducible: z.boolean() });

const ruleProblem = (rule: PeriodCloseRule) =>
  new ProblemException({ type: problemType(`rule/${rule}`), title: 'A business rule refused the request', status: PERIOD_CLOSE_RULES[rule].status, detail: PERIOD_CLOSE_RULES[rule].detail, rule });
/** The problems a route answers, each rule it may break an example named after it (as the command routes document theirs). */
const problems = (entries: Array<[number, string, PeriodCloseRule[]?]>) =>
  applyDecorators(
    ...entries.map(([status, description, rules = []]) =>
      ApiResponse({
        status,
        description,
        content: {
          [PROBLEM_JSON]: {
            schema: { $ref: '#/components/schemas/ProblemDetails' },
            ...(rules.length > 0 ? { examples: Object.fromEntries(rules.map((rule) => [rule, { summary: `Rule ${rule}`, value: ruleProblem(rule).problem }])) } : {}),
          },
        },
      }),
    ),
  );
const RULES_IN_WORDS = Object.entries(PERIOD_CLOSE_RULES)
  .map(([rule, { status, detail }]) => `\`${rule}\` (${status}): ${detail}`)
  .join(' ');

/**
 * Period close, owned by reporting: closing a period freezes a report, which is reporting's own
 * product, and changes no fact of any project, ledger or return — so it is no command service's
 * event. The frozen copy and who closed it live in reporting's MongoDB (`period_closures`, which no
 * rebuild drops), and the copy can be checked at any time against the topics: it is the report
 * as of its close instant.
 */
@ApiTags('reports')
@Controller('reports/consolidated/closures')
export class PeriodClosuresHttpController {
  constructor(
    private readonly closures: PeriodClosuresStore,
    private readonly asOfReadModels: AsOfReadModels,
    private readonly headquarters: HeadquartersReports,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('hq-analyst')
  @ApiOperation({
    summary: 'Closes a reporting period: freezes headquarters’ consolidated report for it',
    description: `The whole consolidated report for \`from\`–\`to\` is computed as of the close instant (the events recorded up to it), stored as its canonical JSON (keys sorted, no whitespace) with its SHA-256, who closed it and when; from then on \`GET /reports/consolidated?from=&to=\` serves exactly those bytes to headquarters, whatever is recorded later. Results approved or corrected later for the period appear in the reports of later periods as restatements, never in the frozen one. A closed period is never reopened; closing it again with a \`reason\` freezes a new version and keeps every earlier one readable (\`?version=\`). Rules: ${RULES_IN_WORDS}`,
  })
  @ApiBody(openApiBody(closeRequest, { from: '2016-06-01', to: '2017-06-30' }))
  @ApiBearerAuth()
  @ApiResponse({ status: 201, description: 'The period is closed: this version, its instant and its hash.', content: { 'application/json': { schema: { type: 'object' }, example: closureExample } } })
  @problems([
    [400, 'A field is not valid; `errors` names each one.'],
    [401, 'No valid bearer token.'],
    [403, 'Only a headquarters analyst (hq-analyst) closes a period.'],
    [409, 'A rule (`rule`): period-already-closed (a new version needs a reason), closed-periods-overlap.', ['period-already-closed', 'closed-periods-overlap']],
    [422, 'A rule (`rule`): period-not-over.', ['period-not-over']],
  ])
  async close(@CurrentPrincipal() principal: Principal, @JsonBody() body: unknown): Promise<PeriodClosure> {
    const { from, to, reason } = parseWith(closeRequest, body);
    const period = { from, to };
    const closedAt = new Date();
    const decision = decideClosure(await this.closures.all(), { period, reason: reason ?? null, today: closedAt.toISOString().slice(0, 10) });
    if ('rule' in decision) throw ruleProblem(decision.rule);
    await new Promise((settled) => setTimeout(settled, RELAY_SETTLE_MS));
    const report = canonicalJson(await this.headquarters.build(await this.asOfReadModels.queriesAsOf(closedAt, CONSOLIDATED_REPORT_READ_MODELS), period, closedAt));
    const closure: PeriodClosure = {
      closureId: closureIdOf(period, decision.version),
      period,
      version: decision.version,
      reason: reason ?? null,
      closedAt: closedAt.toISOString(),
      closedBy: { subject: principal.subject, role: 'hq-analyst' },
      contentHash: sha256Hex(report),
    };
    try {
      await this.closures.insert(closure, report);
    } catch (error) {
      // Someone closed this version in the meantime.
      if (error instanceof ClosureTakenError) throw ruleProblem('period-already-closed');
      throw error;
    }
    return closure;
  }

  @Get()
  @Roles(...HEADQUARTERS)
  @ApiOperation({ summary: 'The closed periods: every version, who closed it, when, and its hash' })
  @ApiReadRoute({ description: 'Every version of every closed period, oldest period first.', schema: z.object({ closures: z.array(closureSchema) }), example: { closures: [closureExample] } })
  async list(): Promise<{ closures: PeriodClosure[] }> {
    return { closures: await this.closures.all() };
  }

  @Get(':closureId/verification')
  @Roles(...HEADQUARTERS)
  @ApiOperation({
    summary: 'Recomputes a closed period’s report as of its close instant and compares the hashes',
    description: 'The report is computed again from the topics, as of the instant the period was closed, and its canonical JSON hashed: equal to the stored hash, the frozen copy is the report the events give.',
  })
  @ApiParam({ name: 'closureId', example: closureExample.closureId })
  @ApiReadRoute({
    description: 'Both hashes, and whether they are equal.',
    schema: verificationSchema,
    example: { closureId: closureExample.closureId, closedAt: closureExample.closedAt, contentHash: closureExample.contentHash, recomputedHash: closureExample.contentHash, reproducible: true },
    notFound: { description: 'No such closure.', detail: 'No closure 2016-06-01_2017-06-30_v9' },
  })
  async verify(@Param('closureId') closureId: string): Promise<z.infer<typeof verificationSchema>> {
    const stored = await this.closures.get(parseWith(z.string().min(1).max(100), closureId, 'params'));
    if (!stored) throw new NotFoundException(`No closure ${closureId}`);
    const { closure } = stored;
    const closedAt = new Date(closure.closedAt);
    const recomputed = canonicalJson(await this.headquarters.build(await this.asOfReadModels.queriesAsOf(closedAt, CONSOLIDATED_REPORT_READ_MODELS), closure.period, closedAt));
    const recomputedHash = sha256Hex(recomputed);
    return { closureId, closedAt: closure.closedAt, contentHash: closure.contentHash, recomputedHash, reproducible: reproduces(stored.report, closure.contentHash, recomputed) };
  }

  @Delete(':closureId')
  @Roles('hq-analyst')
  @ApiOperation({ summary: 'Reopening a closed period: always refused (409 closed-period-never-reopens)', description: 'A closed period is never reopened; close it again with a reason to freeze a new version.' })
  @ApiParam({ name: 'closureId', example: closureExample.closureId })
  @ApiBearerAuth()
  // The checker of our OpenAPI documents asks every route for a success; this one has none to give.
  @ApiResponse({ status: 204, description: 'Never answered: a closed period stays closed (409).', content: { 'text/plain': { schema: { type: 'string', maxLength: 0 } } } })
  @problems([
    [401, 'No valid bearer token.'],
    [403, 'Only a headquarters analyst (hq-analyst) acts on closures.'],
    [404, 'No such closure.'],
    [409, 'Rule closed-period-never-reopens.', ['closed-period-never-reopens']],
  ])
  async reopen(@Param('closureId') closureId: string): Promise<never> {
    if (!(await this.closures.get(parseWith(z.string().min(1).max(100), closureId, 'params')))) throw new NotFoundException(`No closure ${closureId}`);
    throw ruleProblem('closed-period-never-reopens');
  }
}
