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
  it('lists the notes created so far', async () => {
    const agent = buildAgent();
    await agent.post('/api/notes').send({ title: 'First' });
    await agent.post('/api/notes').send({ title: 'Second' });

    const response = await agent.get('/api/notes');

    expect(response.status).toBe(200);
    expect(
      response.body.notes.map(({ title }: { title: string }) => title),
    ).toEqual(['First', 'Second']);
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
