import { Inject, Injectable, Logger, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { projectsCatalog } from '@eutf/event-catalog';
import { KAFKA } from '@eutf/messaging';
import { PROJECTION_STORES, ProjectionRunner, ProjectionStoresModule, type ProjectionStores } from '@eutf/projections';
import type { ProjectFacts } from '@eutf/returns-domain';
import type { Kafka } from 'kafkajs';
import { projectsViewProjection, type ProjectView } from './projects-view.projection';

export interface ProjectsViewOptions {
  /** The PostgreSQL schema of the view: the service's own schema, suffixed. */
  schema: string;
  /** Its consumer group. */
  groupId: string;
  topicNamespace: string | undefined;
  logLevel: string;
}

const PROJECTS_VIEW_OPTIONS = Symbol('PROJECTS_VIEW_OPTIONS');

/**
 * Which partner implements which project, as the returns rules need it: kept up to date from the
 * projects topic while the service runs (consumption retries while Kafka is away).
 */
@Injectable()
export class ProjectsView implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ProjectsView');
  private readonly runner: ProjectionRunner<ProjectView>;
  private readonly stores: ProjectionStores;
  private stopped = false;
  private starting: Promise<void> | undefined;

  constructor(@Inject(KAFKA) kafka: Kafka, @Inject(PROJECTION_STORES) stores: ProjectionStores, @Inject(PROJECTS_VIEW_OPTIONS) options: ProjectsViewOptions) {
    this.stores = stores;
    this.runner = new ProjectionRunner({
      projection: projectsViewProjection,
      kafka,
      store: stores.of(projectsViewProjection),
      catalog: projectsCatalog(),
      groupId: options.groupId,
      topicNamespace: options.topicNamespace,
      logLevel: options.logLevel,
    });
  }

  /** The project as far as the service has seen it, or null. */
  async factsOf(projectId: string): Promise<ProjectFacts | null> {
    const view = await this.stores.of(projectsViewProjection).get(projectId);
    return view ? { countries: view.countries, implementingPartners: view.implementingPartners, status: view.status } : null;
  }

  onApplicationBootstrap(): void {
    this.starting = this.startUntilStopped();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.starting;
    await this.runner.stop();
  }

  private async startUntilStopped(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.runner.start();
        return;
      } catch (error) {
        this.logger.warn({ reason: (error as Error).message }, 'the projects view could not start; retrying');
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
    }
  }
}

@Module({})
export class ProjectsViewModule {
  static forRoot(options: ProjectsViewOptions): DynamicModule {
    return {
      module: ProjectsViewModule,
      imports: [ProjectionStoresModule.postgres({ schema: options.schema })],
      providers: [{ provide: PROJECTS_VIEW_OPTIONS, useValue: options }, ProjectsView],
      exports: [ProjectsView],
    };
  }
}
