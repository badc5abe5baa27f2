import { randomUUID } from 'node:crypto';
import type { NewNote, Note } from './note';

/**
 * The notes, kept in this process's memory only: they are lost on every
 * restart and not shared between replicas. This store exists to show the
 * shape of a resource and to be replaced by a database; keep its methods
 * and the routes need not change.
 *
 * It holds at most `capacity` notes, so that a client cannot grow the
 * process without bound.
 */
export class NoteStore {
  readonly #notes = new Map<string, Note>();

  constructor(readonly capacity = 10_000) {}

  get isFull(): boolean {
    return this.#notes.size >= this.capacity;
  }

  add(input: NewNote): Note {
    if (this.isFull) throw new Error('the note store is full');
    const createdAt = new Date().toISOString();
    const note: Note = { id: randomUUID(), ...input, createdAt };
    this.#notes.set(note.id, note);
    return note;
  }

  find(id: string): Note | undefined {
    return this.#notes.get(id);
  }

  list(): Note[] {
    return [...this.#notes.values()];
  }

  remove(id: string): boolean {
    return this.#notes.delete(id);
  }
}
