import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { FigureReported, reportedFigureData, reportedFiguresStream } from '@eutf/event-catalog';
import type { DataOf } from '@eutf/event-sourcing';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedRules } from '@eutf/projects-domain';
import { ReportedFiguresHandler } from '../reported-figures.handler';

@ApiTags('reported figures')
@Controller('reported-figures')
export class ReportFigureRoute {
  constructor(private readonly figures: ReportedFiguresHandler) {}

  @CommandEndpoint({
    path: '',
    status: 201,
    role: 'hq-analyst',
    summary: 'Report a figure a source states, for the programme, a region or a country (headquarters)',
    description:
      'A figure no register of the system can recompute (118 EUTF projects approved, the Rabat Process\'s 550+ participants), recorded with who gives it, its scope, period, qualifier, unit, the report section it belongs in and its source (document and quote). The progress reports show it beside the figures the system computes, labelled as reported. Each figure is reported once under its id in its scope; a corrected or later figure takes an id of its own.',
    body: reportedFigureData,
    example: FigureReported.example,
    streamId: reportedFiguresStream.id('programme'),
    rules: documentedRules('figure-scope-not-allowed', 'period-inverted', 'figure-amount-not-in-cents', 'figure-already-reported'),
  })
  report(@CommandRequest() input: CommandInput<Record<string, never>, DataOf<typeof FigureReported>>) {
    return this.figures.report(input.body, input);
  }
}
