import {
  applyDecorators,
  createParamDecorator,
  HttpCode,
  Injectable,
  Post,
  Put,
  SetMetadata,
  UseGuards,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { createHash } from 'node:crypto';
import { ApiBody, ApiConsumes, ApiOperation, ApiParam } from '@nestjs/swagger';
import { DomainRuleViolation, type Actor, type CommandContext, type CommandOutcome } from '@eutf/event-sourcing';
import { actorOf, principalOf, Roles, type Principal, type Role } from '@eutf/identity';
import type { Request, Response } from 'express';
import { from, map, switchMap, type Observable } from 'rxjs';
import { z } from 'zod';
import { ApiCommandRoute, ApiUploadProblems, openApiBody, openApiSchemaOf, type DocumentedRule } from '../openapi/openapi';
import { ProblemException } from '../problems/problem-details.filter';
import { problemType } from '../problems/problem-details';
import { answer, commandContextOf, parseWith } from './command-gateway';
import { CommandRateLimitGuard } from './command-rate-limit';

const NO_PARAMS = z.object({});
const NO_BODY = z.undefined();

/** Everything a command route declares once: its route, its actor, its input and its documentation. */
export interface CommandEndpointOptions<Params extends z.ZodType = z.ZodType, Body extends z.ZodType = z.ZodType> {
  method?: 'POST' | 'PUT';
  path: string;
  /** 201 when it records something new, 200 otherwise. */
  status: 200 | 201;
  /** The role that issues the command: the guard checks it and the events record it. */
  role: Role;
  summary: string;
  description?: string;
  /** The path parameters as one object; a failure is a 400 naming the parameter. */
  params?: Params;
  /** An example value of each path parameter, for the documentation. */
  paramExamples?: Record<string, string>;
  body?: Body;
  /** The body is a file (its bytes, as sent) instead of JSON: see {@link UploadOptions}. Not with `body`. */
  upload?: UploadOptions;
  /** An example body, checked against `body` when the service starts. */
  example?: unknown;
  /** The stream the receipt example names. */
  streamId: string;
  /** The rules the command may break: examples of its 403, 409 and 422 problems. */
  rules?: readonly DocumentedRule[];
  /**
   * Rules whose refusal may pass by itself, and the seconds after which to try again (the
   * `Retry-After` of the problem): e.g. a fact from another service that has not arrived yet.
   */
  retryAfter?: Readonly<Record<string, number>>;
}

/**
 * A route that takes one file as its body, sent as it is (`Content-Type` one of `mediaTypes`), not
 * as multipart: the path and the token say everything else, and the file's digest is the digest
 * of exactly the bytes sent. The route reads it as an {@link UploadedFile}.
 */
export interface UploadOptions {
  /** Each media type read, with what the documentation says of it. */
  mediaTypes: Readonly<Record<string, string>>;
  /** A larger body is refused (413) before it is read to its end. */
  maxBytes: number;
  /** What the file holds, for the documentation. */
  description: string;
  /** An example of the file as text (a CSV), for the documentation. */
  example: string;
}

/** The file a route declared with `upload` receives: its media type, its bytes and their SHA-256 (hex). */
export interface UploadedFile {
  mediaType: string;
  bytes: Buffer;
  sha256: string;
}

/** What a command route receives: its parsed input, who acts, and the one moment it runs at. */
export interface CommandInput<Params = Record<string, never>, Body = undefined> {
  params: Params;
  body: Body;
  principal: Principal;
  role: Role;
  actor: Actor;
  now: Date;
  /** The day of `now` (UTC), the date a decider compares dates with. */
  today: string;
  /** Correlation id, Idempotency-Key, If-Match and the request's fingerprint for the command handler. */
  context: CommandContext;
  /** Sets the Location of what the command created. */
  setLocation(path: string): void;
}

/** Who acts, on which day, and the request's context: what a handler needs beside the command. */
export type CommandOrigin = Omit<CommandInput<unknown, unknown>, 'params' | 'body' | 'setLocation'>;

const COMMAND_ENDPOINT = 'eutf:command-endpoint';

/** Turns what a command route returns (an outcome) into the receipt, or a broken rule into its problem. */
@Injectable()
class CommandReceiptInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler<CommandOutcome>): Observable<unknown> {
    const response = context.switchToHttp().getResponse<Response>();
    const { retryAfter = {} } = (Reflect.getMetadata(COMMAND_ENDPOINT, context.getHandler()) as CommandEndpointOptions | undefined) ?? {};
    return next.handle().pipe(
      map((outcome) => {
        const seconds = outcome instanceof DomainRuleViolation ? retryAfter[outcome.rule] : undefined;
        if (seconds !== undefined) response.setHeader('Retry-After', String(seconds));
        return answer(response, outcome);
      }),
    );
  }
}

