import { z } from 'zod';

/**
 * One version of an event type's data. Every version but the first says how to turn the previous
 * version's data into its own: stored events are never rewritten, they are upcast when read.
 */
export interface EventVersion<Data = unknown> {
  version: number;
  schema: z.ZodType<Data>;
  upcastFrom?: (previous: unknown) => unknown;
}

export interface EventDefinition<Type extends string = string, Data = unknown> {
  type: Type;
  /** The version producers write now. */
  currentVersion: number;
  schema: z.ZodType<Data>;
  versions: readonly EventVersion[];
  /** A valid example of the current version, for documentation and tests. */
  example: Data;
  /** What the event means, in the domain's words. */
  description: string;
}

/** The data type of an event definition. */
export type DataOf<D> = D extends EventDefinition<string, infer Data> ? Data : never;

/** A domain event before it is wrapped in its envelope: what a decider returns. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

/**
 * The domain event of an event definition; over a union of definitions, the union of their events
 * (`EventOf<(typeof PROJECT_EVENTS)[number]>` is a context's event type).
 */
export type EventOf<D> = D extends EventDefinition<infer Type, infer Data> ? DomainEvent<Type, Data> : never;

export class UnknownEventTypeError extends Error {
  constructor(readonly eventType: string, readonly schemaVersion: number) {
    super(`Unknown event type ${eventType} v${schemaVersion}`);
    this.name = 'UnknownEventTypeError';
  }
}

export class InvalidEventDataError extends Error {
  constructor(readonly eventType: string, readonly schemaVersion: number, readonly issues: string[]) {
    super(`Invalid data for ${eventType} v${schemaVersion}: ${issues.join('; ')}`);
    this.name = 'InvalidEventDataError';
  }
}

export function defineEvent<Type extends string, Data>(definition: {
  type: Type;
  description: string;
  versions: readonly [...EventVersion[], EventVersion<Data>];
  // The schema alone says what the data is; the example is checked against it, not read for its type.
  example: NoInfer<Data>;
}): EventDefinition<Type, Data> {
  const { versions } = definition;
  versions.forEach((entry, index) => {
    if (entry.version !== index + 1) throw new Error(`${definition.type}: versions must be 1, 2, 3… in order`);
    if (index > 0 && !entry.upcastFrom) throw new Error(`${definition.type} v${entry.version} needs upcastFrom`);
  });
  const current = versions[versions.length - 1] as EventVersion<Data>;
  const parsed = current.schema.safeParse(definition.example);
  if (!parsed.success) throw new Error(`${definition.type}: its example does not match its schema`);
  return { ...definition, currentVersion: current.version, schema: current.schema };
}

/** Builds a domain event with the data checked by the compiler. */
export function event<D extends EventDefinition>(definition: D, data: DataOf<D>): DomainEvent<D['type'], DataOf<D>> {
  return { type: definition.type as D['type'], data };
}

const describeIssues = (error: z.ZodError) =>
  error.issues.map((issue) => `${issue.path.join('.') || '(data)'}: ${issue.message}`);

/**
 * Every event type a context writes or reads. Producers validate what they write against the
 * current version; consumers validate what they read against the version it was written in,
 * then upcast it to the current one.
 */
export class EventCatalog {
  private readonly definitions = new Map<string, EventDefinition>();

  constructor(definitions: readonly EventDefinition[] = []) {
    definitions.forEach((definition) => this.register(definition));
  }

  register(definition: EventDefinition): this {
    if (this.definitions.has(definition.type)) throw new Error(`Event type ${definition.type} is registered twice`);
    this.definitions.set(definition.type, definition);
    return this;
  }

  has(type: string): boolean {
    return this.definitions.has(type);
  }

  get(type: string): EventDefinition {
    const definition = this.definitions.get(type);
    if (!definition) throw new UnknownEventTypeError(type, 0);
    return definition;
  }

  all(): EventDefinition[] {
    return [...this.definitions.values()];
  }

  /** Checks data about to be written; returns it as the schema parsed it (current version). */
  validateForWrite(type: string, data: unknown): { schemaVersion: number; data: unknown } {
    const definition = this.get(type);
    const result = definition.schema.safeParse(data);
    if (!result.success) throw new InvalidEventDataError(type, definition.currentVersion, describeIssues(result.error));
    return { schemaVersion: definition.currentVersion, data: result.data };
  }

  /** Reads stored or received data: validates it in its own version, then upcasts it to the current one. */
  read(type: string, schemaVersion: number, data: unknown): unknown {
    const definition = this.definitions.get(type);
    const written = definition?.versions[schemaVersion - 1];
    if (!definition || !written) throw new UnknownEventTypeError(type, schemaVersion);
    const parsed = written.schema.safeParse(data);
    if (!parsed.success) throw new InvalidEventDataError(type, schemaVersion, describeIssues(parsed.error));
    let value: unknown = parsed.data;
    for (const next of definition.versions.slice(schemaVersion)) {
      value = (next.upcastFrom as (previous: unknown) => unknown)(value);
    }
    return value;
  }
}
