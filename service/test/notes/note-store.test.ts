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
    expect(store.list()).toEqual([first, second]);
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
