import { createHash } from 'node:crypto';
import { DomainRuleViolation, type CommandOutcome } from '@eutf/event-sourcing';
import { ProblemException, problemType, type CommandInput, type UploadedFile, type UploadOptions } from '@eutf/http-api';
import { refusedItemOf } from '@eutf/returns-domain';
import { readRows, type CellError, type SheetLayout } from './sheet-layout';
import { CSV, readSpreadsheet, UnreadableSheet, XLSX } from './spreadsheet';

/** At most so many errors are listed; the detail says how many more there were. */
const LISTED_ERRORS = 100;

/** The upload of a partner's spreadsheet: one file as the body, as CSV or XLSX. */
export const spreadsheetUpload = (description: string, example: string): UploadOptions => ({
  mediaTypes: {
    [CSV]: 'comma-separated, UTF-8, the header on the first line.',
    [XLSX]: 'the first worksheet, the header in row 1; a formula is refused (enter its value).',
  },
  maxBytes: 5 * 1024 * 1024,
  description,
  example,
});

function invalidFile(errors: readonly CellError[]): ProblemException {
  const listed = errors.slice(0, LISTED_ERRORS);
  const more = errors.length > listed.length ? `; and ${errors.length - listed.length} more` : '';
  return new ProblemException({
    type: problemType('validation'),
    title: 'The file is not valid: none of its rows was recorded',
    status: 400,
    detail: `${listed.map((error) => `row ${error.row}, column ${error.column}: ${error.message}`).join('; ')}${more}`,
    errors: listed.map((error) => ({ field: `rows[${error.row}].${error.column}`, row: error.row, column: error.column, message: error.message })),
  });
}

/** Every row of the file as its command's body, or a 400 naming each row and column that is wrong. */
export async function rowsOf<Body>(file: UploadedFile, layout: SheetLayout<Body>): Promise<Array<{ row: number; body: Body }>> {
  let sheet;
  try {
    sheet = await readSpreadsheet(file.mediaType, file.bytes);
  } catch (error) {
    if (!(error instanceof UnreadableSheet)) throw error;
    throw new ProblemException({ type: problemType('malformed-body'), title: 'The file could not be read', status: 400, detail: error.message, errors: [{ field: 'body', message: error.message }] });
  }
  const read = readRows(sheet, layout);
  if (!read.ok) throw invalidFile(read.errors);
  return read.rows;
}

/**
 * A file is recorded once: its key for the command handler's idempotency is the partner's
 * organisation, the kind of file, the project and the SHA-256 of its bytes, whoever of the
 * partner's staff sends it and whatever Idempotency-Key they give.
 */
export function asOneFile<Input extends Pick<CommandInput, 'context' | 'actor'>>(input: Input, kind: string, projectId: string, file: UploadedFile): Input {
  const key = createHash('sha256').update(`${input.actor.org ?? ''}\u0000${kind}\u0000${projectId}\u0000${file.sha256}`).digest('hex');
  return { ...input, context: { ...input.context, idempotencyKey: `spreadsheet/${key}` } };
}

/**
 * A rule broken by one row refuses the whole file, and the problem names that row, and the column
 * the rule is about; a rule about the file as a whole (the partner, the project) names no row.
 */
export function namingTheRow(outcome: CommandOutcome, rows: ReadonlyArray<{ row: number }>, columnOfRule: Readonly<Record<string, string>>): CommandOutcome {
  if (!(outcome instanceof DomainRuleViolation)) return outcome;
  const item = refusedItemOf(outcome);
  const at = item === undefined ? undefined : rows[item];
  if (!at) return outcome;
  const column = columnOfRule[outcome.rule] ?? 'A';
  throw new ProblemException({
    type: problemType(`rule/${outcome.rule}`),
    title: 'A business rule refused a row of the file: none of its rows was recorded',
    status: outcome.status,
    detail: `row ${at.row}, column ${column}: ${outcome.message}`,
    rule: outcome.rule,
    row: at.row,
    column,
  });
}
