/**
 * Topic names are part of the public contract between services. The broker's own
 * list (partitions, retention) lives in infra/kafka/topics.json; a test keeps both in step.
 */
export const EVENT_TOPICS = {
  projects: 'eutf.projects.events',
  disbursements: 'eutf.disbursements.events',
  returns: 'eutf.returns.events',
} as const;

/** Events the reporting projections could not apply, with the reason in a header. */
export const REPORTING_DEAD_LETTER_TOPIC = 'eutf.reporting.dead-letter';

export type EventTopic = (typeof EVENT_TOPICS)[keyof typeof EVENT_TOPICS];

/**
 * A topic's name under a namespace (`EUTF_TOPIC_NAMESPACE`, from the validated configuration), so
 * that test runs and a demo sharing one broker never read each other's events. None in production.
 */
export const topicIn = (namespace: string | undefined, topic: string): string => (namespace ? `${namespace}.${topic}` : topic);
