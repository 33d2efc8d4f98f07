import { freeTextView } from '@eutf/event-catalog';
import { z } from 'zod';

const actor = z.object({ subject: z.string(), role: z.string(), org: z.string().optional(), country: z.string().optional() });

/** An entry of an audit trail as the API answers it (`AuditEntry` of @eutf/event-sourcing). */
export const auditEntrySchema = z.object({
  streamVersion: z.string().describe('The version the change brought the aggregate to.'),
  recordedAt: z.string(),
  occurredAt: z.string(),
  who: actor,
  what: z.object({ event: z.string(), summary: z.string() }),
  why: z.object({
    reason: freeTextView
      .nullable()
      .describe('The reason the actor gave, where the command asks for one: its text (or code), or `status: "erased"` and no text once an admin erased it.'),
    correlationId: z.string(),
    causationId: z.string().nullable(),
    request: z.object({ method: z.string(), path: z.string() }).nullable().describe('The request that issued the command.'),
  }),
  texts: z
    .array(freeTextView.extend({ field: z.string() }))
    .describe('The free texts the change refers to (a narrative, evidence links, a reason), each with the id an admin erases it by; an erased one has no text.'),
});
