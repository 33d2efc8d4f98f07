import { z } from 'zod';

/**
 * A date as precise as it is known: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. Documents often give only
 * a month ("since May 2017"); the system keeps that precision rather than invent a day.
 */
export const partialDate = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-\d{2})?)?$/, 'a date as YYYY, YYYY-MM or YYYY-MM-DD')
  .refine((text) => text.length < 10 || z.iso.date().safeParse(text).success, 'not a calendar date');
