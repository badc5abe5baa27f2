import type Router from '@koa/router';
import { jsonBody } from '../middleware/json-body';
import { streamNotePage } from '../notes/note-page-stream';
import type { NoteStore } from '../notes/note-store';
import { newNoteSchema, noteListQuerySchema } from '../notes/note';
import { parseInput } from '../parse-input';

/**
 * `/api/notes`: an example resource to copy, then replace. It shows the
 * pattern of a route that takes input: a JSON body (415, 400, 413 come
 * from jsonBody), validated by a zod schema (422 naming the fields), and a
 * created resource answered with 201 and its Location. The list comes a
 * page at a time, each with the link to the next, so that no answer holds
 * the whole store.
 */
export function registerNoteRoutes(
  router: Router,
  store: NoteStore,
  bodyLimit: number,
): void {
  router.post('/api/notes', jsonBody(bodyLimit), (ctx) => {
    const input = parseInput(ctx, newNoteSchema, ctx.request.body);
    if (store.isFull) {
      ctx.throw(507, 'The note store is full', { expose: true });
    }

    const note = store.add(input);
    ctx.log.info({ noteId: note.id }, 'note created');
    ctx.status = 201;
    ctx.set('Location', `/api/notes/${note.id}`);
    ctx.body = note;
  });

  router.get('/api/notes', (ctx) => {
    const { limit, after } = parseInput(ctx, noteListQuerySchema, ctx.query);
    const page = store.page(limit, after);

    const next = page.next === undefined ? null : pageUrl(limit, page.next);
    ctx.type = 'application/json';
    ctx.body = streamNotePage(page.notes, next);
  });

  router.get('/api/notes/:id', (ctx) => {
    const note = store.find(ctx.params.id!);
    if (!note) ctx.throw(404, 'No such note');
    ctx.body = note;
  });

  router.delete('/api/notes/:id', (ctx) => {
    if (!store.remove(ctx.params.id!)) ctx.throw(404, 'No such note');
    ctx.status = 204;
  });
}

function pageUrl(limit: number, after: number): string {
  return `/api/notes?limit=${limit}&after=${after}`;
}
