import { DynamicModule, Module } from '@nestjs/common';
import { ReadModelServiceConfig, readModelServiceInfrastructure, tokenVerification } from '@eutf/service-runtime';
import { SERVICE_NAME } from './config';
import { PROJECTS_FREE_TEXTS, ProjectsFreeTexts } from './free-texts/projects-free-texts.client';
import { ConsolidatedReportHttpController } from './queries/consolidated-report.http.controller';
import { ReadModelQueries } from './queries/read-model.queries';
import { FinanceHttpController } from './finance/finance.http.controller';
import { IatiHttpController } from './queries/iati.http.controller';
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
      controllers: [ReportsHttpController, ConsolidatedReportHttpController, PeriodClosuresHttpController, FinanceHttpController, ReturnsHttpController, ReportLinksHttpController, IatiHttpController],
      providers: [ReadModelQueries, PeriodClosuresStore, HeadquartersReports, { provide: PROJECTS_FREE_TEXTS, useValue: new ProjectsFreeTexts({ baseUrl: config.EUTF_PROJECTS_URL, credential: serviceCredential(config) }) }],
    };
  }
}

/** What the reporting service shows the projects service: its own token, or one it mints with the development secret. */
function serviceCredential(config: ReadModelServiceConfig) {
  if (config.EUTF_SERVICE_TOKEN) return { token: config.EUTF_SERVICE_TOKEN };
  const verification = tokenVerification(config);
  return verification.kind === 'development' ? { developmentSecret: verification.secret } : undefined;
}
