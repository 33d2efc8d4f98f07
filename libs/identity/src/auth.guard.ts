import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { attachPrincipal } from './current-principal.decorator';
import type { Principal, Role } from './principal';
import { refuseAccess, refuseAuthentication } from './refusals';
import { REPORT_LINK_PARAMETER, REPORT_LINK_ROUTE, ReportLinks } from './report-link';
import { PUBLIC_ROUTE, REQUIRED_ROLES } from './roles.decorator';
import { TokenRejectedError, TokenVerifier } from './token-verifier';

/**
 * Every HTTP route needs a verified bearer token (401 otherwise) and one of the roles its
 * `@Roles` names (403 otherwise), unless it is `@Public()`. A `@ReportLink()` route also takes a
 * report link (`?link=`) signed for its exact path and query. No route takes a token in the URL
 * (`?access_token=`): it would stay in browser histories, proxies and logs. Installed for the
 * whole application by `IdentityModule`.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly reflector: Reflector,
    private readonly reportLinks: ReportLinks,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Kafka handlers share the application's guards (inheritAppConfig): a message is not a
    // user's request, and its producer was authorised when the command was taken.
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<Request>();
    const route = routeOf(request);
    const query = queryOf(request);
    if (query.has('access_token')) {
      throw refuseAuthentication(
        'Tokens are not taken in URLs (access_token): send it as Authorization: Bearer <token>, or ask POST /report-links for a short-lived link to a report',
        { route },
      );
    }
    if (this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, targets)) return true;

    // 1. Who is calling.
    const link = query.get(REPORT_LINK_PARAMETER);
    const principal =
      link === null
        ? await this.authenticate(request, context.switchToHttp().getResponse<Response>(), route)
        : await this.followLink(link, request, route, this.reflector.getAllAndOverride<boolean | undefined>(REPORT_LINK_ROUTE, targets) === true);
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

  /**
   * A report link opens a browser on one report: only on a `@ReportLink()` route, only for the
   * path and query it was signed for, only before it expires. Logs strip it from URLs.
   */
  private async followLink(link: string, request: Request, route: string, accepted: boolean): Promise<Principal> {
    if (!accepted || request.method !== 'GET') {
      throw refuseAuthentication('This route takes no report link (link): send a bearer token', { route });
    }
    if (!this.reportLinks.signer) {
      throw refuseAuthentication('This service signs no report links: send a bearer token', { route });
    }
    try {
      return await this.reportLinks.signer.verify(link, request.originalUrl ?? request.url);
    } catch (error) {
      if (!(error instanceof TokenRejectedError)) throw error;
      throw refuseAuthentication(`The report link was rejected: ${error.reason}`, { subject: error.subject, route });
    }
  }

  private async authenticate(request: Request, response: Response, route: string): Promise<Principal> {
    const token = bearerToken(request.headers.authorization);
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

/** The query string as sent, whatever the framework's query parser makes of it. */
function queryOf(request: Request): URLSearchParams {
  const url = request.originalUrl ?? request.url ?? '/';
  const start = url.indexOf('?');
  return new URLSearchParams(start < 0 ? '' : url.slice(start + 1));
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
