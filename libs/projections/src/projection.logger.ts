import pino from 'pino';

/**
 * What the toolkit logs through: pino's shape (fields first, then the message), so a service
 * passes its own pino logger. Fields are ids, types, versions, offsets and reasons, never event
 * data: events may concern vulnerable people.
 */
export interface ProjectionLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export function defaultProjectionLogger(projection: string, level = 'info'): ProjectionLogger {
  return pino({ name: `projection:${projection}`, level });
}
