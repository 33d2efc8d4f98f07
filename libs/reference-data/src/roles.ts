/** The roles a token may grant (DOMAIN.md, "Users and what they may do"). */
export const ROLES = ['delegation-officer', 'implementing-partner', 'hq-finance', 'hq-analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

