import { HighLevelEngagementRecorded } from '@eutf/event-catalog';
import type { DataOf } from '@eutf/event-sourcing';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { CountryPartnershipHandler, CountryPartnershipRoute, RECORDS_ENTRY, type CountryParams } from '../country-partnership.handler';

@CountryPartnershipRoute()
export class RecordHighLevelEngagementRoute {
  constructor(private readonly partnership: CountryPartnershipHandler) {}

  @CommandEndpoint({ ...RECORDS_ENTRY, path: 'high-level-engagements', summary: 'Record a high-level engagement with the country (a visit, a dialogue, a meeting)', body: HighLevelEngagementRecorded.schema, example: HighLevelEngagementRecorded.example })
  engagement(@CommandRequest() input: CommandInput<CountryParams, DataOf<typeof HighLevelEngagementRecorded>>) {
    return this.partnership.record({ type: 'RecordHighLevelEngagement', ...input.body }, input);
  }
}
