import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';

export const CORRELATION_ID_HEADER = 'x-correlation-id';

const acceptableCorrelationId = /^[A-Za-z0-9._:-]{1,128}$/;

/** A URL without its `access_token` or `link` (report link) query parameters: tokens never reach the logs. */
export function withoutToken(url: string): string {
  return url.replace(/([?&])(access_token|link)=[^&]*/g, '$1$2=[redacted]');
}

/** Takes the caller's correlation id when it is well-formed, or starts a new one. */
export function correlationIdOf(request: IncomingMessage, response: ServerResponse): string {
  const offered = request.headers[CORRELATION_ID_HEADER];
  const correlationId =
    typeof offered === 'string' && acceptableCorrelationId.test(offered) ? offered : randomUUID();
  response.setHeader(CORRELATION_ID_HEADER, correlationId);
  return correlationId;
}

/**
 * JSON logs through pino, one line per request, each carrying the correlation id.
 * Request and response bodies are never logged, and credentials are redacted:
 * returns data concerns vulnerable people and must not leak through logs.
 */
@Module({})
export class LoggingModule {
  static forService(service: string, level: string): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level,
            name: service,
            genReqId: correlationIdOf,
            customAttributeKeys: { reqId: 'correlationId' },
            redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
            serializers: {
              req: (req: { id: unknown; method: string; url: string }) => ({ method: req.method, url: withoutToken(req.url) }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            autoLogging: { ignore: (req) => req.url?.startsWith('/health') ?? false },
          },
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
