import { loadConfig, runService, startService } from '@eutf/service-runtime';
import { AppModule } from './app.module';
import { SERVICE_NAME, environment } from './config';

runService(async () => {
  const config = loadConfig(environment);
  await startService(
    AppModule.forConfig(config),
    {
      name: SERVICE_NAME,
      title: 'EUTF monitoring — Projects',
      description: "EUTF projects, milestones, indicators and partners' results; the country partnerships under the Partnership Framework.",
    },
    { port: config.PORT, host: config.HOST },
  );
});
