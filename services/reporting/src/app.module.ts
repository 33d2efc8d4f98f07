import { DynamicModule, Module } from '@nestjs/common';
import { ReadModelServiceConfig, readModelServiceInfrastructure } from '@eutf/platform';
import { SERVICE_NAME } from './config';

@Module({})
export class AppModule {
  static forConfig(config: ReadModelServiceConfig): DynamicModule {
    return { module: AppModule, imports: [...readModelServiceInfrastructure(SERVICE_NAME, config)] };
  }
}
