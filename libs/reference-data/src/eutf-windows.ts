import { z } from 'zod';

/**
 * The EUTF's geographical windows (DOMAIN.md; the EUTF's own results data), with the three-letter
 * codes used in project references such as T05-EUTF-SAH-NE-12-03. REG is not a region but marks
 * regional / cross-window programmes in references.
 */
export const EUTF_WINDOWS = [
  { code: 'SAH', name: 'Sahel and Lake Chad', crossWindow: false },
  { code: 'HOA', name: 'Horn of Africa', crossWindow: false },
  { code: 'NOA', name: 'North of Africa', crossWindow: false },
  { code: 'REG', name: 'Regional/cross-window', crossWindow: true },
] as const;

export type EutfWindow = (typeof EUTF_WINDOWS)[number];
export type EutfWindowCode = EutfWindow['code'];

export const EUTF_WINDOW_CODES: readonly EutfWindowCode[] = EUTF_WINDOWS.map((window) => window.code);

export function isEutfWindowCode(value: unknown): value is EutfWindowCode {
  return typeof value === 'string' && (EUTF_WINDOW_CODES as readonly string[]).includes(value);
}

export function eutfWindowName(code: EutfWindowCode): string {
  return EUTF_WINDOWS.find((window) => window.code === code)?.name ?? code;
}

/** A window code as requests and events carry it. */
export const eutfWindowCodeSchema = z.enum(EUTF_WINDOWS.map((window) => window.code) as [EutfWindowCode, ...EutfWindowCode[]]);
