import { DynamicModule, Module } from '@nestjs/common';
import { ReadModelServiceConfig, readModelServiceInfrastructure } from '@eutf/service-runtime';
import { SERVICE_NAME } from './config';
import { ConsolidatedReportHttpController } from './queries/consolidated-report.http.controller';
import { ReadModelQueries } from './queries/read-model.queries';
import { FinanceHttpController } from './finance/finance.http.controller';
import { ReportsHttpController } from './queries/reports.http.controller';
import { HeadquartersReports } from './period-close/headquarters-reports';
import { PeriodClosuresHttpController } from './period-close/period-closures.http.controller';
import { PeriodClosuresStore } from './period-close/period-closures.store';
import { ReadModelsModule } from './read-models/read-models.module';
import { ReportLinksHttpController } from './report-links/report-links.http.controller';
import { ReturnsHttpController } from './returns/returns.http.controller';

@Module({})
export class AppModule {
  static forConfig(config: ReadModelServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [...readModelServiceInfrastructure(SERVICE_NAME, config), ReadModelsModule.forRoot({ consumerGroupPrefix: config.CONSUMER_GROUP_PREFIX ?? SERVICE_NAME, topicNamespace: config.EUTF_TOPIC_NAMESPACE, logLevel: config.LOG_LEVEL })],
      controllers: [ReportsHttpController, ConsolidatedReportHttpController, PeriodClosuresHttpController, FinanceHttpController, ReturnsHttpController, ReportLinksHttpController],
      providers: [ReadModelQueries, PeriodClosuresStore, HeadquartersReports],
    };
  }
}
