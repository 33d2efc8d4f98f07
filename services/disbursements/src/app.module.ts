import { DynamicModule, Module } from '@nestjs/common';
import { CommandServiceConfig, commandServiceInfrastructure } from '@eutf/service-runtime';
import { SERVICE_NAME } from './config';
import { ProjectFundingModule } from './project-funding/project-funding.module';
import { ProjectsSeenModule } from './projects-seen/projects-seen.module';

@Module({})
export class AppModule {
  static forConfig(config: CommandServiceConfig): DynamicModule {
    const projectsSeen = ProjectsSeenModule.forRoot({ schema: config.DATABASE_SCHEMA ?? SERVICE_NAME, topicNamespace: config.EUTF_TOPIC_NAMESPACE, logLevel: config.LOG_LEVEL });
    return {
      module: AppModule,
      imports: [...commandServiceInfrastructure(SERVICE_NAME, config), projectsSeen, ProjectFundingModule],
    };
  }
}
