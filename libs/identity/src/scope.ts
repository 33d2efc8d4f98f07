import { Principal, Role, hasRole } from './principal';
import { refuseAccess } from './refusals';

export interface ScopeOptions {
  /** Roles that may act on any country (or organisation) on this route, e.g. `hq-analyst` reading every report. */
  alsoAllow?: readonly Role[];
}

/**
 * Refuses (403) unless the principal is a delegation officer of `country`, or holds one of the
 * roles in `alsoAllow`. Call it first thing in a handler, before any state is read, so a refusal
 * costs nothing and reveals nothing.
 */
export function assertCountryScope(principal: Principal, country: string, options: ScopeOptions = {}): void {
  if (principal.country === country && hasRole(principal, 'delegation-officer')) return;
  if (options.alsoAllow?.some((role) => hasRole(principal, role))) return;
  const held = hasRole(principal, 'delegation-officer')
    ? `the token is scoped to country ${principal.country}`
    : `the token grants ${principal.roles.join(', ')}`;
  throw refuseAccess(principal, `Acting on country ${country} requires ${requirement('delegation-officer', 'country', country, options)}; ${held}`);
}

/**
 * Refuses (403) unless the principal is an implementing partner for `org`, or holds one of the
 * roles in `alsoAllow`. Whether the org is a partner of a given project is the domain's rule,
 * checked on its state; this only checks who the caller speaks for.
 */
export function assertOrgScope(principal: Principal, org: string, options: ScopeOptions = {}): void {
  if (principal.org === org && hasRole(principal, 'implementing-partner')) return;
  if (options.alsoAllow?.some((role) => hasRole(principal, role))) return;
  const held = hasRole(principal, 'implementing-partner')
    ? `the token is scoped to organisation ${principal.org}`
    : `the token grants ${principal.roles.join(', ')}`;
  throw refuseAccess(principal, `Acting for organisation ${org} requires ${requirement('implementing-partner', 'org', org, options)}; ${held}`);
}

function requirement(role: Role, claim: 'country' | 'org', value: string, options: ScopeOptions): string {
  const scoped = `the role ${role} with ${claim} ${value}`;
  return options.alsoAllow?.length ? `${scoped}, or one of the roles ${options.alsoAllow.join(', ')}` : scoped;
}
