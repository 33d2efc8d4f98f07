import { applyDecorators, Controller, Inject, Injectable } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { countryPartnershipStream, projectsCatalog } from '@eutf/event-catalog';
import { EVENT_STORE, commandHandler, type CommandOutcome, type EventStore } from '@eutf/event-sourcing';
import { assertCountryScope } from '@eutf/identity';
import type { CommandInput } from '@eutf/http-api';
import { countryPartnershipDecider, documentedRules, type CountryPartnershipCommand } from '@eutf/projects-domain';
import { countryCodeSchema } from '@eutf/reference-data';
import { z } from 'zod';

/** `/countries/{country}/…` */
export const countryParams = z.object({ country: countryCodeSchema });
export type CountryParams = z.infer<typeof countryParams>;

/** A route under `/countries/{country}`, documented with the country partnerships. */
export const CountryPartnershipRoute = () => applyDecorators(ApiTags('country partnerships'), Controller('countries/:country'));

/** What the routes that record an entry document: the decider refuses an entry id twice. */
export const RECORDS_ENTRY = {
  path: '',
  status: 201,
  role: 'delegation-officer',
  params: countryParams,
  paramExamples: { country: 'ML' },
  rules: documentedRules('officer-out-of-country', 'entry-already-recorded'),
  streamId: countryPartnershipStream.id('ML'),
} as const;

/** A country partnership command as a route builds it: the actor and the country come from the request. */
export type CountryPartnershipEntry = CountryPartnershipCommand extends infer C ? (C extends unknown ? Omit<C, 'actor' | 'country'> : never) : never;

/** Records on a country's partnership stream; only that country's delegation officer writes it. */
@Injectable()
export class CountryPartnershipHandler {
  private readonly handle;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.handle = commandHandler(countryPartnershipDecider, { store, catalog: projectsCatalog() });
  }

  record(entry: CountryPartnershipEntry, input: CommandInput<CountryParams, unknown>): Promise<CommandOutcome> {
    const { country } = input.params;
    assertCountryScope(input.principal, country);
    const command = { ...entry, actor: { role: 'delegation-officer', country: input.actor.country }, country } as CountryPartnershipCommand;
    return this.handle(countryPartnershipStream.id(country), command, input.context);
  }
}
