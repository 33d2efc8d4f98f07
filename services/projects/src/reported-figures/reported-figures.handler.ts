import { Inject, Injectable } from '@nestjs/common';
import { figureScopeKey, projectsCatalog, reportedFiguresStream, type FigureReported } from '@eutf/event-catalog';
import { EVENT_STORE, commandHandler, type CommandOutcome, type DataOf, type EventStore } from '@eutf/event-sourcing';
import { scopedRoleOf, type CommandOrigin } from '@eutf/http-api';
import { reportedFiguresDecider } from '@eutf/projects-domain';

/** Reports a figure on the stream of its scope (`reported-figures-programme`, `…-region-rabat-process`, `…-country-ML`). */
@Injectable()
export class ReportedFiguresHandler {
  private readonly handle;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.handle = commandHandler(reportedFiguresDecider, { store, catalog: projectsCatalog() });
  }

  report(figure: DataOf<typeof FigureReported>, origin: CommandOrigin): Promise<CommandOutcome> {
    return this.handle(reportedFiguresStream.id(figureScopeKey(figure.scope)), { type: 'ReportFigure', actor: scopedRoleOf(origin), ...figure }, origin.context);
  }
}
