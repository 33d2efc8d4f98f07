import { ClientProviderOptions, MicroserviceOptions, Transport } from '@nestjs/microservices';
import { KafkaConnection, kafkaClientConfig, producerConfig } from './kafka-client';

/** A Kafka consumer group served by NestJS' `@EventPattern` handlers. */
export function kafkaConsumerTransport(connection: KafkaConnection & { groupId: string }): MicroserviceOptions {
  return {
    transport: Transport.KAFKA,
    options: {
      client: kafkaClientConfig(connection),
      consumer: { groupId: connection.groupId, allowAutoTopicCreation: false },
      subscribe: { fromBeginning: true },
      // Topics are created by infra from one declarative list, never on first use.
      producer: producerConfig,
      postfixId: '',
    },
  };
}

/** A NestJS `ClientKafka` for emitting messages, registered under `name`. */
export function kafkaProducerClient(name: string | symbol, connection: KafkaConnection): ClientProviderOptions {
  return {
    name,
    transport: Transport.KAFKA,
    options: {
      client: kafkaClientConfig(connection),
      producer: producerConfig,
      producerOnlyMode: true,
      postfixId: '',
    },
  };
}
