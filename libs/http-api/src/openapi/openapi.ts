import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiResponse, type ExampleObject, type ExamplesObject, type SchemaObject } from '@nestjs/swagger';
import { FORBIDDEN_PROBLEM, UNAUTHENTICATED_PROBLEM } from '@eutf/identity';
import type { RuleStatus } from '@eutf/event-sourcing';
import { toJSONSchema, z } from 'zod';
import { IDEMPOTENCY_KEY, strayFields, type CommandReceipt } from '../commands/command-gateway';
import { PROBLEM_JSON, problemType, type ProblemDetails } from '../problems/problem-details';

// How each route documents its answers in the OpenAPI document (/docs): the receipt or the read
// model it returns, the headers it reads, and every problem it may answer with.

/**
 * The document is OpenAPI 3.0: a nullable field is `nullable: true`, and there is no `$schema`.
 * An answer may gain fields later, so its objects are not documented as closed.
 */
export function openApiSchemaOf(schema: z.ZodType, io: 'input' | 'output'): SchemaObject {
  const override = ({ jsonSchema }: { jsonSchema: { additionalProperties?: unknown; nullable?: boolean; enum?: unknown[] } }) => {
    if (io === 'output' && jsonSchema.additionalProperties === false) delete jsonSchema.additionalProperties;
    // OpenAPI 3.0.3: `nullable` does not widen an `enum`; null must be one of its values.
    if (jsonSchema.nullable && jsonSchema.enum && !jsonSchema.enum.includes(null)) jsonSchema.enum = [...jsonSchema.enum, null];
  };
  return toJSONSchema(schema, { io, target: 'openapi-3.0', unrepresentable: 'any', override }) as SchemaObject;
}

/** An example its own schema refuses is a bug: it fails at start-up, as an event's example does. */
function checkedExample<T>(schema: z.ZodType, example: T, what: string): T {
  const result = schema.safeParse(example);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw new Error(`The example of ${what} does not match its schema: ${issues}`);
  }
  return example;
}

/**
 * The OpenAPI body of a route, from the zod schema that validates it: one source for both. With
 * an example (an event's `example` when the body is that event's data), checked against the schema.
 */
export function openApiBody(schema: z.ZodType, example?: unknown): { schema: SchemaObject; examples?: ExamplesObject } {
  const body = { schema: openApiSchemaOf(schema, 'input') };
  if (example === undefined) return body;
  const checked = checkedExample(schema, example, 'a request body');
  // The gateway refuses fields the schema does not know: an example carrying one would document a request that fails.
  const stray = strayFields(example, schema.parse(example));
  if (stray.length > 0) throw new Error(`The example of a request body has fields its schema does not know: ${stray.map((path) => path.join('.')).join(', ')}`);
  return { ...body, examples: { example: { value: checked } } };
}

const problemSchema: SchemaObject = {
  type: 'object',
  description: 'RFC 9457 problem details; `type` is stable, clients branch on it.',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    rule: { type: 'string', description: 'For a broken domain rule: its stable identifier.' },
    errors: {
      type: 'array',
      description: 'For invalid input: each field, where it was (body, query, params, headers), and what is wrong with it.',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: {
          field: { type: 'string' },
          message: { type: 'string' },
          row: { type: 'integer', description: 'In an uploaded file: the row (the header is row 1).' },
          column: { type: 'string', description: 'In an uploaded file: the column, by its header, or by its letter when the header is not one of the file’s.' },
        },
      },
    },
    currentVersion: { type: 'string', nullable: true, description: 'For a concurrency conflict: the version the stream is at now.' },
    correlationId: { type: 'string', description: 'The request’s x-correlation-id, to find it in the logs.' },
  },
};

const receiptSchema: SchemaObject = {
  type: 'object',
  required: ['streamId', 'streamVersion', 'eventIds', 'replayed'],
  properties: {
    streamId: { type: 'string' },
    streamVersion: { type: 'string', pattern: '^\\d+$', description: 'The version the stream reached; also the ETag. A string: versions are 64-bit.' },
    eventIds: { type: 'array', items: { type: 'string', format: 'uuid' }, description: 'The events the command appended.' },
    replayed: { type: 'boolean', description: 'True when the Idempotency-Key was seen before: nothing new was appended.' },
  },
};

/** Schemas every service's document holds once (`openApiDocument` adds them), and routes refer to. */
export const SHARED_SCHEMAS = { ProblemDetails: problemSchema, CommandReceipt: receiptSchema } satisfies Record<string, SchemaObject>;
const sharedSchema = (name: keyof typeof SHARED_SCHEMAS) => ({ $ref: `#/components/schemas/${name}` });

const problem = (summary: string, value: ProblemDetails): ExampleObject => ({ summary, value });

