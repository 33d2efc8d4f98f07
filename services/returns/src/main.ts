import { loadConfig, runService, startService } from '@eutf/service-runtime';
import { AppModule } from './app.module';
import { SERVICE_NAME, environment } from './config';

runService(async () => {
  const config = loadConfig(environment);
  await startService(
    AppModule.forConfig(config),
    {
      name: SERVICE_NAME,
      title: 'EUTF monitoring — Returns and reintegration',
      description: "Assisted voluntary return operations and reintegration cases, pseudonymous and counted, never named.",
    },
    { port: config.PORT, host: config.HOST },
  );
});
