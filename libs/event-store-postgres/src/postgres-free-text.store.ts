import type { FreeTextStore, StoredFreeText } from '@eutf/event-sourcing';
import type { Pool } from 'pg';

type Row = { text_id: string; stream_id: string; field: string; text: string | null; recorded_at: Date; erased_at: Date | null };
const COLUMNS = 'text_id, stream_id, field, text, recorded_at, erased_at';
const toEntry = (row: Row): StoredFreeText => ({
  textId: row.text_id,
  streamId: row.stream_id,
  field: row.field,
  text: row.text,
  recordedAt: row.recorded_at.toISOString(),
  erasedAt: row.erased_at?.toISOString() ?? null,
});

/** The free texts of a service's schema (the pool's search_path), as appends wrote them. */
export class PostgresFreeTextStore implements FreeTextStore {
  constructor(private readonly pool: Pool) {}

  async ofStream(streamId: string): Promise<StoredFreeText[]> {
    const { rows } = await this.pool.query<Row>(`SELECT ${COLUMNS} FROM free_texts WHERE stream_id = $1 ORDER BY recorded_at, text_id`, [streamId]);
    return rows.map(toEntry);
  }

  async read(textIds: readonly string[]): Promise<Map<string, StoredFreeText>> {
    const uuids = textIds.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id));
    if (uuids.length === 0) return new Map();
    const { rows } = await this.pool.query<Row>(`SELECT ${COLUMNS} FROM free_texts WHERE text_id = ANY($1::uuid[])`, [uuids]);
    return new Map(rows.map((row) => [row.text_id, toEntry(row)]));
  }
}
