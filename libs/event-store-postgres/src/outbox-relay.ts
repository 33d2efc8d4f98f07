import type { EventPublisher, LogPosition, RecordedEvent } from '@eutf/event-sourcing';
import { START_OF_LOG } from '@eutf/event-sourcing';
import type { Pool, PoolClient } from 'pg';
import { Counter, Gauge, Registry, register as globalRegistry } from 'prom-client';
import { pause } from './pause';
import { PostgresEventStore } from './postgres-event-store';

export interface RelayLogger {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface OutboxRelayOptions {
  pool: Pool;
  /** The service's schema; the relay's lock and checkpoint are per schema and relay name. */
  schema: string;
  relayName: string;
  publisher: EventPublisher;
  batchSize?: number;
  pollIntervalMs?: number;
  /** How often a standby instance tries to take over. */
  standbyRetryMs?: number;
  logger?: RelayLogger;
  registry?: Registry;
}

const silent: RelayLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

function relayMetrics(registry: Registry) {
  const lag =
    (registry.getSingleMetric('eutf_relay_lag_seconds') as Gauge<'relay'> | undefined) ??
    new Gauge({
      name: 'eutf_relay_lag_seconds',
      help: 'Age of the oldest committed event not yet acknowledged by Kafka (0 when caught up)',
      labelNames: ['relay'],
      registers: [registry],
    });
  const published =
    (registry.getSingleMetric('eutf_relay_events_published_total') as Counter<'relay'> | undefined) ??
    new Counter({
      name: 'eutf_relay_events_published_total',
      help: 'Events the relay published and Kafka acknowledged',
      labelNames: ['relay'],
      registers: [registry],
    });
  return { lag, published };
}

/**
 * Publishes every committed event of a service's store, in log order, at least once:
 * 1. take the relay's advisory lock (one active instance per service; others stand by);
 * 2. read the batch after the checkpoint (never skipping late commits, see PostgresEventStore.readAll);
 * 3. publish it and wait for the broker's acknowledgement;
 * 4. only then move the checkpoint. A crash between 3 and 4 republishes the batch, never loses it.
 */
export class OutboxRelay {
  private readonly store: PostgresEventStore;
  private readonly logger: RelayLogger;
  private readonly metrics: ReturnType<typeof relayMetrics>;
  private abort = new AbortController();
  private running: Promise<void> | undefined;

  constructor(private readonly options: OutboxRelayOptions) {
    this.store = new PostgresEventStore(options.pool);
    this.logger = options.logger ?? silent;
    this.metrics = relayMetrics(options.registry ?? globalRegistry);
  }

  start(): void {
    if (this.running) return;
    this.abort = new AbortController();
    this.running = this.run(this.abort.signal).catch((error: unknown) => {
      this.logger.error({ relay: this.options.relayName, err: error }, 'relay stopped on an error');
    });
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
    this.running = undefined;
  }

  private get lockKey(): string {
    return `eutf-relay:${this.options.schema}:${this.options.relayName}`;
  }

  private async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      let leader: PoolClient | undefined;
      try {
        leader = await this.options.pool.connect();
        // The leader's session is held for long: if the server goes, its error comes here, not as a crash.
        leader.on('error', (error) => this.logger.warn({ relay: this.options.relayName, err: error }, 'relay connection lost'));
        const { rows } = await leader.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [
          this.lockKey,
        ]);
        if (rows[0]?.locked) {
          this.logger.info({ relay: this.options.relayName }, 'relay is active');
          await this.relayWhileLeader(signal);
        } else {
          await pause(this.options.standbyRetryMs ?? 1_000, signal);
        }
      } catch (error) {
        if (signal.aborted) break;
        this.logger.warn({ relay: this.options.relayName, err: error }, 'relay interrupted; retrying');
        await pause(1_000, signal);
      } finally {
        if (leader) {
          // Ending the session releases its advisory lock; a broken connection releases it too, and is not reused.
          const broken = await leader.query('SELECT pg_advisory_unlock_all()').then(
            () => false,
            () => true,
          );
          leader.release(broken);
        }
      }
    }
  }

  private async relayWhileLeader(signal: AbortSignal): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    const pollIntervalMs = this.options.pollIntervalMs ?? 20;
    let after = await this.readCheckpoint();
    let reading = quietly(this.store.readAll({ after, maxCount: batchSize }));
    let checkpointing: Promise<void> = Promise.resolve();
    try {
      while (!signal.aborted) {
        const batch = await reading;
        const oldest = batch[0];
        this.metrics.lag.set(
          { relay: this.options.relayName },
          oldest ? Math.max(0, (Date.now() - Date.parse(oldest.recordedAt)) / 1000) : 0,
        );
        const caughtUp = batch.length < batchSize;
        if (batch.length > 0) {
          after = (batch[batch.length - 1] as RecordedEvent).position;
          // While this batch is on its way to Kafka, the next one is read and the previous
          // checkpoint written: the three overlap, yet batches are sent one after the other, in
          // log order, and a checkpoint only ever follows its batch's acknowledgement.
          if (!caughtUp) reading = quietly(this.store.readAll({ after, maxCount: batchSize }));
          await this.options.publisher.publish(batch);
          await checkpointing;
          checkpointing = quietly(this.writeCheckpoint(after));
          this.metrics.published.inc({ relay: this.options.relayName }, batch.length);
        }
        if (caughtUp) {
          await pause(pollIntervalMs, signal);
          reading = quietly(this.store.readAll({ after, maxCount: batchSize }));
        }
      }
    } finally {
      await checkpointing;
    }
  }

  async readCheckpoint(): Promise<LogPosition> {
    const { rows } = await this.options.pool.query<{ transaction_id: string; position: string }>(
      'SELECT transaction_id, position FROM relay_checkpoints WHERE relay = $1',
      [this.options.relayName],
    );
    const row = rows[0];
    return row ? { commit: BigInt(row.transaction_id), prepare: BigInt(row.position) } : START_OF_LOG;
  }

  private async writeCheckpoint(position: LogPosition): Promise<void> {
    await this.options.pool.query(
      `INSERT INTO relay_checkpoints (relay, transaction_id, position) VALUES ($1, $2::text::xid8, $3)
       ON CONFLICT (relay) DO UPDATE SET transaction_id = excluded.transaction_id, position = excluded.position, updated_at = now()`,
      [this.options.relayName, position.commit.toString(), position.prepare.toString()],
    );
  }
}

/**
 * Marks a promise that is awaited later as handled now, so that its failure while other work
 * runs is not an unhandled rejection; awaiting it still throws.
 */
function quietly<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
