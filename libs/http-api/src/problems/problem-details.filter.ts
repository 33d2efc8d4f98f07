import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import {
  ConcurrencyError,
  DomainRuleViolation,
  IdempotencyKeyReusedError,
  InvalidEventDataError,
} from '@eutf/event-sourcing';
import type { Request, Response } from 'express';
import { ZodError } from 'zod';
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
    const problem = { ...this.toProblem(exception), correlationId: typeof request.id === 'string' ? request.id : undefined };
    response.status(problem.status).type(PROBLEM_JSON).send(problem);
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof ProblemException) return exception.problem;
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
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      if (typeof body === 'object' && body !== null && 'type' in body) return body as ProblemDetails;
      return { type: problemType(`http-${status}`), title: exception.name, status, detail: exception.message };
    }
    if (exception instanceof InvalidEventDataError) {
      // An event the catalog refuses is a bug of ours, not the caller's: it must never be stored.
      this.logger.error({ eventType: exception.eventType, issues: exception.issues }, 'refused to write an invalid event');
    } else {
      this.logger.error({ err: exception }, 'unexpected error');
    }
    return { type: problemType('internal'), title: 'Internal error', status: 500, detail: 'The request could not be completed.' };
  }
}
