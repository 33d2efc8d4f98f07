import type { Role } from '@eutf/identity';
import { loadConfig } from '@eutf/service-runtime';
import { commandServiceForSpec, officer, partner, tokenFor, type CommandServiceUnderTest } from '@eutf/service-testing';
import { AppModule } from '../app.module';
import { environment } from '../config';

export { officer, partner, tokenFor };
/** A token for one role, scoped to Mali (officer) or IOM (partner) where the role needs a scope. */
export const tokenAs = (role: Role) => tokenFor([role], role === 'delegation-officer' ? { country: 'ML' } : role === 'implementing-partner' ? { org: 'IOM' } : {});

export type ProjectsApp = CommandServiceUnderTest;

/** The projects service in this process, in a schema of its own (see `commandServiceForSpec`). */
export const projectsAppForSpec = (name: string): ProjectsApp =>
  commandServiceForSpec(`projects_${name}`, (variables) => AppModule.forConfig(loadConfig(environment, variables)));

/** A project of Mali under its EUTF reference, IOM implementing (factsheet 000_…). */
export const registrationOf = (reference: string) => ({
  reference,
  title: 'Strengthening the management and governance of migration and the return and reintegration of migrants in Mali',
  window: 'SAH',
  countries: ['ML'],
  implementingPartners: ['IOM'],
  euContributionCents: 15_000_000_00,
  startDate: '2017-04-01',
  endDate: '2020-03-31',
  objectives: { eutfStrategicObjectives: [3], vallettaDomains: [5], gcmObjectives: [21], ponamAxes: [] },
});

/** An action known only from documents, under a provisional id. */
export const provisionalRegistration = (projectId: string) => ({
  reference: null,
  projectId,
  title: `Action ${projectId}`,
  countries: ['ML'],
  objectives: { eutfStrategicObjectives: [], vallettaDomains: [], gcmObjectives: [], ponamAxes: [] },
});
