import { reintegrationCaseRegisteredData } from '@eutf/event-catalog';
import { z } from 'zod';
import { partnerId } from '../../partner-request';
import { EXAMPLE_CASE_ID } from '../reintegration-caseload.route';

/** One case as the partner gives it: its own pseudonymous id (stored only as a keyed hash) and counted facts. */
export const newReintegrationCase = reintegrationCaseRegisteredData.omit({ caseKey: true, projectId: true, partner: true }).extend({
  caseId: partnerId,
  regionOfReturn: reintegrationCaseRegisteredData.shape.regionOfReturn.default(null),
});

/** Many cases at once (a month's intake): registered whole, or none of them. */
export const registerReintegrationCasesBody = z.strictObject({ cases: z.array(newReintegrationCase).min(1).max(2_000) });
export type NewReintegrationCaseRequest = z.infer<typeof newReintegrationCase>;
export type RegisterReintegrationCasesRequest = z.infer<typeof registerReintegrationCasesBody>;

export const REGISTER_REINTEGRATION_CASES_EXAMPLE = {
  cases: [
    { caseId: EXAMPLE_CASE_ID, countryOfReturn: 'ML', regionOfReturn: 'ML-4', sex: 'male', ageBand: '18-24', registeredOn: '2018-02-12' },
    { caseId: 'IOM-ML-2018-000124', countryOfReturn: 'ML', regionOfReturn: null, sex: 'female', ageBand: '25-34', registeredOn: '2018-02-12' },
  ],
};
