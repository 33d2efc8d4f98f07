import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { stdSerializers } from 'pino';
import { correlationIdOf, loggable } from '@eutf/http-api';

/**
 * What a request line says of where it went: the route's pattern (`/projects/:projectId/results/:resultId`),
 * never the URL. Path ids may be chosen by a partner and carry a name; query values carry periods,
 * filters and report links. Only the names of the query parameters are kept.
 */
export function loggableRequest(request: { method?: string; url?: string; baseUrl?: string; route?: { path?: unknown } }): {
  method: string | undefined;
  route: string | null;
  query: string[];
} {
  const pattern = typeof request.route?.path === 'string' ? `${request.baseUrl ?? ''}${request.route.path}` : null;
  const search = (request.url ?? '').split('?')[1] ?? '';
  const query = [...new Set([...new URLSearchParams(search).keys()])].sort();
  return { method: request.method, route: pattern, query };
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
              // Bound when the request arrives, before routing: the route is added when it is answered.
              req: (req: { method: string }) => ({ method: req.method }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
              // Wherever an error is logged (a request, the relay, a projection): a database error keeps
              // its kind and place, never its message, detail or context, which quote the values.
              err: (error: unknown) => (error instanceof Error && loggable(error) === error ? stdSerializers.err(error) : loggable(error)),
            },
            customSuccessObject: (req, _res, fields: object) => ({ ...fields, correlationId: req.id, request: loggableRequest(req as never) }),
            customErrorObject: (req, _res, _error, fields: object) => ({ ...fields, correlationId: req.id, request: loggableRequest(req as never) }),
            autoLogging: { ignore: (req) => req.url?.startsWith('/health') ?? false },
          },
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
