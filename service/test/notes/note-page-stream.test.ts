import { text } from 'node:stream/consumers';
import { setImmediate as turn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { Note } from '../../src/notes/note';
import { streamNotePage } from '../../src/notes/note-page-stream';

function noteWith(title: string, text = ''): Note {
  const createdAt = '2026-12-03T19:29:33.400Z';
  return { id: `id-${title}`, title, text, tags: ['t'], createdAt };
}

describe('streamNotePage', () => {
  it.each([
    ['no notes', [], null],
    ['one note', [noteWith('one')], null],
    [
      'several notes and a next link',
      [noteWith('one'), noteWith('two'), noteWith('three')],
      '/api/notes?limit=3&after=3',
    ],
    [
      'text that JSON must escape',
      [noteWith('"quoted"', 'a\\b\n\u0001\u20ac\u{1f600}')],
      null,
    ],
  ])('writes %s as the JSON of the page', async (_, notes, next) => {
    const json = await text(streamNotePage(notes, next));

    expect(JSON.parse(json)).toEqual({ notes, next });
  });

  it('serialises notes only as fast as they are read', async () => {
    const notes = Array.from({ length: 100 }, (_, index) =>
      noteWith(`note ${index}`, 'x'.repeat(10_000)),
    );
    const stream = streamNotePage(notes, null);

    // Ask for nothing, which makes it fill its buffer; the page is 1 MB.
    stream.read(0);
    for (let step = 0; step < 10; step++) await turn();

    expect(stream.readableLength).toBeGreaterThan(0);
    expect(stream.readableLength).toBeLessThan(100_000);
    stream.destroy();
  });
});
