import { defineEvent } from '@eutf/event-sourcing';
import type { EventOf } from '../shared/event-of';
import { z } from 'zod';
import {
  CANCELLATION_REASONS,
  RETURN_KINDS,
  VALUE_QUALIFIERS,
  countCell,
  country,
  headcount,
  isoDate,
  orgId,
  projectId,
  recordKey,
  reportedPeriod,
  sourceReference,
  vulnerabilityCounts,
} from './returns.codes';

/** An example operation key (64 hex digits), as events carry it. */
const OPERATION_KEY = '9bf5a24e4aa779981ac41f1a0f8713ec758e12df95fa51866869849c06e51175';

export const returnOperationRegisteredData = z.strictObject({
  operationId: recordKey,
  projectId,
  partner: orgId,
  kind: z.enum(RETURN_KINDS),
  hostCountry: country,
  countryOfOrigin: country,
  departedOn: isoDate,
  /** Who departed, by sex and age band; the operation's count is their sum. */
  departed: z.array(countCell).min(1).max(20),
  vulnerabilities: vulnerabilityCounts,
});

export const ReturnOperationRegistered = defineEvent({
  type: 'ReturnOperationRegistered',
  description: 'An implementing partner registered an assisted voluntary return (or a charter or convoy) from a host country to a country of origin, counted by sex and age band.',
  versions: [{ version: 1, schema: returnOperationRegisteredData }],
  example: {
    operationId: OPERATION_KEY,
    projectId: 'ml-eu-iom-joint-initiative',
    partner: 'IOM',
    kind: 'charter',
    hostCountry: 'LY',
    countryOfOrigin: 'ML',
    departedOn: '2017-05-18',
    departed: [
      { sex: 'male', ageBand: '18-24', count: 96 },
      { sex: 'male', ageBand: '25-34', count: 54 },
      { sex: 'female', ageBand: '25-34', count: 12 },
      { sex: 'male', ageBand: 'under-18', count: 6 },
    ],
    vulnerabilities: { unaccompaniedMinors: 4, victimsOfTrafficking: 3, medicalCases: 2 },
  },
});

export const returnArrivalConfirmedData = z.strictObject({ operationId: recordKey, arrivedOn: isoDate, arrived: headcount });

export const ReturnArrivalConfirmed = defineEvent({
  type: 'ReturnArrivalConfirmed',
  description: 'The partner confirmed that a return operation arrived in the country of origin, with how many arrived.',
  versions: [{ version: 1, schema: returnArrivalConfirmedData }],
  example: { operationId: OPERATION_KEY, arrivedOn: '2017-05-18', arrived: 166 },
});

export const returnOperationCancelledData = z.strictObject({ operationId: recordKey, cancelledOn: isoDate, reason: z.enum(CANCELLATION_REASONS) });

export const ReturnOperationCancelled = defineEvent({
  type: 'ReturnOperationCancelled',
  description: 'A registered return operation did not take place; its reason is a code.',
  versions: [{ version: 1, schema: returnOperationCancelledData }],
  example: { operationId: OPERATION_KEY, cancelledOn: '2017-05-17', reason: 'security' },
});

export const periodReturnsReportedData = z.strictObject({
  reportId: recordKey,
  projectId,
  partner: orgId,
  /** Null when the figure covers returns from every host country (the source does not split it). */
  hostCountry: country.nullable(),
  /** Null when the figure covers returnees of every origin. */
  countryOfOrigin: country.nullable(),
  period: reportedPeriod,
  count: headcount,
  valueQualifier: z.enum(VALUE_QUALIFIERS),
  /** Optional breakdown by sex and age band; when exact, it adds up to the count. */
  breakdown: z.array(countCell).max(20),
  source: sourceReference.nullable(),
});

export const PeriodReturnsReported = defineEvent({
  type: 'PeriodReturnsReported',
  description: 'A partner reported how many people returned over a period, as sources and monthly reports give it, instead of operation by operation.',
  versions: [{ version: 1, schema: periodReturnsReportedData }],
  example: {
    reportId: '845e91831319e89c4d656bdb80c278ac09a7230d61e5dfd2e1b1fbb436ac8917',
    projectId: 'ml-eu-iom-joint-initiative',
    partner: 'IOM',
    hostCountry: null,
    countryOfOrigin: 'ML',
    period: { from: '2017-05', to: '2020-10' },
    count: 17_181,
    valueQualifier: 'exact',
    breakdown: [],
    source: { document: '004_f049d9a19f4b6321', page: null },
  },
});

export const PROJECT_RETURNS_EVENTS = [ReturnOperationRegistered, ReturnArrivalConfirmed, ReturnOperationCancelled, PeriodReturnsReported] as const;
export type ProjectReturnsEvent = EventOf<(typeof PROJECT_RETURNS_EVENTS)[number]>;
