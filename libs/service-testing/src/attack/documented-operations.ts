import type { OpenAPIObject, OperationObject, ParameterObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { ROLES, type Role } from '@eutf/identity';

/** One operation as a service's OpenAPI document describes it: what the generated suites send and expect. */
export interface DocumentedOperation {
  method: 'GET' | 'POST' | 'PUT';
  /** The path template, e.g. `/projects/{projectId}/suspension`. */
  path: string;
  /** `POST /projects/{projectId}/suspension`: how the suites name it. */
  name: string;
  pathParams: Array<{ name: string; example?: string }>;
  queryParams: string[];
  /** The documented body: its schema and its example (a valid request, as the document promises). */
  body?: { schema: SchemaObject; example: unknown };
  /** A file the operation takes instead of JSON (an upload): its first documented media type and example. */
  file?: { mediaType: string; example: string };
  /** The roles the 403 of the operation documents ("Allowed for …"); `public` when it asks for no token. */
  roles: readonly Role[] | 'public';
  /** A command: it takes an Idempotency-Key, and what it refuses leaves every stream as it was. */
  command: boolean;
  /** The rules each problem status documents (the names of its examples). */
  rules: Readonly<Record<string, readonly string[]>>;
}

const METHODS = ['get', 'post', 'put'] as const;
const isReference = (value: object): value is ReferenceObject => '$ref' in value;

/** "Allowed for delegation-officer, hq-analyst (within their scope)", as `@Roles` documents a 403. */
function documentedRoles(operation: OperationObject): readonly Role[] | 'public' {
  if (!operation.security?.length) return 'public';
  const forbidden = operation.responses['403'];
  const description = forbidden && !isReference(forbidden) ? forbidden.description : '';
  const listed = /Allowed for ([a-z, -]+) \(within their scope\)/.exec(description)?.[1];
  const roles = (listed ?? '').split(',').map((role) => role.trim());
  const known = roles.filter((role): role is Role => (ROLES as readonly string[]).includes(role));
  if (known.length === 0 || known.length !== roles.length) throw new Error(`${operation.operationId}: the 403 does not document its roles ("Allowed for …"): ${description}`);
  return known;
}

function exampleOf(operation: OperationObject): { schema: SchemaObject; example: unknown } | undefined {
  const body = operation.requestBody;
  if (!body || isReference(body)) return undefined;
  const media = body.content['application/json'];
  if (!media?.schema || isReference(media.schema)) return undefined;
  const named = Object.values(media.examples ?? {})[0];
  const example = media.example ?? (named && !isReference(named) ? named.value : undefined) ?? media.schema.example;
  return { schema: media.schema, example };
}

function fileOf(operation: OperationObject): { mediaType: string; example: string } | undefined {
  const body = operation.requestBody;
  if (!body || isReference(body) || body.content['application/json']) return undefined;
  for (const [mediaType, media] of Object.entries(body.content)) {
    const named = Object.values(media.examples ?? {})[0];
    const example = media.example ?? (named && !isReference(named) ? named.value : undefined);
    if (typeof example === 'string') return { mediaType, example };
  }
  return undefined;
}

function rulesOf(operation: OperationObject): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(operation.responses).flatMap(([status, response]) => {
      if (!response || isReference(response)) return [];
      const examples = response.content?.['application/problem+json']?.examples ?? {};
      return [[status, Object.keys(examples)]];
    }),
  );
}

/**
 * Every operation of a service's OpenAPI document but its health checks, in document order. The
 * suites are generated from this list, so a route added to a service is attacked as soon as it is
 * documented.
 */
export function documentedOperations(document: OpenAPIObject): DocumentedOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = item[method];
      if (!operation || path.startsWith('/health/')) return [];
      const parameters = (operation.parameters ?? []).filter((parameter): parameter is ParameterObject => !isReference(parameter));
      const upper = method.toUpperCase() as DocumentedOperation['method'];
      const body = exampleOf(operation);
      const file = fileOf(operation);
      return [
        {
          method: upper,
          path,
          name: `${upper} ${path}`,
          pathParams: parameters
            .filter((parameter) => parameter.in === 'path')
            .map((parameter) => {
              const schema = parameter.schema && !isReference(parameter.schema) ? parameter.schema : undefined;
              const example = parameter.example ?? schema?.example;
              return { name: parameter.name, ...(typeof example === 'string' ? { example } : {}) };
            }),
          queryParams: parameters.filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name),
          ...(body ? { body } : {}),
          ...(file ? { file } : {}),
          roles: documentedRoles(operation),
          command: parameters.some((parameter) => parameter.in === 'header' && parameter.name === 'Idempotency-Key'),
          rules: rulesOf(operation),
        },
      ];
    }),
  );
}

/**
 * The path of an operation with its parameters filled in, each as it is given (already encoded
 * where it must be); a parameter the suite gives no value falls back to its documented example.
 */
export const pathOf = (operation: Pick<DocumentedOperation, 'path' | 'pathParams'>, values: Readonly<Record<string, string>>): string =>
  operation.path.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    const value = values[name] ?? operation.pathParams.find((parameter) => parameter.name === name)?.example;
    if (value === undefined) throw new Error(`${operation.path}: no value for the path parameter ${name}, and no example of it documented`);
    return value;
  });
