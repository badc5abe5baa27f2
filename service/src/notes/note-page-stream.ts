import { Readable } from 'node:stream';
import type { Note } from './note';

/**
 * A page of the note list as a JSON stream, `{"notes":[...],"next":...}`,
 * serialised one note at a time as the client reads it. Built whole, a
 * page of 100 of the largest notes is 6 MB of JSON and twice that as a
 * string while it is sent: eight such requests at once were enough to
 * exhaust the prod container's 256 MB. Streamed, a request holds one
 * note's JSON and the stream's buffers, however slowly its client reads.
 */
export function streamNotePage(notes: Note[], next: string | null): Readable {
  // Not objectMode: the stream then buffers 64 KiB, not 16 notes.
  return Readable.from(jsonChunks(notes, next), { objectMode: false });
}

function* jsonChunks(notes: Note[], next: string | null) {
  yield '{"notes":[';
  for (const [index, note] of notes.entries()) {
    yield (index === 0 ? '' : ',') + JSON.stringify(note);
  }
  yield `],"next":${JSON.stringify(next)}}`;
}
