import { randomUUID } from 'node:crypto';
import type { NewNote, Note } from './note';

/** Some of the notes, in the order they were added. */
export interface NotePage {
  notes: Note[];
  /** Where the next page starts, for `page()`; absent on the last page. */
  next?: number;
}

/**
 * The notes, kept in this process's memory only: they are lost on every
 * restart and not shared between replicas. This store exists to show the
 * shape of a resource and to be replaced by a database; keep its methods
 * and the routes need not change.
 *
 * It holds at most `capacity` notes, so that a client cannot grow the
 * process without bound. The default keeps a full store small beside the
 * prod container's 256 MB: a note holds at most 120 + 10 000 + 10 × 30
 * characters, two bytes each in V8 once one is outside Latin-1, which
 * with its id, date and objects measured 22 KB; 1 000 notes, 22 MB.
 */
export class NoteStore {
  // Each note has a place in the order of addition, which a page's cursor
  // names: unlike an offset, it stays right when earlier notes are removed.
  readonly #entries = new Map<string, { note: Note; place: number }>();
  #lastPlace = 0;

  constructor(readonly capacity = 1_000) {}

  get isFull(): boolean {
    return this.#entries.size >= this.capacity;
  }

  add(input: NewNote): Note {
    if (this.isFull) throw new Error('the note store is full');
    const createdAt = new Date().toISOString();
    const note: Note = { id: randomUUID(), ...input, createdAt };
    this.#lastPlace += 1;
    this.#entries.set(note.id, { note, place: this.#lastPlace });
    return note;
  }

  find(id: string): Note | undefined {
    return this.#entries.get(id)?.note;
  }

  /** Up to `limit` notes, those added after the page that gave `after`. */
  page(limit: number, after = 0): NotePage {
    // A Map iterates in the order of insertion, which is that of places.
    const later = [...this.#entries.values()].filter(
      ({ place }) => place > after,
    );
    const shown = later.slice(0, limit);

    const page: NotePage = { notes: shown.map(({ note }) => note) };
    if (later.length > limit) page.next = shown.at(-1)!.place;
    return page;
  }

  remove(id: string): boolean {
    return this.#entries.delete(id);
  }
}
