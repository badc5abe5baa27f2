import type { Context } from 'koa';
import type { z } from 'zod';
import type { FieldError } from './middleware/error-handler';

/**
 * Validates `input` against `schema` and returns the parsed value, or
 * answers 422 naming every failing field, in the message and, one by one,
 * in `fields`.
 */
export function parseInput<Schema extends z.ZodType>(
  ctx: Context,
  schema: Schema,
  input: unknown,
): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;

  const fields = result.error.issues.map(toFieldError);
  const names = [...new Set(fields.map(({ field }) => field))].join(', ');
  ctx.throw(422, `Invalid fields: ${names}`, { fields });
}

function toFieldError(issue: z.core.$ZodIssue): FieldError {
  // An issue with an empty path is about the whole body, e.g. an array
  // where an object was expected.
  const field = issue.path.length > 0 ? issue.path.join('.') : '(body)';
  return { field, message: issue.message };
}
