import { Module } from '@nestjs/common';
import { ApproveResultRoute } from './approve-result/approve-result.route';
import { AssignReferenceRoute } from './assign-reference/assign-reference.route';
import { CloseProjectRoute } from './close-project/close-project.route';
import { CorrectMilestoneDueDateRoute } from './correct-milestone-due-date/correct-milestone-due-date.route';
import { DefineIndicatorRoute } from './define-indicator/define-indicator.route';
import { DefineMilestoneRoute } from './define-milestone/define-milestone.route';
import { DraftResultRoute } from './draft-result/draft-result.route';
import { EraseFreeTextRoute } from './erase-free-text/erase-free-text.route';
import { EutfReferenceReservation } from './eutf-reference-reservation/eutf-reference.reservation';
import { LockPeriodRoute } from './lock-period/lock-period.route';
import { ProjectHandler } from './project.handler';
import { ProjectHistoryRoute } from './project-history/project-history.route';
import { RecordMilestoneDelayRoute } from './record-milestone-delay/record-milestone-delay.route';
import { RecordMilestoneReachedRoute } from './record-milestone-reached/record-milestone-reached.route';
import { RegisterProjectRoute } from './register-project/register-project.route';
import { ResumeProjectRoute } from './resume-project/resume-project.route';
import { ReturnResultRoute } from './return-result/return-result.route';
import { StartImplementationRoute } from './start-implementation/start-implementation.route';
import { SubmitResultRoute } from './submit-result/submit-result.route';
import { SuspendProjectRoute } from './suspend-project/suspend-project.route';

/** The project's use cases, in the order of a project's life; each route is one folder. */
@Module({
  controllers: [
    RegisterProjectRoute,
    AssignReferenceRoute,
    StartImplementationRoute,
    SuspendProjectRoute,
    ResumeProjectRoute,
    CloseProjectRoute,
    DefineMilestoneRoute,
    RecordMilestoneReachedRoute,
    RecordMilestoneDelayRoute,
    CorrectMilestoneDueDateRoute,
    DefineIndicatorRoute,
    DraftResultRoute,
    SubmitResultRoute,
    ApproveResultRoute,
    ReturnResultRoute,
    LockPeriodRoute,
    EraseFreeTextRoute,
    ProjectHistoryRoute,
  ],
  providers: [ProjectHandler, EutfReferenceReservation],
})
export class ProjectModule {}
