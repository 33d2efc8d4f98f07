import { ProjectRegistered } from '@eutf/event-catalog';
import { assertCountryScope } from '@eutf/identity';
import { CommandEndpoint, CommandRequest, type CommandInput } from '@eutf/http-api';
import { documentedRules } from '@eutf/projects-domain';
import { ProjectHandler } from '../project.handler';
import { PROJECT_EXAMPLE, ProjectRoute } from '../project.route';
import { registerProjectBody, type RegisterProjectRequest } from './register-project.request';

const { projectId: _projectId, ...example } = ProjectRegistered.example;

@ProjectRoute()
export class RegisterProjectRoute {
  constructor(private readonly projects: ProjectHandler) {}

  @CommandEndpoint({
    path: '',
    status: 201,
    role: 'delegation-officer',
    summary: 'Register an EUTF project, or an action known so far only from documents',
    description:
      'A project with an EUTF reference is known by it. An action whose reference is not known yet is registered with `reference: null` and a provisional `projectId` (lower case); its reference is assigned later. A project in several countries names its `leadCountry` (one of `countries`, required then; a project in one country is led by it): only the lead country\'s officer registers and manages it, the participating countries\' officers read it, and the reports count its money and results in the lead country only. Facts the sources do not give (window, amount, partners, dates) are null, and dates may be as vague as YYYY-MM or YYYY.',
    body: registerProjectBody,
    example,
    rules: documentedRules('officer-out-of-country', 'officer-not-lead-country', 'lead-country-not-listed', 'project-already-registered', 'reference-taken', 'project-dates-inverted'),
    streamId: PROJECT_EXAMPLE.streamId,
  })
  register(@CommandRequest() input: CommandInput<Record<string, never>, RegisterProjectRequest>) {
    const { projectId: provisionalId, leadCountry, ...listed } = input.body;
    const data = { ...listed, leadCountry: leadCountry ?? (listed.countries[0] as string) };
    // The officer's country must be one of the project's: checked on the request, before any state.
    if (!(data.countries as readonly string[]).includes(input.principal.country ?? '')) assertCountryScope(input.principal, data.countries[0] as string);
    const projectId = data.reference ?? (provisionalId as string);
    input.setLocation(`/projects/${projectId}`);
    const decision = { type: 'RegisterProject', ...data, projectId } as const;
    return data.reference === null ? this.projects.run(projectId, decision, input) : this.projects.runReserving(data.reference, projectId, decision, input);
  }
}
