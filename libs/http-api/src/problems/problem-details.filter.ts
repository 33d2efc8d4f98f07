import { ArgumentsHost, BadRequestException, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import {
  ConcurrencyError,
  DomainRuleViolation,
  IdempotencyKeyReusedError,
  InvalidEventDataError,
} from '@eutf/event-sourcing';
import type { Request, Response } from 'express';
import { ZodError } from 'zod';
import { correlationIdOf } from '../correlation/correlation-id';
import { PROBLEM_JSON, ProblemDetails, problemType, validationProblem } from './problem-details';

/** Thrown by controllers to answer with a problem; a broken rule becomes one through `fromViolation`. */
export class ProblemException extends Error {
  constructor(readonly problem: ProblemDetails) {
    super(problem.detail);
    this.name = 'ProblemException';
  }

  static fromViolation(violation: DomainRuleViolation): ProblemException {
    return new ProblemException({
      type: problemType(`rule/${violation.rule}`),
      title: 'A business rule refused the request',
      status: violation.status,
      detail: violation.message,
      rule: violation.rule,
    });
  }
}

/**
 * Every error leaves as application/problem+json with a stable `type`: 400 names the fields,
 * 409/422 the rule, 409 a concurrency conflict. Unexpected errors are logged and answered 500
 * without internals.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const request = host.switchToHttp().getRequest<Request & { id?: string }>();
    const response = host.switchToHttp().getResponse<Response>();
    // A body the parser refused never reached the logging middleware: its correlation id starts here.
    const correlationId = typeof request.id === 'string' ? request.id : (request.id = correlationIdOf(request, response));
    const problem = { ...this.toProblem(exception), correlationId };
    response.status(problem.status).type(PROBLEM_JSON).send(problem);
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof ProblemException) return exception.problem;
    const unreadable = bodyProblem(exception);
    if (unreadable) return unreadable;
    if (exception instanceof DomainRuleViolation) return ProblemException.fromViolation(exception).problem;
    if (exception instanceof ZodError) return validationProblem(exception);
    if (exception instanceof ConcurrencyError) {
      return {
        type: problemType('concurrency-conflict'),
        title: 'The resource changed since it was read',
        status: 409,
        detail: exception.message,
        currentVersion: exception.actual?.toString() ?? null,
      };
    }
    if (exception instanceof IdempotencyKeyReusedError) {
      return { type: problemType('idempotency-key-reused'), title: 'Idempotency-Key reused', status: 422, detail: exception.message };
    }
    // NestJS turns the JSON parser's SyntaxError into a bare BadRequestException; ours carry a problem.
    if (exception instanceof BadRequestException && !hasProblemType(exception.getResponse())) {
      return { type: problemType('malformed-body'), title: 'The body could not be read', status: 400, detail: exception.message, errors: [{ field: 'body', message: exception.message }] };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      if (hasProblemType(body)) return body as ProblemDetails;
      return { type: problemType(`http-${status}`), title: exception.name, status, detail: exception.message };
    }
    if (exception instanceof InvalidEventDataError) {
      // An event the catalog refuses is a bug of ours, not the caller's: it must never be stored.
      this.logger.error({ eventType: exception.eventType, issues: exception.issues }, 'refused to write an invalid event');
    } else {
      this.logger.error({ err: loggable(exception) }, 'unexpected error');
    }
    return { type: problemType('internal'), title: 'Internal error', status: 500, detail: 'The request could not be completed.' };
  }
}

/** The errors Express's body parsers raise (http-errors with a `type`), by what they mean to the client. */
const BODY_PROBLEMS: Record<string, { status: number; type: string; title: string }> = {
  'entity.too.large': { status: 413, type: 'payload-too-large', title: 'The body is too large' },
  'encoding.unsupported': { status: 415, type: 'unsupported-media-type', title: 'The body is in an encoding the service does not read' },
  'charset.unsupported': { status: 415, type: 'unsupported-media-type', title: 'The body is in a charset the service does not read' },
  'entity.parse.failed': { status: 400, type: 'malformed-body', title: 'The body could not be read' },
  'entity.verify.failed': { status: 400, type: 'malformed-body', title: 'The body could not be read' },
  'request.aborted': { status: 400, type: 'malformed-body', title: 'The body could not be read' },
  'request.size.invalid': { status: 400, type: 'malformed-body', title: 'The body could not be read' },
  'stream.encoding.set': { status: 400, type: 'malformed-body', title: 'The body could not be read' },
  'parameters.too.many': { status: 413, type: 'payload-too-large', title: 'The body is too large' },
};

/**
 * A body the parser could not read is the client's problem, never a 500: too large (a gzip bomb
 * too), in an unknown encoding or charset, or not what its encoding says (bad gzip or brotli).
 */
function bodyProblem(exception: unknown): ProblemDetails | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const { type, status, code } = exception as { type?: unknown; status?: unknown; code?: unknown };
  const known = typeof type === 'string' ? BODY_PROBLEMS[type] : undefined;
  // Decompression errors come from zlib, with its own codes (Z_DATA_ERROR, Z_BUF_ERROR, …).
  const inflate = typeof code === 'string' && code.startsWith('Z_') ? BODY_PROBLEMS['entity.verify.failed'] : undefined;
  // Any other client error of the parsers (http-errors marks those it means the client to see).
  const exposed = (exception as { expose?: unknown }).expose === true && typeof status === 'number' && status >= 400 && status < 500;
  const other = exposed ? { status: status === 413 || status === 415 ? status : 400, type: status === 413 ? 'payload-too-large' : status === 415 ? 'unsupported-media-type' : 'malformed-body', title: 'The body could not be read' } : undefined;
  const problem = known ?? inflate ?? other;
  if (!problem) return undefined;
  // A 400 names what it refuses, as every 400 does: here the body as a whole.
  const errors = problem.status === 400 ? { errors: [{ field: 'body', message: problem.title }] } : {};
  return { type: problemType(problem.type), title: problem.title, status: problem.status, detail: problem.title, ...errors };
}

const hasProblemType = (body: unknown): boolean => typeof body === 'object' && body !== null && 'type' in body;

/**
 * What of an unexpected error may be logged. A database's error carries the values of the failed
 * statement (its message, detail and context quote them), and those may be about a person: only
 * its kind and where it happened are kept.
 */
export function loggable(exception: unknown): unknown {
  if (typeof exception !== 'object' || exception === null || !('severity' in exception) || !('code' in exception)) return exception;
  const { code, severity, table, constraint, routine } = exception as Record<string, unknown>;
  return { type: 'DatabaseError', code, severity, table, constraint, routine };
}
