import { describe, expect, it } from 'vitest';
import { NoteStore } from '../../src/notes/note-store';

const input = { title: 'A', text: '', tags: [] };

describe('NoteStore', () => {
  it('gives each note its own id', () => {
    const store = new NoteStore();

    const first = store.add(input);
    const second = store.add(input);

    expect(first.id).not.toBe(second.id);
    expect(store.find(first.id)).toEqual(first);
    expect(store.page(10)).toEqual({ notes: [first, second] });
  });

  it('holds 1 000 notes by default', () => {
    const store = new NoteStore();
    for (let count = 0; count < 999; count++) store.add(input);

    expect(store.isFull).toBe(false);
    store.add(input);
    expect(store.isFull).toBe(true);
  });

  it('is full at its capacity and refuses one more note', () => {
    const store = new NoteStore(2);
    store.add(input);
    store.add(input);

    expect(store.isFull).toBe(true);
    expect(() => store.add(input)).toThrow('the note store is full');
  });

  it('has room again once a note is removed', () => {
    const store = new NoteStore(1);
    const note = store.add(input);

    expect(store.remove(note.id)).toBe(true);
    expect(store.isFull).toBe(false);
    expect(store.remove(note.id)).toBe(false);
  });
});

describe('NoteStore.page', () => {
  function storeWith(count: number) {
    const store = new NoteStore();
    const notes = Array.from({ length: count }, (_, index) =>
      store.add({ ...input, title: `Note ${index + 1}` }),
    );
    return { store, notes };
  }

  it('gives up to limit notes and where the next page starts', () => {
    const { store, notes } = storeWith(3);

    const first = store.page(2);
    const second = store.page(2, first.next);

    expect(first.notes).toEqual(notes.slice(0, 2));
    expect(second).toEqual({ notes: notes.slice(2) });
  });

  it('gives no next on a page that ends exactly at the last note', () => {
    const { store } = storeWith(2);

    expect(store.page(2)).not.toHaveProperty('next');
  });

  it('goes on after the cursor even when its note was removed', () => {
    const { store, notes } = storeWith(4);

    const first = store.page(2);
    store.remove(notes[1]!.id);
    store.remove(notes[0]!.id);

    expect(store.page(2, first.next).notes).toEqual(notes.slice(2));
  });

  it('gives an empty page past the end', () => {
    const { store } = storeWith(1);

    expect(store.page(5, 1_000)).toEqual({ notes: [] });
  });
});
