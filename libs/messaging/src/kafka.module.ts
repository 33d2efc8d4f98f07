import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Admin, Kafka } from 'kafkajs';
import { KafkaConnection, createKafka } from './kafka-client';

/** DI token of the service's kafkajs client. */
export const KAFKA = Symbol('KAFKA');

@Injectable()
export class KafkaReadiness implements OnApplicationShutdown {
  private admin: Admin | undefined;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async isReady() {
    const session = this.indicator.check('kafka');
    try {
      this.admin ??= this.kafka.admin();
      await this.admin.connect();
      const cluster = await this.admin.describeCluster();
      return session.up({ brokers: cluster.brokers.length });
    } catch (error) {
      return session.down({ message: (error as Error).message });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect();
  }
}

/** All Kafka access of a service goes through the client this module provides. */
@Module({})
export class KafkaModule {
  static forRoot(connection: KafkaConnection): DynamicModule {
    return {
      module: KafkaModule,
      global: true,
      providers: [{ provide: KAFKA, useFactory: () => createKafka(connection) }],
      exports: [KAFKA],
    };
  }
}
