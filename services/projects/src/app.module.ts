import { DynamicModule, Module } from '@nestjs/common';
import { CommandServiceConfig, commandServiceInfrastructure } from '@eutf/platform';
import { SERVICE_NAME } from './config';
import { CountryPartnershipHttpController } from './country-partnership/country-partnership.http.controller';
import { ProjectHttpController } from './project/project.http.controller';

@Module({})
export class AppModule {
  static forConfig(config: CommandServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [...commandServiceInfrastructure(SERVICE_NAME, config)],
      controllers: [ProjectHttpController, CountryPartnershipHttpController],
    };
  }
}
