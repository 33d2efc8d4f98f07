import type { DomainRuleViolation } from '@eutf/event-sourcing';

/**
 * A refusal of a whole batch (many cases, a file of monthly reports) because of one of its items:
 * which item, counted from 0, so that an upload can name the row that broke the rule.
 */
export type ItemRefusal = DomainRuleViolation & { item: number };

export const refusedItem = (violation: DomainRuleViolation, item: number): ItemRefusal => Object.assign(violation, { item });

/** The item a refusal names, if it names one. */
export const refusedItemOf = (violation: DomainRuleViolation): number | undefined => {
  const { item } = violation as Partial<ItemRefusal>;
  return typeof item === 'number' ? item : undefined;
};
