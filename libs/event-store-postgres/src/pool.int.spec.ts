import { randomUUID } from 'node:crypto';
import { requireInfrastructure } from '@eutf/testing';
import { Client } from 'pg';
import { createPostgresPool, inTransaction } from './pool';

describe("the service's PostgreSQL pool when the server drops its connections", () => {
  it('survives an idle connection terminated by the server, says so, and connects again on the next query', async () => {
    const { postgresql } = await requireInfrastructure(['postgresql']);
    const applicationName = `pool-spec-${randomUUID().slice(0, 8)}`;
    const lost: string[] = [];
    const pool = createPostgresPool({ connectionString: postgresql, schema: 'public', applicationName, onConnectionLost: (error) => lost.push(error.message) });
    const admin = new Client({ connectionString: postgresql });
    await admin.connect();
    try {
      await pool.query('SELECT 1');
      // What a server restart does to every session: terminate it while the pool holds it idle.
      const terminated = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
      expect(terminated.rowCount).toBe(1);
      for (const deadline = Date.now() + 5_000; lost.length === 0 && Date.now() < deadline; ) await new Promise((done) => setTimeout(done, 50));
      expect(lost).toEqual([expect.stringMatching(/terminat/i)]);
      await expect(pool.query('SELECT 2 AS two')).resolves.toMatchObject({ rows: [{ two: 2 }] });
    } finally {
      await admin.end();
      await pool.end();
    }
  });

  it("survives a connection lost inside a transaction between two statements (the server's error then comes as an event, not as a query's)", async () => {
    const { postgresql } = await requireInfrastructure(['postgresql']);
    const applicationName = `pool-spec-${randomUUID().slice(0, 8)}`;
    const pool = createPostgresPool({ connectionString: postgresql, schema: 'public', applicationName, max: 1 });
    const admin = new Client({ connectionString: postgresql });
    await admin.connect();
    try {
      await expect(
        inTransaction(pool, async (client) => {
          await client.query('SELECT 1');
          // What PostgreSQL killed under a command does: the session ends while no statement runs.
          await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
          await new Promise((done) => setTimeout(done, 300));
          await client.query('SELECT 2');
        }),
      ).rejects.toThrow();
      await expect(pool.query('SELECT 3 AS three')).resolves.toMatchObject({ rows: [{ three: 3 }] });
    } finally {
      await admin.end();
      await pool.end();
    }
  });

  it('does not hand out again a connection that broke inside a transaction', async () => {
    const { postgresql } = await requireInfrastructure(['postgresql']);
    const applicationName = `pool-spec-${randomUUID().slice(0, 8)}`;
    const pool = createPostgresPool({ connectionString: postgresql, schema: 'public', applicationName, max: 1 });
    try {
      await expect(
        inTransaction(pool, async (client) => {
          client.on('error', () => undefined);
          await client.query('SELECT pg_terminate_backend(pg_backend_pid())');
        }),
      ).rejects.toThrow();
      await expect(pool.query('SELECT 3 AS three')).resolves.toMatchObject({ rows: [{ three: 3 }] });
    } finally {
      await pool.end();
    }
  });
});
