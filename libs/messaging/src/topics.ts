/**
 * A prefix for every topic name (`EUTF_TOPIC_NAMESPACE`), so that test runs and a demo sharing one
 * broker never read each other's events. Empty in production.
 */
export const TOPIC_NAMESPACE = process.env['EUTF_TOPIC_NAMESPACE'] ? `${process.env['EUTF_TOPIC_NAMESPACE']}.` : '';

/**
 * Topic names are part of the public contract between services. The broker's own
 * list (partitions, retention) lives in infra/kafka/topics.json; a test keeps both in step.
 */
export const EVENT_TOPICS = {
  projects: `${TOPIC_NAMESPACE}eutf.projects.events`,
  disbursements: `${TOPIC_NAMESPACE}eutf.disbursements.events`,
  returns: `${TOPIC_NAMESPACE}eutf.returns.events`,
} as const;

/** Events the reporting projections could not apply, with the reason in a header. */
export const REPORTING_DEAD_LETTER_TOPIC = `${TOPIC_NAMESPACE}eutf.reporting.dead-letter`;

export type EventTopic = (typeof EVENT_TOPICS)[keyof typeof EVENT_TOPICS];
