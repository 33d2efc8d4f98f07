import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

/** Start-up work (migrating the event store, joining consumer groups) runs in the background: wait for /health/ready. */
export async function untilReady(app: INestApplication, timeoutMs = 20_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let status = (await request(app.getHttpServer()).get('/health/ready')).status;
  while (status !== 200 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    status = (await request(app.getHttpServer()).get('/health/ready')).status;
  }
  return status;
}
