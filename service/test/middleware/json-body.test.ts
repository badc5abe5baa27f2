import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
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

  it('counts the limit on the inflated body, not the compressed one', async () => {
    const inflated = JSON.stringify({ title: 'x', text: ' '.repeat(5000) });

    const response = await post(gzipSync(inflated), {
      'Content-Encoding': 'gzip',
    });

    expect(response.status).toBe(413);
  });

  // Words that do not repeat, so that a cut or a damaged byte lands in
  // the compressed data rather than in a few bytes of repeats.
  const text = Array.from({ length: 60 }, (_, index) => index * 7919).join();
  const note = JSON.stringify({ title: 'compressed', text });
  const compressors = {
    gzip: gzipSync,
    deflate: deflateSync,
    br: brotliCompressSync,
  };

  // Each way a body can fail to be what its Content-Encoding says: not
  // compressed at all, cut short, or damaged in the middle. Brotli keeps
  // no checksum, so a damaged byte may well decode to other valid JSON:
  // only gzip and deflate must refuse that one.
  const corruptBodies = Object.entries(compressors).flatMap(
    ([encoding, compress]) => {
      const compressed = compress(note);
      const damaged = Buffer.from(compressed);
      damaged[damaged.length >> 1]! ^= 0xff;
      const cutShort = compressed.subarray(0, compressed.length >> 1);
      return [
        { encoding, how: 'plain JSON', body: Buffer.from(note) },
        { encoding, how: 'cut short', body: cutShort },
        ...(encoding === 'br'
          ? []
          : [{ encoding, how: 'damaged', body: damaged }]),
      ];
    },
  );

  it.each(corruptBodies)(
    'answers 400 to a $encoding body that is $how',
    async ({ encoding, body }) => {
      const response = await post(body, { 'Content-Encoding': encoding });

      expect(response.status).toBe(400);
      expect(response.body.message).toBe(
        'Request body could not be decompressed as its Content-Encoding says',
      );
    },
  );

  it.each(Object.entries(compressors))(
    'takes a %s body under the limit',
    async (encoding, compress) => {
      const response = await post(compress(note), {
        'Content-Encoding': encoding,
      });

      expect(response.status).toBe(201);
      expect(response.body.title).toBe('compressed');
    },
  );
});
