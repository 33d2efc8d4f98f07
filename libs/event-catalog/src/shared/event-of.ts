import type { DataOf } from '@eutf/event-sourcing';

/** The domain event (type and data) an event definition describes. */
export type EventOf<D> = D extends { type: infer T; schema: unknown } ? { type: T; data: DataOf<D> } : never;
