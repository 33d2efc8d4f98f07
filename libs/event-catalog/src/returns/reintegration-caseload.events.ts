import { defineEvent } from '@eutf/event-sourcing';
import { z } from 'zod';
import type { EventOf } from '../shared/event-of';
import {
  ASSISTANCE_KINDS,
  PLAN_AREAS,
  PLAN_LEVELS,
  VALUE_QUALIFIERS,
  ageBandSchema,
  country,
  headcount,
  isoDate,
  orgId,
  projectId,
  recordKey,
  regionCode,
  reportedPeriod,
  sexSchema,
  sourceReference,
} from './returns.codes';

/**
 * A reintegration case is known only by a keyed hash (HMAC-SHA256, hex) of the id the partner
 * gave it: the raw id never reaches an event, and cannot be recovered without the deployment's key.
 */
export const caseKey = recordKey;

export const reintegrationCaseRegisteredData = z.strictObject({
  caseKey,
  projectId,
  partner: orgId,
  countryOfReturn: country,
  regionOfReturn: regionCode.nullable(),
  sex: sexSchema,
  ageBand: ageBandSchema,
  registeredOn: isoDate,
});

const EXAMPLE_CASE_KEY = '5f0c6be4a4b5d7f4e0d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7';

export const ReintegrationCaseRegistered = defineEvent({
  type: 'ReintegrationCaseRegistered',
  description: 'A partner registered a returnee for reintegration assistance, pseudonymously: a keyed hash, the country and region of return, sex and age band.',
  versions: [{ version: 1, schema: reintegrationCaseRegisteredData }],
  example: {
    caseKey: EXAMPLE_CASE_KEY,
    projectId: 'ml-eu-iom-joint-initiative',
    partner: 'IOM',
    countryOfReturn: 'ML',
    regionOfReturn: 'ML-4',
    sex: 'male',
    ageBand: '18-24',
    registeredOn: '2018-02-12',
  },
});

export const reintegrationPlanApprovedData = z.strictObject({ caseKey, areas: z.array(z.enum(PLAN_AREAS)).min(1).max(3), level: z.enum(PLAN_LEVELS), approvedOn: isoDate });

export const ReintegrationPlanApproved = defineEvent({
  type: 'ReintegrationPlanApproved',
  description: "The case's reintegration plan was approved: its areas (economic, social, psychosocial) and its level (individual, collective, community).",
  versions: [
    { version: 1, schema: reintegrationPlanApprovedData },
  ],
  example: { caseKey: EXAMPLE_CASE_KEY, areas: ['economic', 'psychosocial'], level: 'collective', approvedOn: '2018-03-01' },
});

export const reintegrationAssistanceDeliveredData = z.strictObject({
  caseKey,
  assistanceId: recordKey,
  kind: z.enum(ASSISTANCE_KINDS),
  deliveredOn: isoDate,
  valueCents: z.number().int().nonnegative().max(100_000_000),
});

export const ReintegrationAssistanceDelivered = defineEvent({
  type: 'ReintegrationAssistanceDelivered',
  description: 'Assistance under the plan was delivered: its kind, its date and its value in euro cents.',
  versions: [
    { version: 1, schema: reintegrationAssistanceDeliveredData },
  ],
  example: { caseKey: EXAMPLE_CASE_KEY, assistanceId: 'bfa1102f63afcdbcd5fd7aca6fc936f9fe587c6cf80d90b87f147f467c77f908', kind: 'business-support', deliveredOn: '2018-04-10', valueCents: 45_000 },
});

export const reintegrationCompletedData = z.strictObject({ caseKey, completedOn: isoDate });

export const ReintegrationCompleted = defineEvent({
  type: 'ReintegrationCompleted',
  description: 'The returnee completed the reintegration plan.',
  versions: [{ version: 1, schema: reintegrationCompletedData }],
  example: { caseKey: EXAMPLE_CASE_KEY, completedOn: '2019-02-28' },
});

export const reintegrationAbandonedData = z.strictObject({ caseKey, abandonedOn: isoDate });

export const ReintegrationAbandoned = defineEvent({
  type: 'ReintegrationAbandoned',
  description: 'The case closed without the plan completed.',
  versions: [{ version: 1, schema: reintegrationAbandonedData }],
  example: { caseKey: EXAMPLE_CASE_KEY, abandonedOn: '2018-09-30' },
});

/** The stages of reintegration that reports count. */
export const REINTEGRATION_STAGES = ['started', 'completed', 'abandoned'] as const;
export type ReintegrationStage = (typeof REINTEGRATION_STAGES)[number];

export const periodReintegrationReportedData = z.strictObject({
  reportId: recordKey,
  projectId,
  partner: orgId,
  countryOfReturn: country,
  stage: z.enum(REINTEGRATION_STAGES),
  period: reportedPeriod,
  count: headcount,
  valueQualifier: z.enum(VALUE_QUALIFIERS),
  source: sourceReference.nullable(),
});

export const PeriodReintegrationReported = defineEvent({
  type: 'PeriodReintegrationReported',
  description: 'A partner reported how many returnees started, completed or abandoned reintegration over a period, instead of case by case.',
  versions: [{ version: 1, schema: periodReintegrationReportedData }],
  example: {
    reportId: 'd7aabe8c0b89ef71e91fc506239b0ef92e03eebeca2402e71d33bca1105c4466',
    projectId: 'ml-eu-iom-joint-initiative',
    partner: 'IOM',
    countryOfReturn: 'ML',
    stage: 'completed',
    period: { from: '2017-05', to: '2020-10' },
    count: 6_760,
    valueQualifier: 'exact',
    source: { document: '004_f049d9a19f4b6321', page: null },
  },
});

export const REINTEGRATION_CASELOAD_EVENTS = [
  ReintegrationCaseRegistered,
  ReintegrationPlanApproved,
  ReintegrationAssistanceDelivered,
  ReintegrationCompleted,
  ReintegrationAbandoned,
  PeriodReintegrationReported,
] as const;
export type ReintegrationCaseloadEvent = EventOf<(typeof REINTEGRATION_CASELOAD_EVENTS)[number]>;
