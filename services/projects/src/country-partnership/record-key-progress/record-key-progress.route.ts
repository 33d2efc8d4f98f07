import { KeyProgressRecorded } from '@eutf/event-catalog';
import type { DataOf } from '@eutf/event-sourcing';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { CountryPartnershipHandler, CountryPartnershipRoute, RECORDS_ENTRY, type CountryParams } from '../country-partnership.handler';

@CountryPartnershipRoute()
export class RecordKeyProgressRoute {
  constructor(private readonly partnership: CountryPartnershipHandler) {}

  @CommandEndpoint({ ...RECORDS_ENTRY, path: 'key-progress', summary: 'Record key progress by the national authorities', body: KeyProgressRecorded.schema, example: KeyProgressRecorded.example })
  progress(@CommandRequest() input: CommandInput<CountryParams, DataOf<typeof KeyProgressRecorded>>) {
    return this.partnership.record({ type: 'RecordKeyProgress', ...input.body }, input);
  }
}
