import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { NoteStore } from '../../src/notes/note-store';
import { buildAppWith } from '../support/build-app';

function buildAgent() {
  return request.agent(buildAppWith({ noteStore: new NoteStore() }).callback());
}

describe('POST /api/notes', () => {
  it('creates a note and answers 201 with it and its Location', async () => {
    const response = await buildAgent()
      .post('/api/notes')
      .send({ title: '  Groceries  ', text: 'milk', tags: ['home'] });

    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      title: 'Groceries',
      text: 'milk',
      tags: ['home'],
      createdAt: expect.any(String),
    });
    expect(response.headers.location).toBe(`/api/notes/${response.body.id}`);
  });

  it('fills in the optional fields and drops unknown ones', async () => {
    const response = await buildAgent()
      .post('/api/notes')
      .send({ title: 'Bare', isAdmin: true });

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ title: 'Bare', text: '', tags: [] });
    expect(response.body).not.toHaveProperty('isAdmin');
  });

  it('takes a JSON type with parameters or a +json suffix', async () => {
    const agent = buildAgent();

    const withCharset = await agent
      .post('/api/notes')
      .set('Content-Type', 'application/json; charset=utf-8')
      .send(JSON.stringify({ title: 'One' }));
    const withSuffix = await agent
      .post('/api/notes')
      .set('Content-Type', 'application/merge-patch+json')
      .send(JSON.stringify({ title: 'Two' }));

    expect([withCharset.status, withSuffix.status]).toEqual([201, 201]);
  });
});

describe('GET /api/notes', () => {
  async function createNotes(agent: request.Agent, count: number) {
    for (let number = 1; number <= count; number++) {
      await agent.post('/api/notes').send({ title: `Note ${number}` });
    }
  }

  function titlesOf(response: request.Response): string[] {
    return response.body.notes.map(({ title }: { title: string }) => title);
  }

  it('lists the notes created so far, with no next page', async () => {
    const agent = buildAgent();
    await createNotes(agent, 2);

    const response = await agent.get('/api/notes');

    expect(response.status).toBe(200);
    expect(titlesOf(response)).toEqual(['Note 1', 'Note 2']);
    expect(response.body.next).toBeNull();
  });

  it('answers at most 50 notes unless told otherwise', async () => {
    const agent = buildAgent();
    await createNotes(agent, 51);

    const response = await agent.get('/api/notes');

    expect(response.body.notes).toHaveLength(50);
    expect(response.body.next).toEqual(expect.any(String));
  });

  it('pages through every note by following next', async () => {
    const agent = buildAgent();
    await createNotes(agent, 5);

    const first = await agent.get('/api/notes?limit=2');
    const second = await agent.get(first.body.next);
    const last = await agent.get(second.body.next);

    expect([first, second, last].map(titlesOf)).toEqual([
      ['Note 1', 'Note 2'],
      ['Note 3', 'Note 4'],
      ['Note 5'],
    ]);
    expect(first.body.next).toMatch(/^\/api\/notes\?limit=2&after=\w+$/);
    expect(last.body.next).toBeNull();
  });

  it('skips no note when the last one of a page is deleted', async () => {
    const agent = buildAgent();
    await createNotes(agent, 3);

    const first = await agent.get('/api/notes?limit=2');
    await agent.delete(`/api/notes/${first.body.notes[1].id}`);
    const second = await agent.get(first.body.next);

    expect(titlesOf(second)).toEqual(['Note 3']);
  });

  it('answers JSON that keeps every character of a note', async () => {
    const agent = buildAgent();
    const text = 'a "quote", a \\, a line\nbreak, \u0001 and \u{1f600}';
    await agent.post('/api/notes').send({ title: 'Odd', text });

    const response = await agent.get('/api/notes');

    expect(response.type).toBe('application/json');
    expect(response.body.notes[0].text).toBe(text);
  });

  it('answers up to 100 notes a page', async () => {
    const agent = buildAgent();
    await createNotes(agent, 101);

    const response = await agent.get('/api/notes?limit=100');

    expect(response.body.notes).toHaveLength(100);
    expect(response.body.next).toEqual(expect.any(String));
  });
});

describe('GET /api/notes/:id', () => {
  it('answers the note created at that Location', async () => {
    const agent = buildAgent();
    const created = await agent.post('/api/notes').send({ title: 'Found' });

    const response = await agent.get(created.headers.location!);

    expect(response.status).toBe(200);
    expect(response.body).toEqual(created.body);
  });
});

describe('DELETE /api/notes/:id', () => {
  it('removes the note, then answers 404 for it', async () => {
    const agent = buildAgent();
    const created = await agent.post('/api/notes').send({ title: 'Gone' });

    const deleted = await agent.delete(created.headers.location!);
    const fetched = await agent.get(created.headers.location!);
    const deletedAgain = await agent.delete(created.headers.location!);

    expect(deleted.status).toBe(204);
    expect(fetched.status).toBe(404);
    expect(deletedAgain.status).toBe(404);
  });
});
