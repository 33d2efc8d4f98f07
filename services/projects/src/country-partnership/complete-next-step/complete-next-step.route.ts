import { countryPartnershipStream, NextStepCompleted } from '@eutf/event-catalog';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedRules } from '@eutf/projects-domain';
import { z } from 'zod';
import { CountryPartnershipHandler, countryParams, CountryPartnershipRoute } from '../country-partnership.handler';

const nextStepParams = countryParams.extend({ entryId: z.string().min(1).max(100) });
const completionBody = z.object({ completedOn: z.iso.date() });

@CountryPartnershipRoute()
export class CompleteNextStepRoute {
  constructor(private readonly partnership: CountryPartnershipHandler) {}

  @CommandEndpoint({
    path: 'next-steps/:entryId/completion',
    status: 200,
    role: 'delegation-officer',
    summary: 'Record that a next step was completed',
    params: nextStepParams,
    paramExamples: { country: 'ML', entryId: NextStepCompleted.example.entryId },
    body: completionBody,
    example: { completedOn: NextStepCompleted.example.completedOn },
    rules: documentedRules('officer-out-of-country', 'next-step-already-completed', 'next-step-not-set'),
    streamId: countryPartnershipStream.id('ML'),
  })
  complete(@CommandRequest() input: CommandInput<z.infer<typeof nextStepParams>, z.infer<typeof completionBody>>) {
    return this.partnership.record({ type: 'CompleteNextStep', entryId: input.params.entryId, ...input.body }, input);
  }
}
