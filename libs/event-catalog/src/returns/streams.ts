import { streamKind } from '../shared/stream-id';

/**
 * A partner's returns under one project: its return operations and its period returns reports.
 * They share one stream because the rule that no return is counted twice spans both.
 * Keyed `{projectId}~{org}` (see `partnerProjectKey`).
 */
export const projectReturnsStream = streamKind('project-returns-');
/**
 * A partner's reintegration cases under one project: one stream, so that a file of cases is
 * registered whole or not at all, and a case is registered once.
 */
export const reintegrationCaseloadStream = streamKind('reintegration-caseload-');

/** The key of a partner's stream under a project; `~` appears in neither a project id nor an org id. */
export const partnerProjectKey = (projectId: string, org: string) => `${projectId}~${org}`;
export const parsePartnerProjectKey = (key: string): { projectId: string; org: string } | null => {
  const at = key.lastIndexOf('~');
  return at > 0 && at < key.length - 1 ? { projectId: key.slice(0, at), org: key.slice(at + 1) } : null;
};
