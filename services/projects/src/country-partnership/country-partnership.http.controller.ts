import { Body, Controller, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  EuSupportMeasureRecorded,
  HighLevelEngagementRecorded,
  KeyProgressRecorded,
  NextStepCompleted,
  NextStepSet,
  countryPartnershipStream,
  projectsCatalog,
} from '@eutf/event-catalog';
import { EVENT_STORE, commandHandler, type EventStore } from '@eutf/event-sourcing';
import { CurrentPrincipal, Roles, actorOf, assertCountryScope, type Principal } from '@eutf/identity';
import { ApiCommandRoute, answer, commandContextOf, openApiBody, parseWith } from '@eutf/platform';
import { countryPartnershipDecider, documentedRules, type CountryPartnershipCommand } from '@eutf/projects-domain';
import type { Request, Response } from 'express';
import { z } from 'zod';

const countryParam = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code in upper case, e.g. ML');
const completionBody = z.object({ completedOn: z.iso.date() });

/** The documentation of the routes that record an entry: the decider refuses an entry id twice. */
const recordsEntry = ApiCommandRoute({
  status: 201,
  streamId: countryPartnershipStream.id('ML'),
  rules: documentedRules('officer-out-of-country', 'entry-already-recorded'),
});

type Entry = CountryPartnershipCommand extends infer C ? (C extends unknown ? Omit<C, 'actor' | 'country'> : never) : never;

/** A country's partnership record: engagement, key progress, EU support, next steps. Its officer writes it. */
@ApiTags('country partnerships')
@ApiParam({ name: 'country', example: 'ML' })
@Controller('countries/:country')
@Roles('delegation-officer')
export class CountryPartnershipHttpController {
  private readonly handle;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.handle = commandHandler(countryPartnershipDecider, { store, catalog: projectsCatalog() });
  }

  private async record(request: Request, response: Response, principal: Principal, countryText: string, entry: Entry) {
    const country = parseWith(countryParam, countryText, 'params');
    assertCountryScope(principal, country);
    const actor = actorOf(principal, 'delegation-officer');
    const command = { ...entry, actor: { role: 'delegation-officer', country: actor.country }, country } as CountryPartnershipCommand;
    return answer(response, await this.handle(countryPartnershipStream.id(country), command, commandContextOf(request, actor, new Date())));
  }

  @Post('high-level-engagements')
  @HttpCode(201)
  @recordsEntry
  @ApiBody(openApiBody(HighLevelEngagementRecorded.schema, HighLevelEngagementRecorded.example))
  engagement(@Req() req: Request, @Res({ passthrough: true }) res: Response, @CurrentPrincipal() principal: Principal, @Param('country') country: string, @Body() body: unknown) {
    return this.record(req, res, principal, country, { type: 'RecordHighLevelEngagement', ...parseWith(HighLevelEngagementRecorded.schema, body) });
  }

  @Post('key-progress')
  @HttpCode(201)
  @recordsEntry
  @ApiBody(openApiBody(KeyProgressRecorded.schema, KeyProgressRecorded.example))
  progress(@Req() req: Request, @Res({ passthrough: true }) res: Response, @CurrentPrincipal() principal: Principal, @Param('country') country: string, @Body() body: unknown) {
    return this.record(req, res, principal, country, { type: 'RecordKeyProgress', ...parseWith(KeyProgressRecorded.schema, body) });
  }

  @Post('eu-support-measures')
  @HttpCode(201)
  @recordsEntry
  @ApiBody(openApiBody(EuSupportMeasureRecorded.schema, EuSupportMeasureRecorded.example))
  support(@Req() req: Request, @Res({ passthrough: true }) res: Response, @CurrentPrincipal() principal: Principal, @Param('country') country: string, @Body() body: unknown) {
    return this.record(req, res, principal, country, { type: 'RecordEuSupportMeasure', ...parseWith(EuSupportMeasureRecorded.schema, body) });
  }

  @Post('next-steps')
  @HttpCode(201)
  @recordsEntry
  @ApiBody(openApiBody(NextStepSet.schema, NextStepSet.example))
  nextStep(@Req() req: Request, @Res({ passthrough: true }) res: Response, @CurrentPrincipal() principal: Principal, @Param('country') country: string, @Body() body: unknown) {
    return this.record(req, res, principal, country, { type: 'SetNextStep', ...parseWith(NextStepSet.schema, body) });
  }

  @Post('next-steps/:entryId/completion')
  @HttpCode(200)
  @ApiParam({ name: 'entryId', example: NextStepCompleted.example.entryId })
  @ApiCommandRoute({
    status: 200,
    streamId: countryPartnershipStream.id('ML'),
    rules: documentedRules('officer-out-of-country', 'next-step-already-completed', 'next-step-not-set'),
  })
  @ApiBody(openApiBody(completionBody, { completedOn: NextStepCompleted.example.completedOn }))
  complete(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @CurrentPrincipal() principal: Principal,
    @Param('country') country: string,
    @Param('entryId') entryId: string,
    @Body() body: unknown,
  ) {
    const { completedOn } = parseWith(completionBody, body);
    return this.record(req, res, principal, country, { type: 'CompleteNextStep', entryId: parseWith(z.string().min(1).max(100), entryId, 'params'), completedOn });
  }
}
