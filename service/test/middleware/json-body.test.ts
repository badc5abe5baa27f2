import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { buildAppWith } from '../support/build-app';
import { listen } from '../support/listen';

const config = loadConfig({ NODE_ENV: 'test', BODY_LIMIT: '1000' });

describe('jsonBody', () => {
  let close = async () => {};
  afterEach(() => close());

  async function post(
    body: RequestInit['body'],
    headers: Record<string, string>,
  ) {
    const server = await listen(buildAppWith({ config }));
    close = server.close;
    const response = await fetch(`${server.url}/api/notes`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body,
      // Needed by fetch to stream a ReadableStream body.
      duplex: 'half',
    } as RequestInit);
    const answer = (await response.json()) as Record<string, unknown>;
    return { status: response.status, body: answer };
  }

  it('stops a chunked body without a length once it passes the limit', async () => {
    const chunk = new TextEncoder().encode(' '.repeat(600));
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(chunk);
        controller.enqueue(chunk);
        controller.close();
      },
    });

    const response = await post(body, {});

    expect(response.status).toBe(413);
    expect(response.body.message).toBe(
      'Request body is over the limit of 1000 bytes',
    );
  });

  it('takes a gzipped body under the limit', async () => {
    const zipped = gzipSync(JSON.stringify({ title: 'zipped' }));

    const response = await post(zipped, { 'Content-Encoding': 'gzip' });

    expect(response.status).toBe(201);
    expect(response.body.title).toBe('zipped');
  });

  it('counts the limit on the inflated body, not the compressed one', async () => {
    const inflated = JSON.stringify({ title: 'x', text: ' '.repeat(5000) });

    const response = await post(gzipSync(inflated), {
      'Content-Encoding': 'gzip',
    });

    expect(response.status).toBe(413);
  });

  it('answers 400 to a body that is not the gzip it claims to be', async () => {
    const response = await post('{"title": "plain"}', {
      'Content-Encoding': 'gzip',
    });

    expect(response.status).toBe(400);
    expect(response.body.message).toBe(
      'Request body could not be decompressed as its Content-Encoding says',
    );
  });
});
