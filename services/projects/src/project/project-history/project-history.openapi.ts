import { auditEntrySchema } from '@eutf/http-api';
import { z } from 'zod';

/** The audit trail as the API answers it. */
export const projectHistorySchema = z.object({ projectId: z.string(), entries: z.array(auditEntrySchema) });

export const HISTORY_EXAMPLE: z.infer<typeof projectHistorySchema> = {
  projectId: 'T05-EUTF-SAH-ML-07',
  entries: [
    {
      streamVersion: '5',
      recordedAt: '2017-07-03T09:12:40.118Z',
      occurredAt: '2017-07-03T09:12:40.101Z',
      who: { subject: 'officer-ml-1', role: 'delegation-officer', country: 'ML' },
      what: { event: 'ResultReturnedForRevision', summary: 'Result returns-2017-h1 returned for revision' },
      why: {
        reason: 'Please add the age bands',
        correlationId: '5f0c1f1e-8d0a-4a53-9c55-2f0f3c1d7a10',
        causationId: null,
        request: { method: 'POST', path: '/projects/T05-EUTF-SAH-ML-07/results/returns-2017-h1/return' },
      },
    },
  ],
};
