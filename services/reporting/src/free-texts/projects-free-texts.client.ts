import { Logger } from '@nestjs/common';
import { freeTextEntry } from '@eutf/event-catalog';
import { mintDevelopmentToken } from '@eutf/identity';
import { z } from 'zod';
import type { FreeTextEntries } from './free-texts';

export interface ProjectsFreeTextsOptions {
  /** The projects service, e.g. http://127.0.0.1:3101. */
  baseUrl: string;
  /** A bearer token issued to the reporting service (role hq-analyst); or, on a developer's machine, the development secret to mint one. */
  credential: { token: string } | { developmentSecret: string } | undefined;
  timeoutMs?: number;
}

/** DI token of the client. */
export const PROJECTS_FREE_TEXTS = Symbol('PROJECTS_FREE_TEXTS');

const answer = z.object({ texts: z.array(freeTextEntry) });
const BATCH = 200;

/**
 * Asks the projects service for the free texts a report shows, each time the report is asked for:
 * the texts are never kept here, so an erased one is gone from every report at once. When the
 * service cannot answer, the report still computes, the texts "unavailable".
 */
export class ProjectsFreeTexts {
  private readonly logger = new Logger('ProjectsFreeTexts');
  private minted: { token: string; until: number } | undefined;

  constructor(private readonly options: ProjectsFreeTextsOptions) {}

  async entries(textIds: readonly string[]): Promise<FreeTextEntries> {
    if (textIds.length === 0) return new Map();
    const token = await this.token();
    if (!token) return undefined;
    const found = new Map<string, { text: string | null; erasedAt: string | null }>();
    try {
      for (let start = 0; start < textIds.length; start += BATCH) {
        const ids = textIds.slice(start, start + BATCH).join(',');
        const response = await fetch(`${this.options.baseUrl}/free-texts?ids=${ids}`, {
          headers: { authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 3_000),
        });
        if (!response.ok) {
          // The status only: an answer may hold the very texts the logs must never hold.
          this.logger.warn({ status: response.status }, 'free texts not available from the projects service');
          return undefined;
        }
        for (const entry of answer.parse(await response.json()).texts) found.set(entry.textId, { text: entry.text, erasedAt: entry.erasedAt });
      }
      return found;
    } catch (error) {
      this.logger.warn({ reason: (error as Error).name }, 'free texts not available from the projects service');
      return undefined;
    }
  }

  private async token(): Promise<string | undefined> {
    const credential = this.options.credential;
    if (!credential) return undefined;
    if ('token' in credential) return credential.token;
    if (this.minted && this.minted.until > Date.now()) return this.minted.token;
    const token = await mintDevelopmentToken({ subject: 'service-reporting', roles: ['hq-analyst'], expiresIn: '1h' }, credential.developmentSecret);
    this.minted = { token, until: Date.now() + 50 * 60_000 };
    return token;
  }
}
