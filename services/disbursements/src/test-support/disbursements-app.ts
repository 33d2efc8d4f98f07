import { randomUUID } from 'node:crypto';
import { projectStream, ProjectRegistered, projectsCatalog, type ProjectEvent } from '@eutf/event-catalog';
import type { Role } from '@eutf/identity';
import { EVENT_TOPICS, KAFKA, toKafkaMessage, topicIn } from '@eutf/messaging';
import { loadConfig } from '@eutf/service-runtime';
import { commandServiceForSpec, officer, partner, tokenFor, type CommandServiceUnderTest } from '@eutf/service-testing';
import type { Kafka } from 'kafkajs';
import { AppModule } from '../app.module';
import { environment } from '../config';
import { ProjectsSeen } from '../projects-seen/projects-seen.module';

export { officer, partner, tokenFor };
export const finance = () => tokenFor(['hq-finance']);
/** A token for one role, scoped to Libya (officer) or IOM (partner) where the role needs a scope. */
export const tokenAs = (role: Role) => tokenFor([role], role === 'delegation-officer' ? { country: 'LY' } : role === 'implementing-partner' ? { org: 'IOM' } : {});

export interface DisbursementsApp extends CommandServiceUnderTest {
  /**
   * Publishes a project's events on the projects topic as the projects service's relay does, and
   * waits until this service's view has seen the last of them.
   */
  projectHistory(projectId: string, events: readonly ProjectEvent[]): Promise<void>;
}

/** The disbursements service in this process, in a schema (and so a view of the projects) of its own. */
export function disbursementsAppForSpec(name: string): DisbursementsApp {
  const service = commandServiceForSpec(`disbursements_${name}`, (variables) => AppModule.forConfig(loadConfig(environment, variables)));
  const catalog = projectsCatalog();
  const published = new Map<string, number>();
  return Object.assign(Object.create(service) as CommandServiceUnderTest, {
    async projectHistory(projectId: string, events: readonly ProjectEvent[]) {
      const producer = service.app.get<Kafka>(KAFKA).producer({ idempotent: true });
      await producer.connect();
      const streamId = projectStream.id(projectId);
      const from = published.get(projectId) ?? 0;
      const messages = events.map((domainEvent, index) =>
        toKafkaMessage(
          {
            eventId: randomUUID(),
            type: domainEvent.type,
            schemaVersion: catalog.get(domainEvent.type).currentVersion,
            data: domainEvent.data,
            occurredAt: new Date().toISOString(),
            recordedAt: new Date().toISOString(),
            metadata: { actor: { subject: 'officer', role: 'delegation-officer' }, correlationId: randomUUID(), causationId: null },
            streamId,
            streamVersion: BigInt(from + index + 1),
            position: { commit: 0n, prepare: BigInt(from + index + 1) },
          },
          'urn:eutf:projects',
        ),
      );
      await producer.send({ topic: topicIn(process.env['EUTF_TOPIC_NAMESPACE'], EVENT_TOPICS.projects), messages, acks: -1 });
      await producer.disconnect();
      published.set(projectId, from + events.length);
      const last = events[events.length - 1];
      const expected = last?.type === 'ProjectSuspended' ? 'suspended' : last?.type === 'ProjectClosed' ? 'closed' : undefined;
      const seen = service.app.get(ProjectsSeen);
      const deadline = Date.now() + 20_000;
      for (;;) {
        const project = await seen.find(projectId);
        if (project && (expected === undefined || project.status === expected)) return;
        if (Date.now() > deadline) throw new Error(`The disbursements service did not see project ${projectId} within 20 s`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  });
}

/** A project of Libya, IOM and GIZ implementing: the EUR 90 million package of the press release (002_…). */
export const libyaProject = (projectId: string): ProjectEvent => ({
  type: 'ProjectRegistered',
  data: { ...ProjectRegistered.example, projectId, reference: null, window: 'NOA', countries: ['LY'], leadCountry: 'LY', implementingPartners: ['IOM', 'GIZ'], euContributionCents: null },
});
