import { DynamicModule, Module } from '@nestjs/common';
import { commandServiceInfrastructure } from '@eutf/service-runtime';
import { SERVICE_NAME, type ReturnsConfig } from './config';
import { partnerIdKeysOf } from './partner-ids/partner-id-keys';
import { PartnerStreamsModule } from './partner-streams.module';
import { ProjectReturnsModule } from './project-returns/project-returns.module';
import { ReintegrationCaseloadModule } from './reintegration-caseload/reintegration-caseload.module';

@Module({})
export class AppModule {
  static forConfig(config: ReturnsConfig): DynamicModule {
    const schema = config.DATABASE_SCHEMA ?? SERVICE_NAME;
    return {
      module: AppModule,
      imports: [
        ...commandServiceInfrastructure(SERVICE_NAME, config),
        PartnerStreamsModule.forRoot({
          // Its view of projects lives beside its event store, in a schema of its own.
          projectsView: { schema: `${schema}_projects_view`, topicNamespace: config.EUTF_TOPIC_NAMESPACE, logLevel: config.LOG_LEVEL },
          keys: partnerIdKeysOf(config),
        }),
        ProjectReturnsModule,
        ReintegrationCaseloadModule,
      ],
    };
  }
}
