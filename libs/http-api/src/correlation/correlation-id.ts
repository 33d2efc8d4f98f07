import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const CORRELATION_ID_HEADER = 'x-correlation-id';

const acceptableCorrelationId = /^[A-Za-z0-9._:-]{1,128}$/;

/** Takes the caller's correlation id when it is well-formed, or starts a new one, and says it in the answer. */
export function correlationIdOf(request: IncomingMessage, response: ServerResponse): string {
  const offered = request.headers[CORRELATION_ID_HEADER];
  const correlationId =
    typeof offered === 'string' && acceptableCorrelationId.test(offered) ? offered : randomUUID();
  response.setHeader(CORRELATION_ID_HEADER, correlationId);
  return correlationId;
}
