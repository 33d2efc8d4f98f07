import { NextStepSet } from '@eutf/event-catalog';
import type { DataOf } from '@eutf/event-sourcing';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { CountryPartnershipHandler, CountryPartnershipRoute, RECORDS_ENTRY, type CountryParams } from '../country-partnership.handler';

@CountryPartnershipRoute()
export class SetNextStepRoute {
  constructor(private readonly partnership: CountryPartnershipHandler) {}

  @CommandEndpoint({ ...RECORDS_ENTRY, path: 'next-steps', summary: 'Set a next step of the partnership', body: NextStepSet.schema, example: NextStepSet.example })
  nextStep(@CommandRequest() input: CommandInput<CountryParams, DataOf<typeof NextStepSet>>) {
    return this.partnership.record({ type: 'SetNextStep', ...input.body }, input);
  }
}
