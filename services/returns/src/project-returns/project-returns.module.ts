import { Module } from '@nestjs/common';
import { CancelReturnOperationRoute } from './cancel-return-operation/cancel-return-operation.route';
import { ImportMonthlyReturnsRoute } from './import-monthly-returns/import-monthly-returns.route';
import { ConfirmReturnArrivalRoute } from './confirm-return-arrival/confirm-return-arrival.route';
import { RegisterReturnOperationRoute } from './register-return-operation/register-return-operation.route';
import { ReportPeriodReturnsRoute } from './report-period-returns/report-period-returns.route';
import { ReturnsHistoryRoute } from './returns-history/returns-history.route';

/** A partner's returns under a project: operations in the order of their life, then period reports, one by one or a spreadsheet of them; and their audit trail. */
@Module({ controllers: [RegisterReturnOperationRoute, ConfirmReturnArrivalRoute, CancelReturnOperationRoute, ReportPeriodReturnsRoute, ImportMonthlyReturnsRoute, ReturnsHistoryRoute] })
export class ProjectReturnsModule {}
