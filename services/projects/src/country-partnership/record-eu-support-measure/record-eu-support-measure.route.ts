import { EuSupportMeasureRecorded } from '@eutf/event-catalog';
import type { DataOf } from '@eutf/event-sourcing';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { CountryPartnershipHandler, CountryPartnershipRoute, RECORDS_ENTRY, type CountryParams } from '../country-partnership.handler';

@CountryPartnershipRoute()
export class RecordEuSupportMeasureRoute {
  constructor(private readonly partnership: CountryPartnershipHandler) {}

  @CommandEndpoint({ ...RECORDS_ENTRY, path: 'eu-support-measures', summary: 'Record an EU support measure for the country', body: EuSupportMeasureRecorded.schema, example: EuSupportMeasureRecorded.example })
  support(@CommandRequest() input: CommandInput<CountryParams, DataOf<typeof EuSupportMeasureRecorded>>) {
    return this.partnership.record({ type: 'RecordEuSupportMeasure', ...input.body }, input);
  }
}
