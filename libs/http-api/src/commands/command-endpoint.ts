import {
  applyDecorators,
  createParamDecorator,
  HttpCode,
  Injectable,
  Post,
  Put,
  SetMetadata,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam } from '@nestjs/swagger';
import { DomainRuleViolation, type Actor, type CommandContext, type CommandOutcome } from '@eutf/event-sourcing';
import { actorOf, principalOf, Roles, type Principal, type Role } from '@eutf/identity';
import type { Request, Response } from 'express';
import { map, type Observable } from 'rxjs';
import { z } from 'zod';
import { ApiCommandRoute, openApiBody, openApiSchemaOf, type DocumentedRule } from '../openapi/openapi';
import { ProblemException } from '../problems/problem-details.filter';
import { problemType } from '../problems/problem-details';
import { answer, commandContextOf, parseWith } from './command-gateway';

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
    ...(options.body ? [ApiBody(openApiBody(options.body, options.example))] : []),
    UseInterceptors(CommandReceiptInterceptor),
  );
}

/** The {@link CommandInput} of a route declared with {@link CommandEndpoint}. */
export const CommandRequest = createParamDecorator((_data: unknown, context: ExecutionContext): CommandInput<unknown, unknown> => {
  const options = Reflect.getMetadata(COMMAND_ENDPOINT, context.getHandler()) as CommandEndpointOptions | undefined;
  if (!options) throw new Error('@CommandRequest() is for routes declared with @CommandEndpoint()');
  const request = context.switchToHttp().getRequest<Request>();
  const response = context.switchToHttp().getResponse<Response>();
  const principal = principalOf(request);
  if (!principal) throw new Error('@CommandRequest() on a route without a verified token');
  // A body in another format is not a malformed JSON body: it is one this route does not read.
  const sentBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
  if (options.body && sentBody && !request.is('application/json')) {
    throw new ProblemException({
      type: problemType('unsupported-media-type'),
      title: 'The body is in a media type the service does not read',
      status: 415,
      detail: `Content-Type ${request.headers['content-type'] ?? '(none)'}: send application/json`,
    });
  }
  const params = parseWith(options.params ?? NO_PARAMS, request.params, 'params');
  const body = options.body ? parseWith(options.body, request.body) : NO_BODY.parse(undefined);
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
    context: { ...commandContext, request: { method: request.method, route: options.path, params, body } },
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
