import { Controller, Get, Header, Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createServiceApp } from './bootstrap';
import { LoggingModule } from './logging/logging.module';

@Controller('page')
class PageController {
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(): string {
    return '<!doctype html><title>Factsheet</title><p>Mali</p>';
  }
}

@Module({ imports: [LoggingModule.forService('spec', 'silent')], controllers: [PageController] })
class PageModule {}

describe('every answer of a service, as createServiceApp builds it', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createServiceApp(PageModule, { name: 'spec', title: 'spec', description: 'spec' }, { headersMs: 10_000, requestMs: 30_000 });
    await app.init();
  });
  afterAll(() => app?.close());

  it('names no framework, forbids sniffing and referrers, and lets a page render its own styles and nothing else', async () => {
    const page = await request(app.getHttpServer()).get('/page');
    expect(page.status).toBe(200);
    expect(page.headers['x-powered-by']).toBeUndefined();
    expect([page.headers['x-content-type-options'], page.headers['referrer-policy']]).toEqual(['nosniff', 'no-referrer']);
    expect(page.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    const missing = await request(app.getHttpServer()).get('/no-such-page');
    expect([missing.status, missing.headers['x-powered-by'], missing.headers['x-content-type-options']]).toEqual([404, undefined, 'nosniff']);
  });

  it('keeps its own policy off the API documentation page, which runs the documentation viewer', async () => {
    const docs = await request(app.getHttpServer()).get('/docs/openapi.json');
    expect([docs.status, docs.headers['content-security-policy'], docs.headers['x-content-type-options']]).toEqual([200, undefined, 'nosniff']);
  });
});
