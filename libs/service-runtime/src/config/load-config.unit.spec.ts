import { DEVELOPMENT_ONLY_JWT_SECRET } from '@eutf/identity';
import { ConfigurationError, loadConfig } from './load-config';
import { commandServiceEnvironment, readModelServiceEnvironment } from '../service-modules';

const complete = {
  DATABASE_URL: 'postgresql://eutf:eutf@127.0.0.1:55432/eutf',
  KAFKA_BROKERS: '127.0.0.1:59092, 127.0.0.1:59093',
  MONGO_URL: 'mongodb://127.0.0.1:57017/eutf_reporting',
  EUTF_DEV_JWT_SECRET: 'a-development-secret-of-at-least-32-characters',
};

describe('service configuration from the environment', () => {
  it('reads a complete environment, with defaults for what may be left out', () => {
    const config = loadConfig(commandServiceEnvironment(3101), complete);
    expect(config).toEqual({
      PORT: 3101,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DATABASE_URL: complete.DATABASE_URL,
      KAFKA_BROKERS: ['127.0.0.1:59092', '127.0.0.1:59093'],
      EUTF_DEV_JWT_SECRET: complete.EUTF_DEV_JWT_SECRET,
      HTTP_HEADERS_TIMEOUT_MS: 10_000,
      HTTP_REQUEST_TIMEOUT_MS: 30_000,
      COMMAND_RATE_LIMIT_PER_MINUTE: 1_200,
      COMMAND_RATE_LIMIT_BURST: 200,
    });
  });

  it('reads the command budget and the HTTP timeouts, and names the variable it cannot read', () => {
    const tuned = { ...complete, COMMAND_RATE_LIMIT_PER_MINUTE: '0', COMMAND_RATE_LIMIT_BURST: '5', HTTP_HEADERS_TIMEOUT_MS: '2000', HTTP_REQUEST_TIMEOUT_MS: '4000' };
    expect(loadConfig(commandServiceEnvironment(3101), tuned)).toMatchObject({ COMMAND_RATE_LIMIT_PER_MINUTE: 0, COMMAND_RATE_LIMIT_BURST: 5, HTTP_HEADERS_TIMEOUT_MS: 2_000, HTTP_REQUEST_TIMEOUT_MS: 4_000 });
    expect(() => loadConfig(commandServiceEnvironment(3101), { ...complete, COMMAND_RATE_LIMIT_BURST: '0' })).toThrow(/COMMAND_RATE_LIMIT_BURST/);
    expect(() => loadConfig(commandServiceEnvironment(3101), { ...complete, HTTP_REQUEST_TIMEOUT_MS: 'soon' })).toThrow(/HTTP_REQUEST_TIMEOUT_MS/);
  });

  it('needs exactly one way to verify tokens', () => {
    const { EUTF_DEV_JWT_SECRET: _secret, ...withoutSecret } = complete;
    expect(() => loadConfig(commandServiceEnvironment(3101), withoutSecret)).toThrow(
      /EUTF_DEV_JWT_SECRET: is required unless OIDC_JWKS_URL and OIDC_ISSUER are set/,
    );
    expect(() => loadConfig(commandServiceEnvironment(3101), { ...withoutSecret, OIDC_JWKS_URL: 'https://login.example.eu/jwks' })).toThrow(
      /OIDC_ISSUER: is required with the other OIDC variable/,
    );
    expect(
      loadConfig(commandServiceEnvironment(3101), { ...withoutSecret, OIDC_JWKS_URL: 'https://login.example.eu/jwks', OIDC_ISSUER: 'https://login.example.eu' }),
    ).toMatchObject({ OIDC_ISSUER: 'https://login.example.eu' });
  });

  it('reads the topic namespace and the log level that the Kafka clients and projections get', () => {
    expect(loadConfig(readModelServiceEnvironment(3104), { ...complete, EUTF_TOPIC_NAMESPACE: 'e2e-1a2b', LOG_LEVEL: 'warn' })).toMatchObject({
      EUTF_TOPIC_NAMESPACE: 'e2e-1a2b',
      LOG_LEVEL: 'warn',
    });
  });

  it('refuses the public development secret unless this is declared a developer\'s machine, naming the variable', () => {
    const publicSecret = { ...complete, EUTF_DEV_JWT_SECRET: DEVELOPMENT_ONLY_JWT_SECRET };
    expect(() => loadConfig(commandServiceEnvironment(3101), publicSecret)).toThrow(/EUTF_DEV_JWT_SECRET: is the public development secret/);
    expect(() => loadConfig(readModelServiceEnvironment(3104), { ...publicSecret, EUTF_DEVELOPMENT: 'false' })).toThrow(/EUTF_DEV_JWT_SECRET/);
    expect(loadConfig(commandServiceEnvironment(3101), { ...publicSecret, EUTF_DEVELOPMENT: 'true' })).toMatchObject({ EUTF_DEVELOPMENT: 'true' });
  });

  it('names every missing variable', () => {
    const attempt = () => loadConfig(commandServiceEnvironment(3101), {});
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(/DATABASE_URL: is required/);
    expect(attempt).toThrow(/KAFKA_BROKERS: is required/);
  });

  it('names a malformed variable and says what was expected', () => {
    expect(() => loadConfig(readModelServiceEnvironment(3104), { ...complete, MONGO_URL: 'localhost:27017' })).toThrow(
      /MONGO_URL: must be a mongodb:\/\/ URL/,
    );
    expect(() => loadConfig(commandServiceEnvironment(3101), { ...complete, KAFKA_BROKERS: 'kafka' })).toThrow(
      /KAFKA_BROKERS: must be a comma-separated list of host:port/,
    );
    expect(() => loadConfig(commandServiceEnvironment(3101), { ...complete, PORT: '70000' })).toThrow(/PORT:/);
    expect(() => loadConfig(commandServiceEnvironment(3101), { ...complete, LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL:/);
    expect(() => loadConfig(commandServiceEnvironment(3101), { ...complete, EUTF_TOPIC_NAMESPACE: 'test run' })).toThrow(/EUTF_TOPIC_NAMESPACE: letters, digits/);
  });
});
