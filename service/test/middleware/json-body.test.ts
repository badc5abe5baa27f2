import { Transform } from 'node:stream';
import zlib, { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import request from 'supertest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config';
import { buildAppWith } from '../support/build-app';
import { captureLogs } from '../support/capture-logs';
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

  it('answers 400 to a deflate body that needs a preset dictionary', async () => {
    const body = deflateSync(note, { dictionary: Buffer.from('7919') });

    const response = await post(body, { 'Content-Encoding': 'deflate' });

    expect(response.status).toBe(400);
  });

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

/**
 * A decompressor that fails on the first chunk with a zlib or brotli error
 * `code`, for the failures that no body can bring about on purpose.
 */
function failingDecompressor(code: string): zlib.Unzip {
  const failing = new Transform({
    transform(_chunk, _encoding, callback) {
      callback(Object.assign(new Error(`decompression: ${code}`), { code }));
    },
  });
  // The body parser uses the stream side of a decompressor alone.
  return failing as unknown as zlib.Unzip;
}

describe('jsonBody, when decompression fails', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  async function postFailingWith(encoding: string, code: string) {
    vi.spyOn(zlib, 'createUnzip').mockReturnValue(failingDecompressor(code));
    vi.spyOn(zlib, 'createBrotliDecompress').mockReturnValue(
      failingDecompressor(code),
    );
    const { logger, lines } = captureLogs();
    const app = buildAppWith({ config, logger });

    const response = await request(app.callback())
      .post('/api/notes')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', encoding)
      .send(Buffer.from('compressed, as its header says'));
    return { response, lines };
  }

  it.each([
    ['gzip', 'Z_DATA_ERROR'],
    ['gzip', 'Z_BUF_ERROR'],
    ['deflate', 'Z_NEED_DICT'],
    ['br', 'ERR__ERROR_FORMAT_PADDING_1'],
  ])(
    'answers 400 to a %s body that its decompressor refuses with %s',
    async (encoding, code) => {
      const { response } = await postFailingWith(encoding, code);

      expect(response.status).toBe(400);
      expect(response.body.message).toBe(
        'Request body could not be decompressed as its Content-Encoding says',
      );
    },
  );

  // Regression: every code starting Z_ was a 400, zlib's own lack of
  // memory included.
  it.each([
    ['gzip', 'Z_MEM_ERROR'],
    ['gzip', 'Z_STREAM_ERROR'],
    ['br', 'ERR__ERROR_ALLOC_RING_BUFFER_1'],
  ])(
    'answers 500 and logs the error when a %s decompressor fails with %s',
    async (encoding, code) => {
      const { response, lines } = await postFailingWith(encoding, code);

      expect(response.status).toBe(500);
      expect(response.body.message).toBe('Internal Server Error');
      expect(lines).toContainEqual(
        expect.objectContaining({
          level: 50,
          msg: 'request failed',
          err: expect.objectContaining({ code }),
        }),
      );
    },
  );
});
