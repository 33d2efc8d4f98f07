import { DynamicModule, Module } from '@nestjs/common';
import { CommandServiceConfig, commandServiceInfrastructure } from '@eutf/service-runtime';
import { SERVICE_NAME } from './config';
import { CountryPartnershipModule } from './country-partnership/country-partnership.module';
import { FreeTextsModule } from './free-texts/free-texts.module';
import { ProjectModule } from './project/project.module';
import { ReportedFiguresModule } from './reported-figures/reported-figures.module';

@Module({})
export class AppModule {
  static forConfig(config: CommandServiceConfig): DynamicModule {
    return { module: AppModule, imports: [...commandServiceInfrastructure(SERVICE_NAME, config), ProjectModule, CountryPartnershipModule, ReportedFiguresModule, FreeTextsModule] };
  }
}
