import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { FigureReported, reportedFigureData, reportedFiguresStream } from '@eutf/event-catalog';
import type { DataOf } from '@eutf/event-sourcing';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { assertCountryScope } from '@eutf/identity';
import { documentedRules } from '@eutf/projects-domain';
import { countryParams, type CountryParams } from '../../country-partnership/country-partnership.handler';
import { ReportedFiguresHandler } from '../reported-figures.handler';

/** The country is the path's: the officer sends the figure without a scope. */
const countryFigureBody = reportedFigureData.omit({ scope: true });
const { scope: _scope, ...example } = { ...FigureReported.example, figureId: 'returnees-reintegration-supported' };

@ApiTags('reported figures')
@Controller('countries/:country')
export class ReportCountryFigureRoute {
  constructor(private readonly figures: ReportedFiguresHandler) {}

  @CommandEndpoint({
    path: 'reported-figures',
    status: 201,
    role: 'delegation-officer',
    summary: "Report a figure a source states for the officer's country (e.g. from the national authorities' own report)",
    description: 'As `POST /reported-figures`, for one country, by its delegation officer: the figure is stored on the country\'s stream of reported figures.',
    params: countryParams,
    paramExamples: { country: 'ML' },
    body: countryFigureBody,
    example: { ...example, section: 'returns-and-reintegration', description: 'Malian returnees supported in their reintegration', value: 2_500, unit: 'people', period: { from: null, to: null }, reportedBy: 'Government of Mali', source: { document: '001_ce7e31efc7ac2b9a.txt', quote: 'Support for the reintegration of 2,500 Malian returnees' } },
    streamId: reportedFiguresStream.id('country-ML'),
    rules: documentedRules('officer-out-of-country', 'period-inverted', 'figure-amount-not-in-cents', 'figure-already-reported'),
  })
  report(@CommandRequest() input: CommandInput<CountryParams, Omit<DataOf<typeof FigureReported>, 'scope'>>) {
    const { country } = input.params;
    assertCountryScope(input.principal, country);
    return this.figures.report({ ...input.body, scope: { level: 'country', country } }, input);
  }
}
