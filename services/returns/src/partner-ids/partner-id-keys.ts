import { createHmac } from 'node:crypto';

/** DI token of the service's keyed hash of partners' ids. */
export const PARTNER_ID_KEYS = Symbol('PARTNER_ID_KEYS');

/** What a partner's id is hashed as: its organisation and the kind of record are part of the input, so two partners' ids never meet. */
export type PartnerIdKind = 'case' | 'operation' | 'returns-report' | 'reintegration-report' | 'assistance';

/**
 * Turns the id a partner gives a record into the key stored in its place: HMAC-SHA256 under the
 * deployment's secret. Without the secret nobody can test a guessed id against the store.
 */
export class PartnerIdKeys {
  constructor(private readonly secret: string) {}

  keyOf(org: string, kind: PartnerIdKind, id: string): string {
    return createHmac('sha256', this.secret).update(`${org}\u0000${kind}\u0000${id}`).digest('hex');
  }
}

/** The deployment's key, or on a developer's machine one derived from the development token secret. */
export function partnerIdKeysOf(config: { RETURNS_ID_HASH_KEY?: string | undefined; EUTF_DEV_JWT_SECRET?: string | undefined }): PartnerIdKeys {
  if (config.RETURNS_ID_HASH_KEY) return new PartnerIdKeys(config.RETURNS_ID_HASH_KEY);
  return new PartnerIdKeys(createHmac('sha256', config.EUTF_DEV_JWT_SECRET as string).update('returns-id-hash-key').digest('hex'));
}
