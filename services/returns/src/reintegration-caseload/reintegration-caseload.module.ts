import { Module } from '@nestjs/common';
import { AbandonReintegrationRoute } from './abandon-reintegration/abandon-reintegration.route';
import { ApproveReintegrationPlanRoute } from './approve-reintegration-plan/approve-reintegration-plan.route';
import { CompleteReintegrationRoute } from './complete-reintegration/complete-reintegration.route';
import { ImportReintegrationCasesRoute } from './import-reintegration-cases/import-reintegration-cases.route';
import { RecordReintegrationAssistanceRoute } from './record-reintegration-assistance/record-reintegration-assistance.route';
import { RegisterReintegrationCasesRoute } from './register-reintegration-cases/register-reintegration-cases.route';
import { ReportPeriodReintegrationRoute } from './report-period-reintegration/report-period-reintegration.route';

/** A partner's reintegration caseload under a project, in the order of a case's life, then period reports. */
@Module({
  controllers: [
    RegisterReintegrationCasesRoute,
    ImportReintegrationCasesRoute,
    ApproveReintegrationPlanRoute,
    RecordReintegrationAssistanceRoute,
    CompleteReintegrationRoute,
    AbandonReintegrationRoute,
    ReportPeriodReintegrationRoute,
  ],
})
export class ReintegrationCaseloadModule {}
