import { loadConfig, runService, startService } from '@eutf/service-runtime';
import { AppModule } from './app.module';
import { SERVICE_NAME, environment } from './config';

runService(async () => {
  const config = loadConfig(environment);
  await startService(
    AppModule.forConfig(config),
    {
      name: SERVICE_NAME,
      title: 'EUTF monitoring — Reporting',
      description:
        'Partnership Framework progress reports for headquarters: country factsheets and the consolidated report, for a period or as of any date.',
    },
    { port: config.PORT, host: config.HOST },
  );
});
