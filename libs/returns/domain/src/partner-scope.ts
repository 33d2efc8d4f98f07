import type { DomainRuleViolation } from '@eutf/event-sourcing';
import type { CommandActor, ProjectFacts } from './returns.commands';
import { refuse } from './returns.rules';

/** The acting partner's organisation, when it implements the project; else the rule it breaks. */
export function implementingPartner(actor: CommandActor, project: ProjectFacts | null, projectId: string): string | DomainRuleViolation {
  if (actor.role !== 'implementing-partner' || !actor.org) return refuse('partner-only', 'Only an implementing partner registers returns and reintegration');
  // A project the partner does not implement is answered as one never registered: a refusal of its
  // own would tell any partner which projects exist.
  if (!project || !project.implementingPartners.includes(actor.org)) return refuse('project-not-known', `No project ${projectId} is registered`);
  return actor.org;
}

/** New records go only under an open project; what is already recorded may still be followed up. */
export const openProject = (project: ProjectFacts, projectId: string): DomainRuleViolation | undefined =>
  project.status === 'closed' ? refuse('project-closed', `Project ${projectId} is closed`) : undefined;

export const notAfterToday = (date: string, today: string, what: string): DomainRuleViolation | undefined =>
  date > today ? refuse('date-in-the-future', `The ${what} (${date}) is after today (${today})`) : undefined;
