import { hasRole, type Principal } from '@eutf/identity';
import type { ReportResult } from '../read-models/project-register.projection';

/**
 * What of a project a reader sees. Headquarters and the officers of its countries see it whole.
 * A partner among several sees the approved results, which count in reports anyway, and its own
 * results in every state; another partner's results waiting for approval or returned for revision,
 * with the officer's reasons, are between that partner and the officer.
 */
export function projectAsSeenBy<Project extends { countries: readonly string[]; results: ReadonlyArray<Pick<ReportResult, 'status' | 'reportingOrg'>> }>(principal: Principal, project: Project): Project {
  const wholly =
    hasRole(principal, 'hq-analyst') ||
    hasRole(principal, 'hq-finance') ||
    hasRole(principal, 'admin') ||
    (hasRole(principal, 'delegation-officer') && project.countries.includes(principal.country ?? ''));
  if (wholly) return project;
  const own = (reportingOrg: string | null) => reportingOrg !== null && reportingOrg === principal.org;
  return { ...project, results: project.results.filter((result) => result.status === 'approved' || own(result.reportingOrg)) };
}
