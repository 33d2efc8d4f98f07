import { Body, Controller, HttpCode, Inject, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  IndicatorDefined,
  MilestoneDefined,
  MilestoneDelayed,
  MilestoneReached,
  ProjectClosed,
  ProjectImplementationStarted,
  ProjectReferenceAssigned,
  ProjectRegistered,
  ProjectSuspended,
  ReportingPeriodLocked,
  ResultReturnedForRevision,
  ResultSubmitted,
  eutfReferenceStream,
  projectStream,
  projectsCatalog,
} from '@eutf/event-catalog';
import { DomainRuleViolation, EVENT_STORE, commandHandler, commandPreview, type EventStore } from '@eutf/event-sourcing';
import { CurrentPrincipal, Roles, actorOf, assertCountryScope, type Principal, type Role } from '@eutf/identity';
import { ApiCommandRoute, ProblemException, answer, commandContextOf, idempotencyKeyOf, openApiBody, parseWith } from '@eutf/platform';
import {
  documentedRules,
  eutfReferenceDecider,
  projectDecider,
  refuse,
  type ProjectCommand,
  type ProjectsRule,
} from '@eutf/projects-domain';
import type { Request, Response } from 'express';
import {
  assignReferenceBody,
  closeProjectBody,
  defineIndicatorBody,
  defineMilestoneBody,
  identifierParam,
  lockPeriodBody,
  milestoneDelayedBody,
  milestoneReachedBody,
  projectIdParam,
  registerProjectBody,
  resultBody,
  returnResultBody,
  startImplementationBody,
  suspendProjectBody,
} from './project.requests';

const streamIdOf = projectStream.id;

// Request examples, from the events' own examples.
const PROJECT_STREAM = streamIdOf(ProjectRegistered.example.projectId);
const { projectId: _projectId, ...registrationExample } = ProjectRegistered.example;
const { resultId: _resultId, ...resultExample } = ResultSubmitted.example;

/** Documents a project command: its receipt, headers and problems, with the rules it may break. */
const ApiProjectCommand = (status: 200 | 201, ...rules: ProjectsRule[]) => ApiCommandRoute({ status, streamId: PROJECT_STREAM, rules: documentedRules(...rules) });

/** A command as a route builds it; the actor and the date are added in one place. */
type Decision = ProjectCommand extends infer C ? (C extends unknown ? Omit<C, 'actor' | 'today'> : never) : never;

/**
 * The projects' commands over HTTP. Thin: validate (400), check the role (guard) and the scope
 * that needs no state (403), then hand over to the one command handler; the decider says the rest.
 */
@ApiTags('projects')
@Controller('projects')
export class ProjectHttpController {
  private readonly handle;
  private readonly preview;
  private readonly handleReference;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {
    const catalog = projectsCatalog();
    this.handle = commandHandler(projectDecider, { store, catalog });
    this.preview = commandPreview(projectDecider, { store, catalog });
    this.handleReference = commandHandler(eutfReferenceDecider, { store, catalog });
  }

  /**
   * Runs a command that gives a project its EUTF reference. The reference is reserved for the
   * project first, on the reference's own stream, and given up again if the project's command is
   * refused: two projects never share a reference, even when two officers try at once.
   */
  private async withReference(request: Request, response: Response, principal: Principal, reference: string, projectId: string, command: Decision) {
    // A retried request (its Idempotency-Key is recorded) gets its first answer, untouched.
    const key = idempotencyKeyOf(request);
    if (key && (await this.store.findIdempotencyRecord(key))) return this.run(request, response, principal, 'delegation-officer', projectId, command);
    // A command refused anyway (out of scope, already registered, …) reserves nothing: no trace.
    const preview = await this.preview(streamIdOf(projectId), this.full(principal, 'delegation-officer', command, new Date()));
    if (preview instanceof DomainRuleViolation) throw ProblemException.fromViolation(preview);
    const now = new Date();
    // The request's Idempotency-Key and If-Match are for the project's stream, not this one.
    const context = { metadata: commandContextOf(request, actorOf(principal, 'delegation-officer'), now).metadata, now };
    // A project registered under this reference holds it, reservation or not.
    if (reference !== projectId && (await this.store.readStream(streamIdOf(reference), { maxCount: 1 })).streamVersion !== null) {
      throw ProblemException.fromViolation(refuse('reference-taken', `${reference} is the reference of project ${reference}`));
    }
    const referenceStream = eutfReferenceStream.id(reference);
    const reserved = await this.handleReference(referenceStream, { type: 'ReserveEutfReference', reference, projectId }, context);
    if (reserved instanceof DomainRuleViolation) throw ProblemException.fromViolation(reserved);
    try {
      return await this.run(request, response, principal, 'delegation-officer', projectId, command);
    } catch (error) {
      if (reserved.eventIds.length > 0) await this.handleReference(referenceStream, { type: 'ReleaseEutfReference', reference, projectId }, context);
      throw error;
    }
  }

