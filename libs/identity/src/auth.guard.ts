import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { attachPrincipal } from './current-principal.decorator';
import type { Principal, Role } from './principal';
import { refuseAccess, refuseAuthentication } from './refusals';
import { PUBLIC_ROUTE, REQUIRED_ROLES } from './roles.decorator';
import { TokenRejectedError, TokenVerifier } from './token-verifier';

/**
 * Every HTTP route needs a verified bearer token (401 otherwise) and one of the roles its
 * `@Roles` names (403 otherwise), unless it is `@Public()`. Installed for the whole application
 * by `IdentityModule`.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Kafka handlers share the application's guards (inheritAppConfig): a message is not a
    // user's request, and its producer was authorised when the command was taken.
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<Request>();
    const route = routeOf(request);
    // 1. Who is calling.
    const principal = await this.authenticate(request, context.switchToHttp().getResponse<Response>(), route);
    attachPrincipal(request, principal);
    // 2. Whether their role may call this route at all; their scope is the handler's to check.
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (!allowed) {
      throw refuseAccess(principal, 'This route declares no roles (@Roles) and is not public', { route });
    }
    if (!allowed.some((role) => principal.roles.includes(role))) {
      throw refuseAccess(principal, rolesMissing(allowed, principal), { route });
    }
    return true;
  }

  private async authenticate(request: Request, response: Response, route: string): Promise<Principal> {
    const token = bearerToken(request.headers.authorization) ?? queryToken(request);
    if (token === undefined) {
      response.setHeader('WWW-Authenticate', 'Bearer realm="eutf-monitoring"');
      throw refuseAuthentication('A bearer token is required (Authorization: Bearer <token>)', { route });
    }
    try {
      return await this.verifier.verify(token);
    } catch (error) {
      if (!(error instanceof TokenRejectedError)) throw error;
      response.setHeader('WWW-Authenticate', 'Bearer realm="eutf-monitoring", error="invalid_token"');
      throw refuseAuthentication(`The bearer token was rejected: ${error.reason}`, { subject: error.subject, route });
    }
  }
}

/**
 * A report opened in a browser cannot send a header, so a GET may carry its token as
 * `?access_token=` (RFC 6750 §2.3). Logs strip that parameter from URLs.
 */
function queryToken(request: Request): string | undefined {
  if (request.method !== 'GET') return undefined;
  const value: unknown = (request.query as Record<string, unknown> | undefined)?.['access_token'];
  return typeof value === 'string' && /^[A-Za-z0-9._~+/=-]+$/.test(value) ? value : undefined;
}

function bearerToken(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^Bearer +([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header);
  return match?.[1];
}

/** The route's pattern (`/countries/:country/factsheet`), not its URL: no identifiers in logs. */
function routeOf(request: Request): string {
  const pattern: unknown = (request.route as { path?: unknown } | undefined)?.path;
  return `${request.method} ${typeof pattern === 'string' ? pattern : '(unmatched)'}`;
}

function rolesMissing(allowed: readonly Role[], principal: Principal): string {
  const needed = allowed.length === 1 ? `the role ${allowed[0]}` : `one of the roles ${allowed.join(', ')}`;
  return `This action requires ${needed}; the token grants ${principal.roles.join(', ')}`;
}
