import { assertCountryScope, assertOrgScope, hasRole, type Principal } from '@eutf/identity';
import { leadCountryOf } from '../read-models/project-register.projection';

/** Which partners' returns and reintegration figures a reader counts: those of a country's projects, of one partner, or both. */
export interface FigureScope {
  country?: string;
  partner?: string;
}

const HEADQUARTERS = ['hq-analyst', 'hq-finance', 'admin'] as const;
/** No country or organisation has this code: a token lacking its scope claim reads nothing rather than everything. */
const UNSCOPED = '';

/**
 * Narrows what a reader asked for to what it may read, before anything is read: headquarters
 * whatever it asks, an officer the projects their country leads, a partner only the figures its own
 * organisation reported (never a co-partner's, even on a shared project). Asking for another
 * country or organisation is refused (403), not quietly narrowed.
 */
export function figureScopeOf(principal: Principal, asked: FigureScope): FigureScope {
  if (HEADQUARTERS.some((role) => hasRole(principal, role))) return asked;
  if (hasRole(principal, 'delegation-officer')) {
    if (asked.country) assertCountryScope(principal, asked.country);
    return { ...asked, country: principal.country ?? UNSCOPED };
  }
  if (asked.partner) assertOrgScope(principal, asked.partner);
  return { ...asked, partner: principal.org ?? UNSCOPED };
}

/**
 * The projects whose figures count in a country's: those it leads. A project in several countries
 * counts in its lead country only (as in the factsheet and the consolidated report), so that a
 * participating country's figures, and a sum over countries, never count it twice.
 */
export function projectsLedBy(country: string, projects: ReadonlyArray<{ projectId: string; countries: readonly string[]; leadCountry?: string }>): Set<string> {
  return new Set(projects.filter((project) => project.countries.includes(country) && leadCountryOf(project) === country).map((project) => project.projectId));
}

/**
 * The documents inside a scope. A country's are those of the projects it leads (`projectsLedBy`,
 * from the register): a project the register does not know yet belongs to no country, so an
 * officer does not see it until it does.
 */
export function inFigureScope<Doc extends { projectId: string; partner: string }>(docs: readonly Doc[], scope: FigureScope, projectsOfCountry: ReadonlySet<string> | undefined): Doc[] {
  return docs.filter((doc) => (scope.partner === undefined || doc.partner === scope.partner) && (scope.country === undefined || (projectsOfCountry?.has(doc.projectId) ?? false)));
}
