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
        reason: { textId: '5b0c7f1e-8d0a-4a53-9c55-2f0f3c1d7a10', status: 'shown', text: 'Please add the age bands' },
        correlationId: '5f0c1f1e-8d0a-4a53-9c55-2f0f3c1d7a10',
        causationId: null,
        request: { method: 'POST', path: '/projects/T05-EUTF-SAH-ML-07/results/returns-2017-h1/return' },
      },
      texts: [{ field: 'reason', textId: '5b0c7f1e-8d0a-4a53-9c55-2f0f3c1d7a10', status: 'shown', text: 'Please add the age bands' }],
    },
    {
      streamVersion: '6',
      recordedAt: '2019-02-01T10:00:00.412Z',
      occurredAt: '2019-02-01T10:00:00.398Z',
      who: { subject: 'admin-1', role: 'admin' },
      what: { event: 'FreeTextErased', summary: 'Free text 5b0c7f1e-8d0a-4a53-9c55-2f0f3c1d7a10 (reason) erased: data-subject-request' },
      why: {
        reason: null,
        correlationId: '9a1d2c3e-4b5f-4a6b-8c7d-0e1f2a3b4c5d',
        causationId: null,
        request: { method: 'POST', path: '/projects/T05-EUTF-SAH-ML-07/free-texts/5b0c7f1e-8d0a-4a53-9c55-2f0f3c1d7a10/erasure' },
      },
      texts: [],
    },
  ],
};
