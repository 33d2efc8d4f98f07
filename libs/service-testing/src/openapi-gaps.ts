import type { DynamicModule } from '@nestjs/common';
import type { MediaTypeObject, OpenAPIObject, OperationObject, ReferenceObject, ResponseObject } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { Test } from '@nestjs/testing';
import { PROBLEM_JSON } from '@eutf/http-api';
import { openApiDocument } from '@eutf/service-runtime';

/**
 * Builds the OpenAPI document a service serves at /docs from its own root module, without any
 * server: modules connect only once the app is initialised, and the document needs no init.
 */
export async function openApiDocumentOf(appModule: DynamicModule): Promise<OpenAPIObject> {
  const moduleRef = await Test.createTestingModule({ imports: [appModule] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  try {
    return openApiDocument(app, { name: 'openapi-check', title: 'OpenAPI check', description: 'The document a service serves at /docs' });
  } finally {
    await app.close();
  }
}

export interface OpenApiGapOptions {
  /** Check only the operations carrying one of these tags; every operation otherwise. */
  tags?: readonly string[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;
/** Routes anyone may call: no token is asked, so there is no 401 or 403 to document. */
const PUBLIC_PATH = /^\/(health|metrics|docs)(\/|$)/;

const isReference = (value: object): value is ReferenceObject => '$ref' in value;
const isJson = (mediaType: string) => /[/+]json\b/.test(mediaType);
const hasExample = (media: MediaTypeObject) =>
  media.example !== undefined ||
  Object.keys(media.examples ?? {}).length > 0 ||
  (media.schema !== undefined && !isReference(media.schema) && media.schema.example !== undefined);

/** A body a client can rely on: JSON with a schema, or another media type (HTML, CSV) as it is. */
function describesBody(response: ResponseObject | ReferenceObject | undefined): boolean {
  if (!response) return false;
  if (isReference(response)) return true;
  return Object.entries(response.content ?? {}).some(([mediaType, media]) => !isJson(mediaType) || media.schema !== undefined);
}

function isProblem(response: ResponseObject | ReferenceObject | undefined): boolean {
  if (!response) return false;
  return isReference(response) || response.content?.[PROBLEM_JSON]?.schema !== undefined;
}

type Schemas = NonNullable<OpenAPIObject['components']>['schemas'];

/** Where a request body's schema takes an array or a string of any length: a client could send a million elements or characters. */
function unbounded(schema: SchemaObject | ReferenceObject | undefined, schemas: Schemas, at: string, seen = new Set<object>()): string[] {
  if (!schema) return [];
  const resolved = isReference(schema) ? schemas?.[schema.$ref.replace('#/components/schemas/', '')] : schema;
  if (!resolved || isReference(resolved) || seen.has(resolved)) return [];
  seen.add(resolved);
  const unboundedString = resolved.type === 'string' && resolved.maxLength === undefined && resolved.enum === undefined && resolved.pattern === undefined && resolved.format === undefined;
  const here = (resolved.type === 'array' && resolved.maxItems === undefined) || unboundedString ? [at] : [];
  const items = 'items' in resolved && resolved.items ? unbounded(resolved.items, schemas, `${at}[]`, seen) : [];
  const properties = Object.entries(resolved.properties ?? {}).flatMap(([name, property]) => unbounded(property, schemas, `${at}.${name}`, seen));
  const alternatives = [...(resolved.oneOf ?? []), ...(resolved.anyOf ?? []), ...(resolved.allOf ?? [])].flatMap((alternative) => unbounded(alternative, schemas, at, seen));
  return [...here, ...items, ...properties, ...alternatives];
}

function gapsOf(path: string, operation: OperationObject, schemas: Schemas): string[] {
  const gaps: string[] = [];
  const responses = operation.responses ?? {};
  const successes = Object.keys(responses).filter((status) => status.startsWith('2'));
  if (!successes.some((status) => describesBody(responses[status]))) gaps.push('no 2xx response with a schema or a non-JSON media type');
  if (!PUBLIC_PATH.test(path)) {
    if (!operation.security?.length) gaps.push('no bearer security');
    for (const status of ['401', '403']) if (!isProblem(responses[status])) gaps.push(`no ${status} ${PROBLEM_JSON} response`);
  }
  const body = operation.requestBody;
  if (body && !isReference(body) && !Object.values(body.content).some(hasExample)) gaps.push('no example of its request body');
  const json = body && !isReference(body) ? body.content['application/json']?.schema : undefined;
  for (const place of unbounded(json, schemas, 'body')) gaps.push(`${place}: an array with no maxItems or a string with no maxLength, pattern, enum or format`);
  return gaps;
}

/**
 * Every way an OpenAPI document falls short of describing its operations, one line each
 * (`POST /path: what is missing`): a success without a described body, a protected route
 * without its bearer security and 401 and 403 problems, a request body without an example or
 * with an array or a string of any length.
 * Empty when the document is complete.
 */
export function openApiGaps(document: OpenAPIObject, options: OpenApiGapOptions = {}): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = item[method];
      if (!operation) return [];
      if (options.tags && !operation.tags?.some((tag) => options.tags?.includes(tag))) return [];
      return gapsOf(path, operation, document.components?.schemas).map((gap) => `${method.toUpperCase()} ${path}: ${gap}`);
    }),
  );
}
