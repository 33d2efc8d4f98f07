import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AccessForbiddenException, RefusalProblem, UnauthenticatedException } from './refusals';

/**
 * Answers identity refusals as application/problem+json, so a service gets them right without
 * any other filter. The platform's catch-all problem filter renders them identically.
 */
@Catch(UnauthenticatedException, AccessForbiddenException)
export class RefusalProblemFilter implements ExceptionFilter {
  catch(exception: UnauthenticatedException | AccessForbiddenException, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: unknown }>();
    const problem = exception.getResponse() as RefusalProblem;
    const correlationId = typeof request.id === 'string' ? request.id : undefined;
    http.getResponse<Response>().status(problem.status).type('application/problem+json').send({ ...problem, correlationId });
  }
}
