import { Module } from '@nestjs/common';
import { AmendCommitmentRoute } from './amend-commitment/amend-commitment.route';
import { ApproveTrancheRoute } from './approve-tranche/approve-tranche.route';
import { EraseFreeTextRoute } from './erase-free-text/erase-free-text.route';
import { LedgerFreeTextsRoute } from './free-texts/ledger-free-texts.route';
import { FundingHistoryRoute } from './funding-history/funding-history.route';
import { PayTrancheRoute } from './pay-tranche/pay-tranche.route';
import { ProjectFundingHandler } from './project-funding.handler';
import { RecordCommitmentRoute } from './record-commitment/record-commitment.route';
import { RecoverFundsRoute } from './recover-funds/recover-funds.route';
import { RejectTrancheRoute } from './reject-tranche/reject-tranche.route';
import { ReportExpenditureRoute } from './report-expenditure/report-expenditure.route';
import { RequestTrancheRoute } from './request-tranche/request-tranche.route';
import { SignContractRoute } from './sign-contract/sign-contract.route';

/** A project's funding, from commitment to payment: each route is one folder, in the order money moves. */
@Module({
  controllers: [
    RecordCommitmentRoute,
    AmendCommitmentRoute,
    SignContractRoute,
    RequestTrancheRoute,
    ApproveTrancheRoute,
    RejectTrancheRoute,
    PayTrancheRoute,
    RecoverFundsRoute,
    ReportExpenditureRoute,
    FundingHistoryRoute,
    LedgerFreeTextsRoute,
    EraseFreeTextRoute,
  ],
  providers: [ProjectFundingHandler],
})
export class ProjectFundingModule {}
