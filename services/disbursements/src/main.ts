import { loadConfig, runService, startService } from '@eutf/service-runtime';
import { AppModule } from './app.module';
import { SERVICE_NAME, environment } from './config';

runService(async () => {
  const config = loadConfig(environment);
  await startService(
    AppModule.forConfig(config),
    {
      name: SERVICE_NAME,
      title: 'EUTF monitoring — Disbursements',
      description: "EUTF commitments, contracts, disbursement tranches, payments and expenditure, in euro cents.",
    },
    { port: config.PORT, host: config.HOST },
  );
});
