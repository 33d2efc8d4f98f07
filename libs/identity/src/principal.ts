import type { Actor } from '@eutf/event-sourcing';

import type { Role } from '@eutf/reference-data';

export { ROLES, type Role } from '@eutf/reference-data';

/**
 * Who is calling, from a verified token. `country` is set exactly when the roles include
 * `delegation-officer` (ISO 3166-1 alpha-2, upper case), `org` exactly when they include
 * `implementing-partner`.
 */
export interface Principal {
  readonly subject: string;
  readonly roles: readonly Role[];
  readonly country?: string;
  readonly org?: string;
}

export function hasRole(principal: Principal, role: Role): boolean {
  return principal.roles.includes(role);
}

/**
 * The actor recorded in the metadata of the events a command causes: the subject, the role it
 * acts in, and that role's scope (country for an officer, organisation for a partner).
 */
export function actorOf(principal: Principal, role: Role): Actor {
  if (!hasRole(principal, role)) {
    throw new Error(`${principal.subject} cannot act as ${role}: the token grants ${principal.roles.join(', ')}`);
  }
  switch (role) {
    case 'delegation-officer':
      return { subject: principal.subject, role, country: scopeClaim(principal.country, 'country', role) };
    case 'implementing-partner':
      return { subject: principal.subject, role, org: scopeClaim(principal.org, 'org', role) };
    case 'hq-finance':
    case 'hq-analyst':
    case 'admin':
      return { subject: principal.subject, role };
    default: {
      const unknownRole: never = role;
      throw new Error(`Unknown role ${String(unknownRole)}`);
    }
  }
}

/** Token verification guarantees the claim; a principal built by hand might not. */
function scopeClaim(value: string | undefined, claim: 'country' | 'org', role: Role): string {
  if (value === undefined) throw new Error(`A ${role} principal has no ${claim} claim`);
  return value;
}
