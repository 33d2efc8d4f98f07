import { loadConfig } from '@eutf/service-runtime';
import { describeServiceWiring } from '@eutf/service-testing';
import { AppModule } from './app.module';
import { SERVICE_NAME, environment } from './config';

describeServiceWiring({
  service: SERVICE_NAME,
  needs: ['kafka', 'postgresql'],
  appModule: () => AppModule.forConfig(loadConfig(environment)),
});
