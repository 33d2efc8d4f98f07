import { auditEntrySchema } from '@eutf/http-api';
import { z } from 'zod';

/** A funding ledger's audit trail as the API answers it. */
export const fundingHistorySchema = z.object({ projectId: z.string(), entries: z.array(auditEntrySchema) });

export const FUNDING_HISTORY_EXAMPLE: z.infer<typeof fundingHistorySchema> = {
  projectId: 'T05-EUTF-NOA-LY-04',
  entries: [
    {
      streamVersion: '5',
      recordedAt: '2017-09-02T10:04:11.512Z',
      occurredAt: '2017-09-02T10:04:11.498Z',
      who: { subject: 'officer-ly-1', role: 'delegation-officer', country: 'LY' },
      what: { event: 'TrancheRejected', summary: 'Tranche tranche-1 under T05-EUTF-NOA-LY-04-01 rejected' },
      why: {
        reason: { textId: '5b0c7f1e-8d0a-4a53-9c55-2f0f3c1d7a10', status: 'shown', text: 'The interim report is missing' },
        correlationId: '0b6d1d8e-3c1f-4a8e-8f57-6a2f0c9d1e11',
        causationId: null,
        request: { method: 'POST', path: '/projects/T05-EUTF-NOA-LY-04/contracts/T05-EUTF-NOA-LY-04-01/tranches/tranche-1/rejection' },
      },
      texts: [{ field: 'reason', textId: '5b0c7f1e-8d0a-4a53-9c55-2f0f3c1d7a10', status: 'shown', text: 'The interim report is missing' }],
    },
  ],
};
