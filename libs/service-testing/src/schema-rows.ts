import { Pool } from 'pg';

/**
 * Every row of every table of the newest PostgreSQL schema whose name matches `pattern` (a `LIKE`
 * pattern; `except` leaves some out), as text: the events, the free texts, the idempotency keys.
 * For specs that must show a text is nowhere a service keeps anything.
 */
export async function everyRowOfSchema(pattern: string, except?: string): Promise<string> {
  const pool = new Pool({ connectionString: process.env['DATABASE_URL'] });
  try {
    const { rows: [{ schema } = { schema: '' }] } = await pool.query<{ schema: string }>(
      `SELECT nspname AS schema FROM pg_namespace WHERE nspname LIKE $1 ${except ? 'AND nspname NOT LIKE $2' : ''} ORDER BY oid DESC LIMIT 1`,
      except ? [pattern, except] : [pattern],
    );
    const { rows: tables } = await pool.query<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [schema]);
    const rows: string[] = [];
    for (const { table_name } of tables) rows.push(...(await pool.query<{ row: string }>(`SELECT t::text AS row FROM "${schema}"."${table_name}" t`)).rows.map((row) => row.row));
    return rows.join('\n');
  } finally {
    await pool.end();
  }
}
