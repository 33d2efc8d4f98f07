import { Module } from '@nestjs/common';
import { CompleteNextStepRoute } from './complete-next-step/complete-next-step.route';
import { CountryPartnershipHandler } from './country-partnership.handler';
import { RecordEuSupportMeasureRoute } from './record-eu-support-measure/record-eu-support-measure.route';
import { RecordHighLevelEngagementRoute } from './record-high-level-engagement/record-high-level-engagement.route';
import { RecordKeyProgressRoute } from './record-key-progress/record-key-progress.route';
import { SetNextStepRoute } from './set-next-step/set-next-step.route';

/** A country's partnership record (factsheet 000_…): engagement, key progress, EU support, next steps. */
@Module({
  controllers: [RecordHighLevelEngagementRoute, RecordKeyProgressRoute, RecordEuSupportMeasureRoute, SetNextStepRoute, CompleteNextStepRoute],
  providers: [CountryPartnershipHandler],
})
export class CountryPartnershipModule {}
