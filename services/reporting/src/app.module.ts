import { DynamicModule, Module } from '@nestjs/common';
import { ReadModelServiceConfig, readModelServiceInfrastructure } from '@eutf/service-runtime';
import { SERVICE_NAME } from './config';
import { ReadModelQueries } from './queries/read-model.queries';
import { ReportsHttpController } from './queries/reports.http.controller';
import { ReadModelsModule } from './read-models/read-models.module';

@Module({})
export class AppModule {
  static forConfig(config: ReadModelServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [...readModelServiceInfrastructure(SERVICE_NAME, config), ReadModelsModule.forRoot(config.CONSUMER_GROUP_PREFIX ?? SERVICE_NAME)],
      controllers: [ReportsHttpController],
      providers: [ReadModelQueries],
    };
  }
}
