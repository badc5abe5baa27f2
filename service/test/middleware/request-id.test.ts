import { connect } from 'node:net';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { safeRequestId } from '../../src/middleware/request-id';
import { buildAppWith } from '../support/build-app';
import { captureLogs } from '../support/capture-logs';
import { listen } from '../support/listen';

const UUID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('safeRequestId', () => {
  it.each([
    'a1b2c3',
    '0f8fad5b-d9cb-469f-a165-70867728950e',
    '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    'edge.proxy:42_x',
    'x'.repeat(128),
  ])('keeps the plain, bounded id %j', (incoming) => {
    expect(safeRequestId(incoming)).toBe(incoming);
  });

  it.each([
    ['nothing', ''],
    ['a newline', 'abc\ndef'],
    ['a carriage return and a header', 'abc\r\nSet-Cookie: a=b'],
    ['a space', 'abc def'],
    ['a quote', 'abc"def'],
    ['a byte above ASCII', 'caf\u00e9'],
    ['a control byte', 'abc\u0001'],
    ['two ids joined by a proxy', 'one, two'],
    ['129 characters', 'x'.repeat(129)],
    ['ten thousand characters', 'x'.repeat(10_000)],
  ])('replaces an id with %s by a new UUID', (_, incoming) => {
    expect(safeRequestId(incoming)).toMatch(UUID);
  });

  it('makes a different id each time', () => {
    expect(safeRequestId('')).not.toBe(safeRequestId(''));
  });
});

describe('the X-Request-Id header', () => {
  it('is returned as sent when it is safe', async () => {
    const response = await request(buildAppWith({}).callback())
      .get('/')
      .set('X-Request-Id', 'from-the-gateway-1');

    expect(response.headers['x-request-id']).toBe('from-the-gateway-1');
  });

  it('is generated when the request has none', async () => {
    const response = await request(buildAppWith({}).callback()).get('/');

    expect(response.headers['x-request-id']).toMatch(UUID);
  });
});

describe('an unsafe X-Request-Id on the wire', () => {
  let close = async () => {};
  afterEach(() => close());

  async function startServer() {
    const { logger, lines } = captureLogs();
    const server = await listen(buildAppWith({ logger }));
    close = server.close;
    return { port: server.port, lines };
  }

  // Node's HTTP client refuses to send such headers; a raw socket does.
  async function rawExchange(port: number, header: Buffer) {
    const socket = connect(port, '127.0.0.1');
    socket.end(
      Buffer.concat([
        Buffer.from('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n'),
        header,
        Buffer.from('\r\n\r\n'),
      ]),
    );
    const chunks: Buffer[] = [];
    for await (const chunk of socket) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('latin1');
  }

  it.each([
    ['bytes above ASCII', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0xff])],
    ['a huge value', Buffer.from('z'.repeat(8000))],
  ])('with %s reaches neither the answer nor the log', async (_, value) => {
    const { port, lines } = await startServer();
    const header = Buffer.concat([Buffer.from('X-Request-Id: '), value]);

    const response = await rawExchange(port, header);
    await expect.poll(() => lines.length).toBe(1);

    expect(response).toMatch(/^HTTP\/1\.1 200 /);
    const echoed = /\r\nx-request-id: ([^\r]*)\r\n/i.exec(response)?.[1];
    expect(echoed).toMatch(UUID);
    const given = value.toString('latin1');
    expect(response).not.toContain(given);
    expect(lines[0]).toMatchObject({ requestId: echoed });
    expect(JSON.stringify(lines)).not.toContain(given);
  });

  it('with a line break is refused by Node before the app sees it', async () => {
    const { port, lines } = await startServer();
    const header = Buffer.from('X-Request-Id: abc\nSet-Cookie: id=stolen');

    const response = await rawExchange(port, header);

    expect(response).toMatch(/^HTTP\/1\.1 400 /);
    expect(response).not.toContain('stolen');
    expect(lines).toEqual([]);
  });
});