const PROBLEMS = {
  invalid: problem('A field is not valid', {
    type: problemType('validation'),
    title: 'The request is not valid',
    status: 400,
    detail: 'params.country: an ISO 3166-1 alpha-2 code in upper case, e.g. ML',
    errors: [{ field: 'params.country', message: 'an ISO 3166-1 alpha-2 code in upper case, e.g. ML' }],
  }),
  unauthenticated: problem('No bearer token, or one that was rejected', {
    type: UNAUTHENTICATED_PROBLEM,
    title: 'Authentication required',
    status: 401,
    detail: 'A bearer token is required (Authorization: Bearer <token>)',
  }),
  forbidden: problem('The token lacks the role or the country or organisation scope', {
    type: FORBIDDEN_PROBLEM,
    title: 'Not allowed for this role or scope',
    status: 403,
    detail: 'Acting on country ML requires the role delegation-officer with country ML; the token is scoped to country NE',
  }),
  concurrencyConflict: problem('If-Match named a version the stream has moved on from', {
    type: problemType('concurrency-conflict'),
    title: 'The resource changed since it was read',
    status: 409,
    detail: 'Version conflict on stream country-partnership-ML: expected version 2, but the stream is at version 3',
    currentVersion: '3',
  }),
  tooManyCommands: problem("The caller has spent its command budget", {
    type: problemType('too-many-commands'),
    title: 'Too many commands',
    status: 429,
    detail: 'A caller may send 1200 commands a minute, 200 at once; try again in 1 s',
  }),
  idempotencyKeyReused: problem('The Idempotency-Key came back with a different request', {
    type: problemType('idempotency-key-reused'),
    title: 'Idempotency-Key reused',
    status: 422,
    detail: 'Idempotency-Key "ml-engagement-2016-11" was already used for a different request',
  }),
};

function problemResponse(status: number, description: string, examples: ExamplesObject) {
  return ApiResponse({ status, description, content: { [PROBLEM_JSON]: { schema: sharedSchema('ProblemDetails'), examples } } });
}

/** A business rule a command may break, shown as an example of the problem it answers with. */
export interface DocumentedRule {
  rule: string;
  status: RuleStatus;
  detail: string;
}

const ruleExample = ({ rule, status, detail }: DocumentedRule): ExampleObject =>
  problem(`Rule ${rule}`, { type: problemType(`rule/${rule}`), title: 'A business rule refused the request', status, detail, rule });

const rulesWith = (rules: readonly DocumentedRule[], status: DocumentedRule['status']): ExamplesObject =>
  Object.fromEntries(rules.filter((entry) => entry.status === status).map((entry) => [entry.rule, ruleExample(entry)]));

export interface CommandRouteDocs {
  /** The status it answers on success, as its `@HttpCode`: 201 when it records something new, 200 otherwise. */
  status: 200 | 201;
  /** The stream the receipt example names, e.g. `country-partnership-ML`. */
  streamId: string;
  /** The rules its decider may refuse it with: they become examples of the 403, 409 and 422 problems. */
  rules?: readonly DocumentedRule[];
}

/**
 * Documents a command route: the receipt with its ETag, the Idempotency-Key and If-Match headers
 * it reads, the bearer token, and the problems it may answer (400, 401, 403, 409, 422).
 */
export function ApiCommandRoute({ status, streamId, rules = [] }: CommandRouteDocs) {
  const receipt = {
    streamId,
    streamVersion: '3',
    eventIds: ['0f8fad5b-d9cb-469f-a165-70867728950e'],
    replayed: false,
  } satisfies CommandReceipt;
  return applyDecorators(
    ApiBearerAuth(),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Send the same key again with the same request and the first receipt comes back, nothing appended twice.',
      schema: { type: 'string', pattern: IDEMPOTENCY_KEY.source },
      example: 'ml-engagement-2016-11',
    }),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'The ETag of the version the client read: the command applies only if the stream is still there (409 otherwise). `*` asks only that the resource exist, at whatever version; without If-Match (or with `*`) a concurrent writer in between is retried, never answered 409.',
      schema: { type: 'string' },
      example: '"2"',
    }),
    ApiResponse({
      status,
      description: 'Accepted: the stream and the version it reached.',
      headers: {
        ETag: { description: 'The version the stream reached, for the next If-Match.', schema: { type: 'string', example: '"3"' } },
        'Idempotent-Replayed': { description: '`true` when this is the receipt of an earlier request with the same Idempotency-Key.', schema: { type: 'string', enum: ['true'] } },
      },
      content: { 'application/json': { schema: sharedSchema('CommandReceipt'), example: receipt } },
    }),
    problemResponse(400, 'A field, parameter or header is not valid; `errors` names each one.', { invalid: PROBLEMS.invalid }),
    problemResponse(401, 'No valid bearer token.', { unauthenticated: PROBLEMS.unauthenticated }),
    problemResponse(403, 'The token lacks the role or scope.', { forbidden: PROBLEMS.forbidden, ...rulesWith(rules, 403) }),
    ...(rules.some((entry) => entry.status === 404)
      ? [problemResponse(404, 'Nothing under this id that the caller may act on: absent and out of scope answer alike.', rulesWith(rules, 404))]
      : []),
    problemResponse(409, 'The state conflicts with the request: a rule (`rule`), or If-Match named an older version.', {
      ...rulesWith(rules, 409),
      concurrencyConflict: PROBLEMS.concurrencyConflict,
    }),
    problemResponse(422, 'The request breaks a rule (`rule`), or reuses an Idempotency-Key.', {
      ...rulesWith(rules, 422),
      idempotencyKeyReused: PROBLEMS.idempotencyKeyReused,
    }),
    ApiResponse({
      status: 429,
      description: 'The caller (the token\'s subject) sent more commands than its budget: wait `Retry-After` seconds.',
      headers: { 'Retry-After': { description: 'Seconds until the caller may send the next command.', schema: { type: 'integer', example: 1 } } },
      content: { [PROBLEM_JSON]: { schema: sharedSchema('ProblemDetails'), examples: { tooManyCommands: PROBLEMS.tooManyCommands } } },
    }),
  );
}

