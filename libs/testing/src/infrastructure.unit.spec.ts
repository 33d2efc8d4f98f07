import { createServer, Server } from 'node:net';
import { InfrastructureUnavailableError, addressesOf, requireInfrastructure } from './infrastructure';

describe('requireInfrastructure', () => {
  let closedPort: number;
  let listening: Server;
  let openPort: number;

  beforeAll(async () => {
    // A port that was free a moment ago and is closed now: nothing answers there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    closedPort = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    listening = createServer();
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
    openPort = (listening.address() as { port: number }).port;
  });

  afterAll(() => new Promise((resolve) => listening.close(resolve)));

  it('fails, naming the server and its variable, when the variable is not set', async () => {
    await expect(requireInfrastructure(['postgresql'], {})).rejects.toThrow(
      'PostgreSQL: DATABASE_URL is not set',
    );
  });

  it('fails quickly, naming the server and address, when nothing answers there', async () => {
    const started = Date.now();
    const attempt = requireInfrastructure(['kafka', 'mongodb'], {
      KAFKA_BROKERS: `127.0.0.1:${closedPort}`,
      MONGO_URL: `mongodb://127.0.0.1:${closedPort}/x`,
    });
    await expect(attempt).rejects.toThrow(InfrastructureUnavailableError);
    await expect(attempt).rejects.toThrow(`Kafka is not reachable at 127.0.0.1:${closedPort} (KAFKA_BROKERS)`);
    await expect(attempt).rejects.toThrow(`MongoDB is not reachable at 127.0.0.1:${closedPort} (MONGO_URL)`);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('returns the endpoints when every server answers', async () => {
    const url = `postgresql://u:p@127.0.0.1:${openPort}/db`;
    await expect(requireInfrastructure(['postgresql'], { DATABASE_URL: url })).resolves.toEqual({ postgresql: url });
  });

  it('reads every broker of a Kafka list and the default ports of URLs', () => {
    expect(addressesOf('kafka', 'a:1, b:2')).toEqual([
      { host: 'a', port: 1 },
      { host: 'b', port: 2 },
    ]);
    expect(addressesOf('mongodb', 'mongodb://db.example/x')).toEqual([{ host: 'db.example', port: 27017 }]);
  });
});
