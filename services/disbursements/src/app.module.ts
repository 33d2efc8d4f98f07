import { DynamicModule, Module } from '@nestjs/common';
import { CommandServiceConfig, commandServiceInfrastructure } from '@eutf/service-runtime';
import { SERVICE_NAME } from './config';

@Module({})
export class AppModule {
  static forConfig(config: CommandServiceConfig): DynamicModule {
    return { module: AppModule, imports: [...commandServiceInfrastructure(SERVICE_NAME, config)] };
  }
}
