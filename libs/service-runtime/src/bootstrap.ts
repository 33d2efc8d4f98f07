import 'reflect-metadata';
import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { createServer } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { ProblemDetailsFilter, SHARED_SCHEMAS } from '@eutf/http-api';
import type { z } from 'zod';
import { loadConfig } from './config/load-config';

export interface ServiceDescription {
  /** Short name, as in `services/<name>`. */
  name: string;
  title: string;
  description: string;
  version?: string;
}

export interface ServiceStartOptions {
  port: number;
  host: string;
  /** How long a client may take to send its headers, and its whole request. */
  timeouts: HttpTimeouts;
  /** Kafka consumers this service runs inside the same process, if any. */
  microservices?: MicroserviceOptions[];
}

export interface HttpTimeouts {
  headersMs: number;
  requestMs: number;
}

/**
 * Express on a Node HTTP server that drops a client too slow to send its request (408): without
 * it, a client trickling headers or a body holds a connection for minutes. The server looks at
 * its connections every second, so a timeout is kept to within a second.
 */
class TimedExpressAdapter extends ExpressAdapter {
  constructor(private readonly timeouts: HttpTimeouts) {
    super();
  }

  override initHttpServer(): void {
    const server = createServer(
      { headersTimeout: this.timeouts.headersMs, requestTimeout: this.timeouts.requestMs, connectionsCheckingInterval: 1_000 },
      this.getInstance(),
    );
    this.setHttpServer(server);
  }
}

/** Builds the HTTP application: logs, OpenAPI at /docs, graceful shutdown. Does not listen. */
export type ServiceModule = Type<unknown> | DynamicModule;

export async function createServiceApp(
  module: ServiceModule,
  service: ServiceDescription,
  timeouts: HttpTimeouts,
): Promise<INestApplication> {
  const app = await NestFactory.create(module, new TimedExpressAdapter(timeouts), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  app.useGlobalFilters(new ProblemDetailsFilter());
  hardenHttp(app);
  // SIGTERM/SIGINT stop taking requests, let in-flight work finish, then close connections.
  app.enableShutdownHooks();
  SwaggerModule.setup('docs', app, openApiDocument(app, service), { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}

/**
 * What every answer says about itself: no framework banner, no content sniffing, no referrer, and
 * for everything but the API documentation's own page, a policy that lets a report render its
 * inline styles and nothing else (no script, no frame, no outside resource).
 */
function hardenHttp(app: INestApplication): void {
  const express = app.getHttpAdapter().getInstance() as { disable(setting: string): void };
  express.disable('x-powered-by');
  app.use((request: { path?: string }, response: { setHeader(name: string, value: string): void }, next: () => void) => {
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    if (!request.path?.startsWith('/docs')) {
      response.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    }
    next();
  });
}

/** The OpenAPI document a service serves at /docs; specs check the same document. */
export function openApiDocument(app: INestApplication, service: ServiceDescription): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(service.title)
      .setDescription(service.description)
      .setVersion(service.version ?? '0.1.0')
      .addBearerAuth()
      .build(),
  );
  const schemas = { ...document.components?.schemas, ...SHARED_SCHEMAS };
  return { ...document, components: { ...document.components, schemas } };
}

/** Starts a service: its Kafka consumers first, then HTTP. */
export async function startService(
  module: ServiceModule,
  service: ServiceDescription,
  options: ServiceStartOptions,
): Promise<INestApplication> {
  const app = await createServiceApp(module, service, options.timeouts);
  for (const microservice of options.microservices ?? []) {
    app.connectMicroservice<MicroserviceOptions>(microservice, { inheritAppConfig: true });
  }
  await app.startAllMicroservices();
  await app.listen(options.port, options.host);
  app.get(Logger).log(`${service.name} listening on http://${options.host}:${options.port} (API docs at /docs)`);
  return app;
}

/**
 * Runs a service's start-up and turns any failure, a configuration error first of all,
 * into one clear line on stderr and a non-zero exit.
 */
export function runService(start: () => Promise<unknown>): void {
  start().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${JSON.stringify({ level: 'fatal', msg: message, time: Date.now() })}\n`);
    process.exit(1);
  });
}

/** What a service's `config.ts` declares: its name, its documentation, and the environment it reads. */
export interface ServiceDefinition<Config extends { PORT: number; HOST: string }> extends ServiceDescription {
  environment: z.ZodType<Config>;
}

/** A service's `main.ts`: validates the environment, builds the service's module from it, and starts it. */
export function serve<Config extends { PORT: number; HOST: string; HTTP_HEADERS_TIMEOUT_MS: number; HTTP_REQUEST_TIMEOUT_MS: number }>(service: ServiceDefinition<Config>, module: (config: Config) => ServiceModule): void {
  runService(async () => {
    const config = loadConfig(service.environment);
    const timeouts = { headersMs: config.HTTP_HEADERS_TIMEOUT_MS, requestMs: config.HTTP_REQUEST_TIMEOUT_MS };
    await startService(module(config), service, { port: config.PORT, host: config.HOST, timeouts });
  });
}
