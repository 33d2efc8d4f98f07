import { createHash } from 'node:crypto';

/**
 * The one text of a JSON value: object keys sorted (by code unit), no whitespace, what
 * `JSON.stringify` makes of strings and numbers, `undefined` fields left out. Two reports equal as
 * values have the same canonical text, and so the same hash, however their keys were ordered.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, field]) => field !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
}

/** The SHA-256 of the text's UTF-8 bytes, in hex. */
export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
