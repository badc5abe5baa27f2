import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { NoteStore } from '../src/notes/note-store';
import { buildAppWith } from './support/build-app';

const BODY_LIMIT = 1024;
const validNote = JSON.stringify({ title: 'A note' });

interface BadInput {
  title: string;
  send: (agent: request.Agent) => request.Test;
  status: number;
  message: string;
  fields?: { field: string; message: string }[];
  headers?: Record<string, string>;
}

const json = 'application/json';

// Every bad input a client can send, with the exact answer it gets.
const badInputs: BadInput[] = [
  {
    title: 'an unknown path',
    send: (agent) => agent.get('/nowhere'),
    status: 404,
    message: 'Not Found',
  },
  {
    title: 'a wrong method on a probe',
    send: (agent) => agent.delete('/readyz'),
    status: 405,
    message: 'Method Not Allowed',
    headers: { allow: 'HEAD, GET' },
  },
  {
    title: 'a wrong method on the collection',
    send: (agent) => agent.put('/api/notes').type(json).send(validNote),
    status: 405,
    message: 'Method Not Allowed',
    headers: { allow: 'POST, HEAD, GET' },
  },
  {
    title: 'malformed JSON',
    send: (agent) => agent.post('/api/notes').type(json).send('{"title": '),
    status: 400,
    message: 'Request body must be a JSON object or array',
  },
  {
    title: 'JSON that is a bare string',
    send: (agent) => agent.post('/api/notes').type(json).send('"a note"'),
    status: 400,
    message: 'Request body must be a JSON object or array',
  },
  {
    title: 'JSON with a __proto__ key',
    send: (agent) =>
      agent.post('/api/notes').type(json).send('{"__proto__": {"x": 1}}'),
    status: 400,
    message: 'Request body must be a JSON object or array',
  },
  {
    title: 'a body one byte over the limit',
    send: (agent) =>
      agent
        .post('/api/notes')
        .type(json)
        .send(`{"title": "${'x'.repeat(BODY_LIMIT - 12)}"}`),
    status: 413,
    message: `Request body is over the limit of ${BODY_LIMIT} bytes`,
  },
  {
    title: 'a text/plain body on a JSON route',
    send: (agent) => agent.post('/api/notes').type('text/plain').send('hi'),
    status: 415,
    message: 'Content-Type must be application/json',
  },
  {
    title: 'a form body on a JSON route',
    send: (agent) => agent.post('/api/notes').type('form').send('title=a'),
    status: 415,
    message: 'Content-Type must be application/json',
  },
  {
    title: 'a body without a Content-Type',
    // A Buffer, unlike a string, gets no Content-Type from supertest.
    send: (agent) => agent.post('/api/notes').send(Buffer.from(validNote)),
    status: 415,
    message: 'Content-Type must be application/json',
  },
  {
    title: 'an unknown Content-Encoding',
    send: (agent) =>
      agent
        .post('/api/notes')
        .type(json)
        .set('Content-Encoding', 'zstd-x')
        .send(validNote),
    status: 415,
    message: 'Unsupported Media Type',
  },
  {
    title: 'no body and no Content-Type on a JSON route',
    send: (agent) => agent.post('/api/notes'),
    status: 415,
    message: 'Content-Type must be application/json',
  },
  {
    title: 'an empty JSON body',
    send: (agent) => agent.post('/api/notes').type(json),
    status: 422,
    message: 'Invalid fields: title',
    fields: [
      {
        field: 'title',
        message: 'Invalid input: expected string, received undefined',
      },
    ],
  },
  {
    title: 'a blank title and a tag of the wrong type',
    send: (agent) =>
      agent
        .post('/api/notes')
        .type(json)
        .send({ title: '   ', tags: ['ok', 7] }),
    status: 422,
    message: 'Invalid fields: title, tags.1',
    fields: [
      {
        field: 'title',
        message: 'Too small: expected string to have >=1 characters',
      },
      {
        field: 'tags.1',
        message: 'Invalid input: expected string, received number',
      },
    ],
  },
  {
    title: 'a JSON array where an object is expected',
    send: (agent) => agent.post('/api/notes').type(json).send('[]'),
    status: 422,
    message: 'Invalid fields: (body)',
    fields: [
      {
        field: '(body)',
        message: 'Invalid input: expected object, received array',
      },
    ],
  },
  ...[
    { limit: '0', title: 'a limit of 0' },
    { limit: '101', title: 'a limit over 100' },
    { limit: 'ten', title: 'a limit that is not a number' },
    { limit: '2.5', title: 'a limit that is not whole' },
  ].map(({ limit, title }) => ({
    title: `${title} on the note list`,
    send: (agent: request.Agent) => agent.get(`/api/notes?limit=${limit}`),
    status: 422,
    message: 'Invalid fields: limit',
    fields: [
      { field: 'limit', message: 'Expected a whole number from 1 to 100' },
    ],
  })),
  {
    title: 'two limits on the note list',
    send: (agent) => agent.get('/api/notes?limit=1&limit=2'),
    status: 422,
    message: 'Invalid fields: limit',
    fields: [
      {
        field: 'limit',
        message: 'Invalid input: expected string, received array',
      },
    ],
  },
  {
    title: 'a cursor that no page gave',
    send: (agent) => agent.get('/api/notes?after=-1'),
    status: 422,
    message: 'Invalid fields: after',
    fields: [
      { field: 'after', message: "Expected the cursor of a page's next link" },
    ],
  },
  {
    title: 'an unknown note id',
    send: (agent) => agent.get('/api/notes/no-such-id'),
    status: 404,
    message: 'No such note',
  },
  {
    title: 'a note for a full store',
    send: (agent) => agent.post('/api/notes').type(json).send(validNote),
    status: 507,
    message: 'The note store is full',
  },
];

function buildAgent() {
  const config = loadConfig({
    NODE_ENV: 'test',
    BODY_LIMIT: String(BODY_LIMIT),
  });
  // Empty and unable to take a note, so that every row but the last can
  // only fail for its own reason.
  const noteStore = new NoteStore(0);
  return request.agent(buildAppWith({ config, noteStore }).callback());
}

describe('a bad input', () => {
  it.each(badInputs)(
    '$title gets $status with the JSON error shape',
    async ({ send, status, message, fields, headers }) => {
      const response = await send(buildAgent());

      expect(response.status).toBe(status);
      expect(response.type).toBe('application/json');
      const requestId = response.headers['x-request-id'];
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.body).toEqual({
        status,
        message,
        requestId,
        ...(fields && { fields }),
      });
      expect(response.headers).toMatchObject(headers ?? {});
    },
  );
});