const uploadProblem = (status: 400 | 413 | 415, detail: string) =>
  new ProblemException({
    type: problemType(status === 413 ? 'payload-too-large' : status === 415 ? 'unsupported-media-type' : 'malformed-body'),
    title: status === 413 ? 'The body is too large' : status === 415 ? 'The body is in a media type the service does not read' : 'The body could not be read',
    status,
    detail,
    // A 400 names what it refuses, as every 400 does: here the file, the body as a whole.
    ...(status === 400 ? { errors: [{ field: 'body', message: detail }] } : {}),
  });

/** Reads the file of an upload route, as sent, up to its size limit. */
async function readUpload(request: Request, upload: UploadOptions): Promise<UploadedFile> {
  const types = Object.keys(upload.mediaTypes);
  const mediaType = request.is(types);
  if (!mediaType) throw uploadProblem(415, `Content-Type ${request.headers['content-type'] ?? '(none)'}: send the file as ${types.join(' or ')}`);
  const encoding = request.headers['content-encoding'];
  if (encoding !== undefined && encoding !== 'identity') throw uploadProblem(415, `Content-Encoding ${encoding}: send the file as it is`);
  if (Number(request.headers['content-length'] ?? 0) > upload.maxBytes) throw uploadProblem(413, `The file is larger than ${upload.maxBytes} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > upload.maxBytes) throw uploadProblem(413, `The file is larger than ${upload.maxBytes} bytes`);
    chunks.push(chunk);
  }
  if (size === 0) throw uploadProblem(400, 'The body is empty: send the file as the body');
  const bytes = Buffer.concat(chunks);
  return { mediaType, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

const UPLOADED = Symbol('eutf:uploaded-file');
type WithUpload = Request & { [UPLOADED]?: UploadedFile };

/** Reads an upload route's file before its handler's input is built (after the guards: no token, no reading). */
@Injectable()
class UploadInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const options = Reflect.getMetadata(COMMAND_ENDPOINT, context.getHandler()) as CommandEndpointOptions;
    const request = context.switchToHttp().getRequest<WithUpload>();
    return from(readUpload(request, options.upload as UploadOptions)).pipe(
      switchMap((file) => {
        request[UPLOADED] = file;
        return next.handle();
      }),
    );
  }
}

/** The OpenAPI request body of an upload route: the file in each media type it reads. */
const uploadDocs = (upload: UploadOptions) => [
  ApiConsumes(...Object.keys(upload.mediaTypes)),
  ApiBody({
    required: true,
    description: `${upload.description} ${Object.entries(upload.mediaTypes).map(([type, says]) => `\`${type}\`: ${says}`).join(' ')}`,
    schema: { type: 'string', format: 'binary' },
    examples: { csv: { summary: 'The rows as CSV (as XLSX: the same header and rows on the first worksheet)', value: upload.example } },
  }),
  ApiUploadProblems(upload.maxBytes, Object.keys(upload.mediaTypes)),
];

/**
 * Declares a command route: method and path, success status, the acting role (named once), the
 * OpenAPI operation with its receipt, problems and example body, and the receipt as the answer.
 * Its handler takes one `@CommandRequest()` parameter and returns the command's outcome.
 */
export function CommandEndpoint(options: CommandEndpointOptions) {
  const method = options.method === 'PUT' ? Put(options.path) : Post(options.path);
  // Each path parameter with its schema from `params` (its pattern, its message's rule).
  const shape = options.params instanceof z.ZodObject ? (options.params.shape as Record<string, z.ZodType>) : {};
  const params = Object.entries(shape).map(([name, schema]) =>
    ApiParam({ name, required: true, schema: { ...openApiSchemaOf(schema, 'input'), ...(options.paramExamples?.[name] ? { example: options.paramExamples[name] } : {}) } }),
  );
  return applyDecorators(
    SetMetadata(COMMAND_ENDPOINT, options),
    method,
    HttpCode(options.status),
    ApiOperation({ summary: options.summary, ...(options.description ? { description: options.description } : {}) }),
    ...params,
    ApiCommandRoute({ status: options.status, streamId: options.streamId, rules: options.rules ?? [] }),
    Roles(options.role),
    UseGuards(CommandRateLimitGuard),
    ...(options.body ? [ApiBody(openApiBody(options.body, options.example))] : []),
    ...(options.upload ? uploadDocs(options.upload) : []),
    UseInterceptors(...(options.upload ? [UploadInterceptor] : []), CommandReceiptInterceptor),
  );
}

/** A body in another format is not a malformed JSON body: it is one a JSON route does not read (415). */
function refuseBodyNotJson(request: Request): void {
  const sentBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
  if (sentBody && !request.is('application/json')) {
    throw new ProblemException({
      type: problemType('unsupported-media-type'),
      title: 'The body is in a media type the service does not read',
      status: 415,
      detail: `Content-Type ${request.headers['content-type'] ?? '(none)'}: send application/json`,
    });
  }
}

/** The JSON body of a route that is not a command (a report link, a period close), refused with 415 in another format. */
export const JsonBody = createParamDecorator((_data: unknown, context: ExecutionContext): unknown => {
  const request = context.switchToHttp().getRequest<Request>();
  refuseBodyNotJson(request);
  return request.body as unknown;
});

/** The {@link CommandInput} of a route declared with {@link CommandEndpoint}. */
export const CommandRequest = createParamDecorator((_data: unknown, context: ExecutionContext): CommandInput<unknown, unknown> => {
  const options = Reflect.getMetadata(COMMAND_ENDPOINT, context.getHandler()) as CommandEndpointOptions | undefined;
  if (!options) throw new Error('@CommandRequest() is for routes declared with @CommandEndpoint()');
  const request = context.switchToHttp().getRequest<WithUpload>();
  const response = context.switchToHttp().getResponse<Response>();
  const principal = principalOf(request);
  if (!principal) throw new Error('@CommandRequest() on a route without a verified token');
  const uploaded = options.upload ? request[UPLOADED] : undefined;
  if (options.upload && !uploaded) throw new Error('an upload route without its file: the upload interceptor did not run');
  if (options.body) refuseBodyNotJson(request);
  const params = parseWith(options.params ?? NO_PARAMS, request.params, 'params');
  const body = uploaded ?? (options.body ? parseWith(options.body, request.body) : NO_BODY.parse(undefined));
  const actor = actorOf(principal, options.role);
  const now = new Date();
  const commandContext = commandContextOf(request, actor, now);
  return {
    params,
    body,
    principal,
    role: options.role,
    actor,
    now,
    today: now.toISOString().slice(0, 10),
    // The request as the client sent it (parsed), not the command derived from it with today's date.
    // A file is told apart by its digest, not by its bytes.
    context: { ...commandContext, request: { method: request.method, route: options.path, params, body: uploaded ? { mediaType: uploaded.mediaType, sha256: uploaded.sha256 } : body } },
    setLocation: (path) => response.setHeader('Location', path),
  };
});

/** Who acts, as a domain's rules see it: the acting role and its scope (a country or an organisation). */
export const scopedRoleOf = ({ role, actor }: Pick<CommandOrigin, 'role' | 'actor'>): { subject: string; role: Role; country?: string; org?: string } => ({
  subject: actor.subject,
  role,
  ...(actor.country ? { country: actor.country } : {}),
  ...(actor.org ? { org: actor.org } : {}),
});
