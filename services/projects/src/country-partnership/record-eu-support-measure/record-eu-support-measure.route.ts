import { EuSupportMeasureRecorded, euSupportMeasureData, partialDate } from '@eutf/event-catalog';
import type { DataOf } from '@eutf/event-sourcing';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { CountryPartnershipHandler, CountryPartnershipRoute, RECORDS_ENTRY, type CountryParams } from '../country-partnership.handler';

/** The measure as an officer sends it: its date as precise as the source gives it, or none (null, or left out). */
const measureBody = euSupportMeasureData.extend({ date: partialDate.nullable().default(null) });

@CountryPartnershipRoute()
export class RecordEuSupportMeasureRoute {
  constructor(private readonly partnership: CountryPartnershipHandler) {}

  @CommandEndpoint({ ...RECORDS_ENTRY, path: 'eu-support-measures', summary: 'Record an EU support measure for the country', body: measureBody, example: EuSupportMeasureRecorded.example })
  support(@CommandRequest() input: CommandInput<CountryParams, DataOf<typeof EuSupportMeasureRecorded>>) {
    return this.partnership.record({ type: 'RecordEuSupportMeasure', ...input.body }, input);
  }
}
