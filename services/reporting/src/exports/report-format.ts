import { z } from 'zod';
import { parseWith } from '@eutf/http-api';

/** The formats a report route renders. */
export const REPORT_FORMATS = ['json', 'html', 'csv', 'xlsx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_MEDIA_TYPES: Record<ReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

const formatQuery = z.object({ format: z.enum(REPORT_FORMATS).optional() }).loose();

/**
 * The format a report is answered in: `?format=` when given (a link opened in a browser cannot set
 * headers), else the first of `text/html`, `text/csv`, the XLSX media type, `application/pdf` or JSON the `Accept` header prefers, else JSON.
 */
export function reportFormatOf(query: unknown, accept: string | undefined): ReportFormat {
  const { format } = parseWith(formatQuery, query, 'query');
  if (format) return format;
  const preferred = (accept ?? '')
    .split(',')
    .map((part, index) => {
      const [type = '', ...parameters] = part.trim().toLowerCase().split(';');
      const q = Number(parameters.find((parameter) => parameter.trim().startsWith('q='))?.trim().slice(2) ?? 1);
      return { type: type.trim(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter(({ q }) => q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { type } of preferred) {
    if (type === 'text/html') return 'html';
    if (type === 'text/csv') return 'csv';
    if (type === REPORT_MEDIA_TYPES.xlsx) return 'xlsx';
    if (type === REPORT_MEDIA_TYPES.pdf) return 'pdf';
    if (type === 'application/json' || type === 'application/*' || type === '*/*') return 'json';
  }
  return 'json';
}
