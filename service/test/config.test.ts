import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';

describe('loadConfig', () => {
  it('uses the defaults when nothing is set', () => {
    expect(loadConfig({})).toEqual({
      NODE_ENV: 'production',
      PORT: 8000,
      LOG_LEVEL: 'info',
      KEEP_ALIVE_TIMEOUT_MS: 65_000,
      HEADERS_TIMEOUT_MS: 20_000,
      REQUEST_TIMEOUT_MS: 30_000,
      SHUTDOWN_DELAY_MS: 0,
      SHUTDOWN_TIMEOUT_MS: 10_000,
      DEBUG_ROUTES: false,
      BODY_LIMIT: 102_400,
    });
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ PORT: '' }).PORT).toBe(8000);
  });

  it('reads a valid port', () => {
    expect(loadConfig({ PORT: '3000' }).PORT).toBe(3000);
  });

  it.each([
    ['abc', 'Invalid setting PORT="abc": expected a whole number from 1 to 65535'],
    ['70000', 'Invalid setting PORT="70000": expected a whole number from 1 to 65535'],
    ['0', 'Invalid setting PORT="0": expected a whole number from 1 to 65535'],
    ['80.5', 'Invalid setting PORT="80.5": expected a whole number from 1 to 65535'],
    [' 80', 'Invalid setting PORT=" 80": expected a whole number from 1 to 65535'],
  ])('rejects PORT=%j with one line naming it', (value, message) => {
    expect(() => loadConfig({ PORT: value })).toThrow(
      new ConfigError(message),
    );
  });

  it('reads a body limit in bytes', () => {
    expect(loadConfig({ BODY_LIMIT: '1048576' }).BODY_LIMIT).toBe(1_048_576);
  });

  it.each(['100kb', '0', '-1', '104857601'])(
    'rejects BODY_LIMIT=%j with one line naming it',
    (value) => {
      expect(() => loadConfig({ BODY_LIMIT: value })).toThrow(
        new ConfigError(
          `Invalid setting BODY_LIMIT="${value}": expected a whole number from 1 to 104857600`,
        ),
      );
    },
  );

  it('rejects an unknown NODE_ENV', () => {
    expect(() => loadConfig({ NODE_ENV: 'staging' })).toThrow(
      'Invalid setting NODE_ENV="staging": expected development, production or test',
    );
  });

  it('rejects an unknown LOG_LEVEL', () => {
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(
      /^Invalid setting LOG_LEVEL="loud": expected fatal, /,
    );
  });

  it.each([
    ['KEEP_ALIVE_TIMEOUT_MS', '0', 'expected a whole number from 1 to 3600000'],
    ['HEADERS_TIMEOUT_MS', '20s', 'expected a whole number from 1 to 3600000'],
    ['REQUEST_TIMEOUT_MS', '-1', 'expected a whole number from 1 to 3600000'],
    ['SHUTDOWN_TIMEOUT_MS', '0', 'expected a whole number from 1 to 600000'],
    ['SHUTDOWN_DELAY_MS', '1.5', 'expected a whole number from 0 to 600000'],
  ])('rejects %s=%j with one line naming it', (name, value, expected) => {
    expect(() => loadConfig({ [name]: value })).toThrow(
      new ConfigError(`Invalid setting ${name}="${value}": ${expected}`),
    );
  });

  it('takes a headers timeout equal to the request timeout', () => {
    const config = loadConfig({
      HEADERS_TIMEOUT_MS: '30000',
      REQUEST_TIMEOUT_MS: '30000',
    });

    expect(config.HEADERS_TIMEOUT_MS).toBe(30_000);
    expect(config.REQUEST_TIMEOUT_MS).toBe(30_000);
  });

  // Node would swap the two: the headers would get the request's limit,
  // and the whole request the headers' longer one.
  it('rejects a headers timeout longer than the request timeout', () => {
    expect(() =>
      loadConfig({ HEADERS_TIMEOUT_MS: '40000', REQUEST_TIMEOUT_MS: '30000' }),
    ).toThrow(
      new ConfigError(
        'Invalid setting HEADERS_TIMEOUT_MS="40000": expected at most REQUEST_TIMEOUT_MS (30000)',
      ),
    );
  });

  it('names the default headers timeout that a short request timeout undercuts', () => {
    expect(() => loadConfig({ REQUEST_TIMEOUT_MS: '10000' })).toThrow(
      new ConfigError(
        'Invalid setting HEADERS_TIMEOUT_MS=20000 (the default): expected at most REQUEST_TIMEOUT_MS (10000)',
      ),
    );
  });

  it('reads the shutdown delay and deadline', () => {
    const config = loadConfig({
      SHUTDOWN_DELAY_MS: '5000',
      SHUTDOWN_TIMEOUT_MS: '20000',
    });

    expect(config.SHUTDOWN_DELAY_MS).toBe(5_000);
    expect(config.SHUTDOWN_TIMEOUT_MS).toBe(20_000);
  });

  it('rejects a shutdown delay that reaches the deadline', () => {
    expect(() => loadConfig({ SHUTDOWN_DELAY_MS: '10000' })).toThrow(
      'Invalid setting SHUTDOWN_DELAY_MS="10000": expected less than SHUTDOWN_TIMEOUT_MS (10000)',
    );
  });

  it.each([
    ['true', true],
    ['false', false],
  ])('reads DEBUG_ROUTES=%s', (value, expected) => {
    expect(loadConfig({ DEBUG_ROUTES: value }).DEBUG_ROUTES).toBe(expected);
  });

  it('rejects a DEBUG_ROUTES that is not true or false', () => {
    expect(() => loadConfig({ DEBUG_ROUTES: 'yes' })).toThrow(
      'Invalid setting DEBUG_ROUTES="yes": expected true or false',
    );
  });
});