  /** The command with its actor and its date. */
  private full(principal: Principal, role: Role, command: Decision, now: Date): ProjectCommand {
    const actor = actorOf(principal, role);
    return { ...command, actor: { role, country: actor.country, org: actor.org }, today: now.toISOString().slice(0, 10) } as ProjectCommand;
  }

  private async run(request: Request, response: Response, principal: Principal, role: Role, projectId: string, command: Decision) {
    const now = new Date();
    const context = commandContextOf(request, actorOf(principal, role), now);
    return answer(response, await this.handle(streamIdOf(projectId), this.full(principal, role, command, now), context));
  }

  @Post()
  @HttpCode(201)
  @Roles('delegation-officer')
  @ApiOperation({
    summary: 'Register an EUTF project, or an action known so far only from documents',
    description:
      'A project with an EUTF reference is known by it. An action whose reference is not known yet is registered with `reference: null` and a provisional `projectId` (lower case); its reference is assigned later. Facts the sources do not give (window, amount, partners, dates) are null, and dates may be as vague as YYYY-MM or YYYY.',
  })
  @ApiProjectCommand(201, 'officer-out-of-country', 'project-already-registered', 'reference-taken', 'project-dates-inverted')
  @ApiBody(openApiBody(registerProjectBody, registrationExample))
  async register(@Req() request: Request, @Res({ passthrough: true }) response: Response, @CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const { projectId: provisionalId, ...data } = parseWith(registerProjectBody, body);
    // The officer's country must be one of the project's: checked on the request, before any state.
    if (!data.countries.includes(principal.country ?? '')) assertCountryScope(principal, data.countries[0] as string);
    const projectId = data.reference ?? (provisionalId as string);
    response.setHeader('Location', `/projects/${projectId}`);
    const command: Decision = { type: 'RegisterProject', ...data, projectId };
    return data.reference === null
      ? this.run(request, response, principal, 'delegation-officer', projectId, command)
      : this.withReference(request, response, principal, data.reference, projectId, command);
  }

  @Post(':projectId/reference-assignment')
  @HttpCode(200)
  @Roles('delegation-officer')
  @ApiOperation({ summary: 'Give a project registered without an EUTF reference its reference (it keeps its id)' })
  @ApiParam({ name: 'projectId', example: 'ml-eu-iom-joint-initiative' })
  @ApiCommandRoute({ status: 200, streamId: 'project-ml-eu-iom-joint-initiative', rules: documentedRules('reference-already-assigned', 'reference-taken', 'project-not-registered') })
  @ApiBody(openApiBody(assignReferenceBody, ProjectReferenceAssigned.example))
  assignReference(@Req() req: Request, @Res({ passthrough: true }) res: Response, @CurrentPrincipal() principal: Principal, @Param('projectId') id: string, @Body() body: unknown) {
    const projectId = parseWith(projectIdParam, id, 'params');
    const { reference } = parseWith(assignReferenceBody, body);
    return this.withReference(req, res, principal, reference, projectId, { type: 'AssignEutfReference', reference });
  }

  @Post(':projectId/implementation-start')
  @HttpCode(200)
  @Roles('delegation-officer')
  @ApiOperation({ summary: 'Record that implementation began (IATI activity status 2); the date may be YYYY-MM or YYYY' })
  @ApiParam({ name: 'projectId', example: 'T05-EUTF-SAH-ML-07' })
  @ApiProjectCommand(200, 'implementation-already-started')
  @ApiBody(openApiBody(startImplementationBody, ProjectImplementationStarted.example))
  start(@Req() req: Request, @Res({ passthrough: true }) res: Response, @CurrentPrincipal() principal: Principal, @Param('projectId') id: string, @Body() body: unknown) {
    const projectId = parseWith(projectIdParam, id, 'params');
    return this.run(req, res, principal, 'delegation-officer', projectId, { type: 'StartImplementation', ...parseWith(startImplementationBody, body) });
  }

  @Post(':projectId/suspension')
  @HttpCode(200)
  @Roles('delegation-officer')
  @ApiOperation({ summary: 'Suspend implementation, saying why (IATI activity status 6)' })
  @ApiProjectCommand(200, 'only-implementation-suspends')
  @ApiBody(openApiBody(suspendProjectBody, { reason: ProjectSuspended.example.reason }))
  suspend(@Req() req: Request, @Res({ passthrough: true }) res: Response, @CurrentPrincipal() principal: Principal, @Param('projectId') id: string, @Body() body: unknown) {
    return this.run(req, res, principal, 'delegation-officer', parseWith(projectIdParam, id, 'params'), { type: 'SuspendProject', ...parseWith(suspendProjectBody, body) });
  }

