import { ForbiddenException } from '@nestjs/common';
import type { CommandOrigin } from '@eutf/http-api';
import type { CommandActor } from '@eutf/returns-domain';
import { z } from 'zod';

/** `/…/projects/{projectId}/…`: an EUTF reference or a provisional id. Partners' own ids never go in a path (paths are logged). */
export const projectParams = z.strictObject({ projectId: z.string().regex(/^[A-Za-z0-9-]{1,100}$/, 'an EUTF reference or a provisional project id') });
export type ProjectParams = z.infer<typeof projectParams>;

/** The id a partner gives a record: hashed before anything is stored, never logged. */
export const partnerId = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, ".", "_" or "-" (at most 64)');

/** The acting partner as the rules see it. */
export const commandActorOf = ({ role, actor }: Pick<CommandOrigin, 'role' | 'actor'>): CommandActor => ({ role, ...(actor.org ? { org: actor.org } : {}) });

/** The partner's organisation: its streams are its own. A partner token always names one. */
export function organisationOf(input: Pick<CommandOrigin, 'actor'>): string {
  if (!input.actor.org) throw new ForbiddenException('A partner acts for its organisation: the token names none');
  return input.actor.org;
}

export const PARAM_EXAMPLES = { projectId: 'ml-eu-iom-joint-initiative' };
