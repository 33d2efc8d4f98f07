import { Module } from '@nestjs/common';
import { CancelReturnOperationRoute } from './cancel-return-operation/cancel-return-operation.route';
import { ConfirmReturnArrivalRoute } from './confirm-return-arrival/confirm-return-arrival.route';
import { RegisterReturnOperationRoute } from './register-return-operation/register-return-operation.route';
import { ReportPeriodReturnsRoute } from './report-period-returns/report-period-returns.route';

/** A partner's returns under a project: operations in the order of their life, then period reports. */
@Module({ controllers: [RegisterReturnOperationRoute, ConfirmReturnArrivalRoute, CancelReturnOperationRoute, ReportPeriodReturnsRoute] })
export class ProjectReturnsModule {}