export interface ReadRouteDocs {
  description: string;
  /** The JSON it answers: a zod schema (output), or a JSON schema where the answer has no zod schema. */
  schema?: z.ZodType | SchemaObject;
  /** Checked against a zod schema when there is one. */
  example?: unknown;
  /** For an answer that is not JSON (`text/html`, `text/csv`): its media type; the body is text. */
  mediaType?: string;
  /** For a route that answers 404: when it does, and the `detail` of an example. */
  notFound?: { description: string; detail: string };
  /** Other media types the route answers by content negotiation (`Accept`, or a `format` parameter), each as text with its example. */
  alsoAnswers?: Readonly<Record<string, string | undefined>>;
}

/** The 200 content of a read route. */
function readContent(docs: ReadRouteDocs) {
  const alternatives = Object.fromEntries(
    Object.entries(docs.alsoAnswers ?? {}).map(([type, example]) => [type, { schema: { type: 'string' }, ...(example === undefined ? {} : { example }) }]),
  );
  return { ...firstContent(docs), ...alternatives };
}

function firstContent({ schema, example, mediaType, description }: ReadRouteDocs) {
  if (mediaType) return { [mediaType]: { schema: { type: 'string' }, ...(example === undefined ? {} : { example }) } };
  if (!schema) throw new Error(`ApiReadRoute "${description}": give the schema of its JSON, or its mediaType`);
  const json = schema instanceof z.ZodType ? openApiSchemaOf(schema, 'output') : schema;
  const checked = schema instanceof z.ZodType && example !== undefined ? checkedExample(schema, example, description) : example;
  return { 'application/json': { schema: json, ...(checked === undefined ? {} : { example: checked }) } };
}

/**
 * Documents a read route: its 200 answer (schema and example, or a text media type), the bearer
 * token, and the problems it may answer (400, 401, 403, and 404 when it says so).
 */
export function ApiReadRoute(docs: ReadRouteDocs) {
  return applyDecorators(
    ApiBearerAuth(),
    ApiResponse({ status: 200, description: docs.description, content: readContent(docs) }),
    problemResponse(400, 'A parameter is not valid; `errors` names each one.', { invalid: PROBLEMS.invalid }),
    problemResponse(401, 'No valid bearer token.', { unauthenticated: PROBLEMS.unauthenticated }),
    problemResponse(403, 'The token lacks the role or scope.', { forbidden: PROBLEMS.forbidden }),
    ...(docs.notFound
      ? [
          problemResponse(404, docs.notFound.description, {
            notFound: problem('Not found', { type: problemType('http-404'), title: 'NotFoundException', status: 404, detail: docs.notFound.detail }),
          }),
        ]
      : []),
  );
}

/** The problems only a route that takes a file answers: a file too large (413), or not in a media type it reads (415). */
export function ApiUploadProblems(maxBytes: number, mediaTypes: readonly string[]) {
  return applyDecorators(
    problemResponse(413, `The file is larger than ${maxBytes} bytes.`, {
      tooLarge: problem('Too large', { type: problemType('payload-too-large'), title: 'The body is too large', status: 413, detail: `The file is larger than ${maxBytes} bytes` }),
    }),
    problemResponse(415, `The body is not ${mediaTypes.join(' or ')}.`, {
      unsupported: problem('Another media type', {
        type: problemType('unsupported-media-type'),
        title: 'The body is in a media type the service does not read',
        status: 415,
        detail: `Content-Type application/json: send the file as ${mediaTypes.join(' or ')}`,
      }),
    }),
  );
}