  @Post(':projectId/resumption')
  @HttpCode(200)
  @Roles('delegation-officer')
  @ApiOperation({ summary: 'Resume a suspended project' })
  @ApiProjectCommand(200, 'project-not-suspended')
  resume(@Req() req: Request, @Res({ passthrough: true }) res: Response, @CurrentPrincipal() principal: Principal, @Param('projectId') id: string) {
    return this.run(req, res, principal, 'delegation-officer', parseWith(projectIdParam, id, 'params'), { type: 'ResumeProject' });
  }

  @Post(':projectId/closure')
  @HttpCode(200)
  @Roles('delegation-officer')
  @ApiOperation({ summary: 'Close the project: nothing more is reported on it' })
  @ApiProjectCommand(200, 'project-already-closed')
  @ApiBody(openApiBody(closeProjectBody, ProjectClosed.example))
  close(@Req() req: Request, @Res({ passthrough: true }) res: Response, @CurrentPrincipal() principal: Principal, @Param('projectId') id: string, @Body() body: unknown) {
    return this.run(req, res, principal, 'delegation-officer', parseWith(projectIdParam, id, 'params'), { type: 'CloseProject', ...parseWith(closeProjectBody, body) });
  }

  @Post(':projectId/milestones')
  @HttpCode(201)
  @Roles('delegation-officer')
  @ApiOperation({ summary: 'Define a milestone the project is to reach by a date' })
  @ApiProjectCommand(201, 'milestone-already-defined', 'project-closed')
  @ApiBody(openApiBody(defineMilestoneBody, MilestoneDefined.example))
  defineMilestone(@Req() req: Request, @Res({ passthrough: true }) res: Response, @CurrentPrincipal() principal: Principal, @Param('projectId') id: string, @Body() body: unknown) {
    const data = parseWith(defineMilestoneBody, body);
    return this.run(req, res, principal, 'delegation-officer', parseWith(projectIdParam, id, 'params'), { type: 'DefineMilestone', ...data });
  }

  @Post(':projectId/milestones/:milestoneId/reached')
  @HttpCode(200)
  @Roles('delegation-officer')
  @ApiOperation({ summary: 'Record that a milestone was reached, with links to the evidence' })
  @ApiProjectCommand(200, 'milestone-already-reached', 'milestone-not-defined')
  @ApiBody(openApiBody(milestoneReachedBody, { reachedOn: MilestoneReached.example.reachedOn, evidenceLinks: MilestoneReached.example.evidenceLinks }))
  milestoneReached(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @CurrentPrincipal() principal: Principal,
    @Param('projectId') id: string,
    @Param('milestoneId') milestoneId: string,
    @Body() body: unknown,
  ) {
    return this.run(req, res, principal, 'delegation-officer', parseWith(projectIdParam, id, 'params'), {
      type: 'RecordMilestoneReached',
      milestoneId: parseWith(identifierParam, milestoneId, 'params'),
      ...parseWith(milestoneReachedBody, body),
    });
  }

  @Post(':projectId/milestones/:milestoneId/delays')
  @HttpCode(200)
  @Roles('delegation-officer')
  @ApiOperation({ summary: 'Move a milestone to a later date, saying why' })
  @ApiProjectCommand(200, 'milestone-already-reached', 'milestone-not-defined')
  @ApiBody(openApiBody(milestoneDelayedBody, { newDueDate: MilestoneDelayed.example.newDueDate, reason: MilestoneDelayed.example.reason }))
  milestoneDelayed(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @CurrentPrincipal() principal: Principal,
    @Param('projectId') id: string,
    @Param('milestoneId') milestoneId: string,
    @Body() body: unknown,
  ) {
    return this.run(req, res, principal, 'delegation-officer', parseWith(projectIdParam, id, 'params'), {
      type: 'RecordMilestoneDelayed',
      milestoneId: parseWith(identifierParam, milestoneId, 'params'),
      ...parseWith(milestoneDelayedBody, body),
    });
  }

