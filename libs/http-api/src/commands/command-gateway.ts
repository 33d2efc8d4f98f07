import type { Request, Response } from 'express';
import {
  DomainRuleViolation,
  type Accepted,
  type CommandContext,
  type CommandOutcome,
  type EventMetadata,
} from '@eutf/event-sourcing';
import type { z } from 'zod';
import { ProblemException } from '../problems/problem-details.filter';
import { problemType, validationProblem } from '../problems/problem-details';

/** What a command's HTTP response says: the stream and the version it reached. */
export interface CommandReceipt {
  streamId: string;
  streamVersion: string;
  eventIds: string[];
  replayed: boolean;
}

/** What an Idempotency-Key may be: long enough to be unique, short enough to index. */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Where a value holds text no store keeps: NUL, or half of a UTF-16 surrogate pair. PostgreSQL's
 * jsonb refuses both, and would then echo the text around it into its error, and so the logs.
 */
export function unstorableText(value: unknown, path: readonly (string | number)[] = []): (string | number)[] | undefined {
  if (typeof value === 'string') return value.includes(String.fromCharCode(0)) || LONE_SURROGATE.test(value) ? [...path] : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = unstorableText(item, [...path, index]);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = unstorableText(key, [...path, key]) ?? unstorableText(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

/** How deep a request's JSON may nest: no request of ours goes past a handful of levels. */
export const MAX_NESTING = 32;

/**
 * Where a value nests deeper than {@link MAX_NESTING}, walked without recursion: a body nested
 * thousands deep would overflow the stack of any recursive walk after it (the text check, the
 * schema, the fingerprint) and answer 500.
 */
export function tooDeep(value: unknown, max = MAX_NESTING): (string | number)[] | undefined {
  const pending: Array<{ node: unknown; path: (string | number)[] }> = [{ node: value, path: [] }];
  while (pending.length > 0) {
    const { node, path } = pending.pop() as { node: unknown; path: (string | number)[] };
    if (node === null || typeof node !== 'object') continue;
    if (path.length >= max) return path;
    for (const [key, item] of Object.entries(node)) pending.push({ node: item, path: [...path, Array.isArray(node) ? Number(key) : key] });
  }
  return undefined;
}

/** Parses a request part with its schema; a failure is a 400 naming each field, where it was. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: 'body' | 'query' | 'params' | 'headers' = 'body',
): z.infer<S> {
  const deep = tooDeep(value);
  if (deep) {
    const field = [where, ...deep].join('.');
    const message = `nests deeper than ${MAX_NESTING} levels`;
    throw new ProblemException({ type: problemType('validation'), title: 'The request is not valid', status: 400, detail: `${field}: ${message}`, errors: [{ field, message }] });
  }
  const unstorable = unstorableText(value);
  if (unstorable) {
    const field = [where, ...unstorable].join('.');
    const message = 'holds a NUL character or half of a surrogate pair: not text';
    throw new ProblemException({ type: problemType('validation'), title: 'The request is not valid', status: 400, detail: `${field}: ${message}`, errors: [{ field, message }] });
  }
  const result = schema.safeParse(value);
  if (!result.success) throw new ProblemException(validationProblem(result.error, where));
  // A schema that strips what it does not know would take a misspelt field as absent, and the
  // client would never learn that what it sent was not recorded: every unknown field is refused.
  const stray = where === 'body' ? strayFields(value, result.data) : [];
  if (stray.length > 0) {
    const errors = stray.map((path) => ({ field: [where, ...path].join('.'), message: 'is not a field of this request' }));
    throw new ProblemException({ type: problemType('validation'), title: 'The request is not valid', status: 400, detail: errors.map((error) => `${error.field}: ${error.message}`).join('; '), errors });
  }
  return result.data;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

/** The fields of `sent` that the parsed value lost: keys a non-strict object schema stripped, at any depth. */
export function strayFields(sent: unknown, parsed: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(sent) && Array.isArray(parsed)) return sent.flatMap((item, index) => strayFields(item, parsed[index], [...path, index]));
  if (!isPlainObject(sent) || !isPlainObject(parsed)) return [];
  return Object.keys(sent).flatMap((key) => (Object.prototype.hasOwnProperty.call(parsed, key) ? strayFields(sent[key], parsed[key], [...path, key]) : [[...path, key]]));
}

/** `If-Match: "3"` (or W/"3"): the stream version the client read; `If-Match: *`: any, if it exists (RFC 9110). */
export function expectedVersionOf(request: Request): bigint | 'stream_exists' | undefined {
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  if (header.trim() === '*') return 'stream_exists';
  const match = /^(?:W\/)?"(\d+)"$/.exec(header.trim());
  if (!match) {
    throw new ProblemException({
      type: problemType('validation'),
      title: 'The request is not valid',
      status: 400,
      detail: 'headers.if-match: expected an ETag such as "3", or *',
      errors: [{ field: 'headers.if-match', message: 'expected an ETag such as "3", or *' }],
    });
  }
  return BigInt(match[1] as string);
}

export function idempotencyKeyOf(request: Request): string | undefined {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
    throw new ProblemException({
      type: problemType('validation'),
      title: 'The request is not valid',
      status: 400,
      detail: 'headers.idempotency-key: 8 to 128 letters, digits, ".", "_", ":" or "-"',
      errors: [{ field: 'headers.idempotency-key', message: '8 to 128 letters, digits, ".", "_", ":" or "-"' }],
    });
  }
  return key;
}

/** The command context from the request: actor, correlation id, Idempotency-Key, If-Match, and now. */
export function commandContextOf(request: Request & { id?: unknown }, actor: EventMetadata['actor'], now: Date): CommandContext {
  const idempotencyKey = idempotencyKeyOf(request);
  const expectedVersion = expectedVersionOf(request);
  return {
    metadata: {
      actor,
      correlationId: typeof request.id === 'string' ? request.id : String(request.id ?? ''),
      causationId: null,
      // The path without its query string: a query may carry a token.
      request: { method: request.method, path: (request.originalUrl ?? request.url ?? '').split('?')[0] ?? '' },
    },
    now,
    // A key is the caller's own: another user's request with the same key is not a retry of theirs,
    // and must neither be refused for it nor learn that the key is in use.
    ...(idempotencyKey ? { idempotencyKey: `${actor.subject}/${idempotencyKey}` } : {}),
    ...(expectedVersion !== undefined ? { expectedVersion } : {}),
  };
}

/**
 * Turns an outcome into the HTTP answer: a broken rule into its problem, an accepted command into
 * a receipt with the new version as its ETag.
 */
export function answer(response: Response, outcome: CommandOutcome): CommandReceipt {
  if (outcome instanceof DomainRuleViolation) throw ProblemException.fromViolation(outcome);
  const accepted: Accepted = outcome;
  response.setHeader('ETag', `"${accepted.streamVersion}"`);
  if (accepted.replayed) response.setHeader('Idempotent-Replayed', 'true');
  return {
    streamId: accepted.streamId,
    streamVersion: accepted.streamVersion.toString(),
    eventIds: accepted.eventIds,
    replayed: accepted.replayed,
  };
}
