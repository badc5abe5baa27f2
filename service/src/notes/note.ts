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
