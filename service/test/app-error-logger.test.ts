import { once } from 'node:events';
import { connect } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../src/config';
import { NoteStore } from '../src/notes/note-store';
import { buildAppWith } from './support/build-app';
import { captureLogs, type LogLine } from './support/capture-logs';
import { listen } from './support/listen';
import { sendTruncatedBody } from './support/truncated-request';

// Short enough for a test; Node looks for expired requests every second.
const config = loadConfig({
  NODE_ENV: 'test',
  HEADERS_TIMEOUT_MS: '300',
  REQUEST_TIMEOUT_MS: '300',
});

function isErrorLine(line: LogLine) {
  return line.msg === 'request interrupted';
}

function isAccessLine(line: LogLine) {
  return line.msg === 'request';
}

describe('logAppErrors, as createApp sets it up', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each([
    {
      title: 'a body its client stopped sending',
      hangUp: true,
      answer: '400 Bad Request',
      err: { message: 'Parse Error', code: 'HPE_INVALID_EOF_STATE' },
    },
    {
      title: 'a request past REQUEST_TIMEOUT_MS',
      hangUp: false,
      answer: '408 Request Timeout',
      err: { message: 'Request timeout', code: 'ERR_HTTP_REQUEST_TIMEOUT' },
    },
  ])(
    'logs $title at warn with the request id, not on stderr',
    async ({ hangUp, answer, err }) => {
      const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
      const { logger, lines } = captureLogs();
      const server = await listen(buildAppWith({ config, logger }), config);

      const answered = await sendTruncatedBody(server.port, 'cut-1', {
        hangUp,
      });
      await expect.poll(() => lines.filter(isErrorLine).length).toBe(1);
      await server.close();

      expect(answered).toMatch(new RegExp(`^HTTP/1\\.1 ${answer}\\r\\n`));
      expect(lines.find(isErrorLine)).toMatchObject({
        level: 40,
        requestId: 'cut-1',
        method: 'POST',
        path: '/api/notes',
        err: { type: 'Error', ...err },
      });
      expect(printed).not.toHaveBeenCalled();
    },
  );

  it('leaves a list its client left midway to the access line', async () => {
    const { logger, lines } = captureLogs();
    const noteStore = new NoteStore();
    // Each escapes to 60 KB of JSON: a page of 6 MB, more than the
    // loopback socket's buffers take in while the client reads nothing.
    const text = '\u0001'.repeat(10_000);
    for (let count = 0; count < 100; count++) {
      noteStore.add({ title: 'Long', text, tags: [] });
    }
    const server = await listen(buildAppWith({ logger, noteStore }));

    // Reads the first bytes of the page, then hangs up.
    const socket = connect(server.port, '127.0.0.1');
    socket.write('GET /api/notes?limit=100 HTTP/1.1\r\nHost: x\r\n\r\n');
    await once(socket, 'data');
    socket.pause();
    socket.destroy();
    await expect.poll(() => lines.some(isAccessLine)).toBe(true);
    await server.close();

    expect(lines.find(isAccessLine)).toMatchObject({ aborted: true });
    const errors = lines.filter(isErrorLine).map(({ err }) => err);
    expect(errors).not.toContainEqual(
      expect.objectContaining({ code: 'ERR_STREAM_PREMATURE_CLOSE' }),
    );
  });

  it('logs an error raised without a request, without an id', () => {
    const { logger, lines } = captureLogs();
    const app = buildAppWith({ logger });

    app.emit('error', new Error('not about a request'));

    expect(lines).toEqual([
      expect.objectContaining({
        level: 40,
        msg: 'request interrupted',
        err: expect.objectContaining({ message: 'not about a request' }),
      }),
    ]);
    expect(lines[0]).not.toHaveProperty('requestId');
  });
});
