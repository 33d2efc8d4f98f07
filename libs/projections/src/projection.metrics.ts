import { Counter, Gauge, Registry, register } from 'prom-client';

export type OutcomeLabel = 'applied' | 'skipped' | 'ignored' | 'dead_lettered';

const OUTCOMES: readonly OutcomeLabel[] = ['applied', 'skipped', 'ignored', 'dead_lettered'];

/**
 * The projection's Prometheus metrics. Every runner of a process shares the same two metrics,
 * told apart by the `projection` label, so a metric already in the registry is reused rather than
 * registered twice (which prom-client refuses).
 */
export class ProjectionMetrics {
  private readonly lag: Gauge<'projection'>;
  private readonly events: Counter<'projection' | 'outcome'>;

  constructor(
    private readonly projection: string,
    registry: Registry = register,
  ) {
    this.lag =
      (registry.getSingleMetric('eutf_projection_lag_seconds') as Gauge<'projection'> | undefined) ??
      new Gauge({
        name: 'eutf_projection_lag_seconds',
        help: 'Seconds between now and when the store recorded the last event the projection applied',
        labelNames: ['projection'],
        registers: [registry],
      });
    this.events =
      (registry.getSingleMetric('eutf_projection_events_total') as Counter<'projection' | 'outcome'> | undefined) ??
      new Counter({
        name: 'eutf_projection_events_total',
        help: 'Events the projection consumed, by outcome',
        labelNames: ['projection', 'outcome'],
        registers: [registry],
      });
    // Every outcome shows from the start, at 0, so a rate over it never starts from "no data".
    for (const outcome of OUTCOMES) this.events.inc({ projection, outcome }, 0);
  }

  count(outcome: OutcomeLabel, by = 1): void {
    if (by > 0) this.events.inc({ projection: this.projection, outcome }, by);
  }

  recordLag(lastAppliedRecordedAt: string, now: number): void {
    const recordedAt = Date.parse(lastAppliedRecordedAt);
    if (Number.isNaN(recordedAt)) return;
    this.lag.set({ projection: this.projection }, Math.max(0, (now - recordedAt) / 1000));
  }
}
