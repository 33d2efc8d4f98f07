import { HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Principal } from './principal';

/** Same base as the platform's problem types, so every problem of the API reads alike. */
const PROBLEM_BASE = 'https://eutf-monitoring/problems';
export const UNAUTHENTICATED_PROBLEM = `${PROBLEM_BASE}/unauthenticated`;
export const FORBIDDEN_PROBLEM = `${PROBLEM_BASE}/forbidden`;

/** RFC 9457 problem details, as the identity refusals answer them. */
export interface RefusalProblem {
  type: string;
  title: string;
  status: 401 | 403;
  detail: string;
}

/** 401: no bearer token, or one that does not prove who is calling. */
export class UnauthenticatedException extends HttpException {
  constructor(readonly reason: string) {
    const problem: RefusalProblem = {
      type: UNAUTHENTICATED_PROBLEM,
      title: 'Authentication required',
      status: HttpStatus.UNAUTHORIZED,
      detail: reason,
    };
    super(problem, HttpStatus.UNAUTHORIZED);
  }
}

/** 403: the caller is known but holds neither the role nor the scope the action needs. */
export class AccessForbiddenException extends HttpException {
  constructor(readonly reason: string) {
    const problem: RefusalProblem = {
      type: FORBIDDEN_PROBLEM,
      title: 'Not allowed for this role or scope',
      status: HttpStatus.FORBIDDEN,
      detail: reason,
    };
    super(problem, HttpStatus.FORBIDDEN);
  }
}

// A refusal leaves no trace but this log line (DOMAIN.md): who, in which roles, and why —
// never the token. Through nestjs-pino it carries the request's correlation id.
const logger = new Logger('Identity');

export function refuseAuthentication(reason: string, context: { subject?: string; route?: string }): UnauthenticatedException {
  logger.warn({ outcome: 'unauthenticated', subject: context.subject, route: context.route, reason }, 'request refused');
  return new UnauthenticatedException(reason);
}

export function refuseAccess(principal: Principal, reason: string, context: { route?: string } = {}): AccessForbiddenException {
  logger.warn(
    { outcome: 'forbidden', subject: principal.subject, roles: principal.roles, route: context.route, reason },
    'request refused',
  );
  return new AccessForbiddenException(reason);
}
