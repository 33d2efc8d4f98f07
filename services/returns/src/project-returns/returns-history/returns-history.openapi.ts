import { auditEntrySchema } from '@eutf/http-api';
import { z } from 'zod';

/** The partners' returns under a project, as an audit trail. */
export const returnsHistorySchema = z.object({
  projectId: z.string(),
  entries: z.array(auditEntrySchema.extend({ partner: z.string().nullable().describe('The implementing partner whose returns the change is.') })),
});

export const RETURNS_HISTORY_EXAMPLE: z.infer<typeof returnsHistorySchema> = {
  projectId: 'ml-eu-iom-joint-initiative',
  entries: [
    {
      streamVersion: '2',
      recordedAt: '2017-05-19T08:30:02.114Z',
      occurredAt: '2017-05-19T08:30:02.101Z',
      who: { subject: 'iom-ml-reporter-1', role: 'implementing-partner', org: 'IOM' },
      what: { event: 'ReturnArrivalConfirmed', summary: 'Return operation 9bf5a24e arrived on 2017-05-18: 166 arrived' },
      why: { reason: null, correlationId: '2c9e4f1a-6b7d-4e8f-9a0b-1c2d3e4f5a6b', causationId: null, request: { method: 'POST', path: '/returns/projects/ml-eu-iom-joint-initiative/arrivals' } },
      texts: [],
      partner: 'IOM',
    },
  ],
};
