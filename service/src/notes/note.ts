import { z } from 'zod';

/** What a client sends to create a note. Unknown keys are dropped. */
export const newNoteSchema = z.object({
  title: z.string().trim().min(1).max(120),
  text: z.string().max(10_000).default(''),
  tags: z.array(z.string().trim().min(1).max(30)).max(10).default([]),
});

export type NewNote = z.output<typeof newNoteSchema>;

export interface Note extends NewNote {
  id: string;
  createdAt: string;
}

/** A query parameter of decimal digits only, from `min` to `max`. */
function wholeNumber(min: number, max: number, message: string) {
  const inRange = (value: string) =>
    /^\d+$/.test(value) && Number(value) >= min && Number(value) <= max;
  return z.string().refine(inRange, { error: message }).transform(Number);
}

const pageSize = wholeNumber(1, 100, 'Expected a whole number from 1 to 100');
const cursor = wholeNumber(
  0,
  Number.MAX_SAFE_INTEGER,
  "Expected the cursor of a page's next link",
);

/**
 * What a client may ask of the note list: how many notes a page holds, at
 * most 100 so that no answer grows with the store (6 MB of JSON at worst,
 * for notes of escaped control characters), and the cursor that the
 * previous page's `next` link carries. Unknown parameters are dropped.
 */
export const noteListQuerySchema = z.object({
  limit: pageSize.default(50),
  after: cursor.optional(),
});