  @Post(':projectId/indicators')
  @HttpCode(201)
  @Roles('delegation-officer')
  @ApiOperation({ summary: 'Define an indicator, optionally mapped to an EUTF common output indicator; baseline and target may be unset (null)' })
  @ApiProjectCommand(201, 'indicator-already-defined', 'project-closed')
  @ApiBody(openApiBody(defineIndicatorBody, IndicatorDefined.example))
  defineIndicator(@Req() req: Request, @Res({ passthrough: true }) res: Response, @CurrentPrincipal() principal: Principal, @Param('projectId') id: string, @Body() body: unknown) {
    const data = parseWith(defineIndicatorBody, body);
    return this.run(req, res, principal, 'delegation-officer', parseWith(projectIdParam, id, 'params'), { type: 'DefineIndicator', ...data });
  }

  @Put(':projectId/results/:resultId/draft')
  @Roles('implementing-partner')
  @ApiOperation({ summary: "Save a draft result (the partner's own; reports never show drafts)" })
  @ApiProjectCommand(200, 'partner-only', 'result-period-locked', 'result-already-approved', 'partner-not-implementing', 'indicator-not-defined')
  @ApiBody(openApiBody(resultBody, resultExample))
  draft(@Req() req: Request, @Res({ passthrough: true }) res: Response, @CurrentPrincipal() principal: Principal, @Param('projectId') id: string, @Param('resultId') resultId: string, @Body() body: unknown) {
    const data = parseWith(resultBody, body);
    return this.run(req, res, principal, 'implementing-partner', parseWith(projectIdParam, id, 'params'), {
      type: 'DraftResult',
      resultId: parseWith(identifierParam, resultId, 'params'),
      ...data,
    });
  }

  @Post(':projectId/results/:resultId/submission')
  @HttpCode(200)
  @Roles('implementing-partner')
  @ApiOperation({ summary: 'Submit a result for approval (new, or revised after it was returned)' })
  @ApiProjectCommand(200, 'partner-only', 'result-period-locked', 'result-pending-approval', 'result-exists-for-period', 'partner-not-implementing', 'disaggregation-does-not-add-up', 'open-period-needs-cumulative-indicator')
  @ApiBody(openApiBody(resultBody, resultExample))
  submit(@Req() req: Request, @Res({ passthrough: true }) res: Response, @CurrentPrincipal() principal: Principal, @Param('projectId') id: string, @Param('resultId') resultId: string, @Body() body: unknown) {
    const data = parseWith(resultBody, body);
    return this.run(req, res, principal, 'implementing-partner', parseWith(projectIdParam, id, 'params'), {
      type: 'SubmitResult',
      resultId: parseWith(identifierParam, resultId, 'params'),
      ...data,
    });
  }

  @Post(':projectId/results/:resultId/approval')
  @HttpCode(200)
  @Roles('delegation-officer')
  @ApiOperation({ summary: 'Approve a submitted result: only approved results count in reports' })
  @ApiProjectCommand(200, 'officer-out-of-country', 'result-not-pending', 'result-not-found')
  approve(@Req() req: Request, @Res({ passthrough: true }) res: Response, @CurrentPrincipal() principal: Principal, @Param('projectId') id: string, @Param('resultId') resultId: string) {
    return this.run(req, res, principal, 'delegation-officer', parseWith(projectIdParam, id, 'params'), { type: 'ApproveResult', resultId: parseWith(identifierParam, resultId, 'params') });
  }

  @Post(':projectId/results/:resultId/return')
  @HttpCode(200)
  @Roles('delegation-officer')
  @ApiOperation({ summary: 'Return a submitted result to the partner for revision, saying why' })
  @ApiProjectCommand(200, 'result-not-pending', 'result-not-found')
  @ApiBody(openApiBody(returnResultBody, { reason: ResultReturnedForRevision.example.reason }))
  returnForRevision(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @CurrentPrincipal() principal: Principal,
    @Param('projectId') id: string,
    @Param('resultId') resultId: string,
    @Body() body: unknown,
  ) {
    return this.run(req, res, principal, 'delegation-officer', parseWith(projectIdParam, id, 'params'), {
      type: 'ReturnResultForRevision',
      resultId: parseWith(identifierParam, resultId, 'params'),
      ...parseWith(returnResultBody, body),
    });
  }

  @Post(':projectId/locked-periods')
  @HttpCode(201)
  @Roles('delegation-officer')
  @ApiOperation({ summary: 'Lock a reporting period: nothing more is submitted for it' })
  @ApiProjectCommand(201, 'period-already-locked')
  @ApiBody(openApiBody(lockPeriodBody, ReportingPeriodLocked.example))
  lockPeriod(@Req() req: Request, @Res({ passthrough: true }) res: Response, @CurrentPrincipal() principal: Principal, @Param('projectId') id: string, @Body() body: unknown) {
    return this.run(req, res, principal, 'delegation-officer', parseWith(projectIdParam, id, 'params'), { type: 'LockReportingPeriod', ...parseWith(lockPeriodBody, body) });
  }
}
