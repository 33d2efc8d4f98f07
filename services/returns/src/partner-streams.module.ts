import { Global, Module, type DynamicModule } from '@nestjs/common';
import { PartnerIdsModule } from './partner-ids/partner-ids.module';
import type { PartnerIdKeys } from './partner-ids/partner-id-keys';
import { PartnerStreamsHandler } from './partner-streams.handler';
import { ProjectsViewModule, type ProjectsViewOptions } from './projects-view/projects-view.module';

/** What every route of the service uses: the partner's streams, the projects view, the keyed hash of partners' ids. */
@Global()
@Module({})
export class PartnerStreamsModule {
  static forRoot(options: { projectsView: ProjectsViewOptions; keys: PartnerIdKeys }): DynamicModule {
    return {
      module: PartnerStreamsModule,
      imports: [ProjectsViewModule.forRoot(options.projectsView), PartnerIdsModule.forRoot(options.keys)],
      providers: [PartnerStreamsHandler],
      // The projects view too: the audit trail reads it to know whose streams a reader may see.
      exports: [PartnerStreamsHandler, ProjectsViewModule],
    };
  }
}
