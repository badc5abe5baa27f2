import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Outcome {
  code: number | null;
  lines: Record<string, unknown>[];
}

/** Runs test/fixtures/crash.ts through ts-node, as the dev server runs. */
function crash(how: 'exception' | 'rejection'): Promise<Outcome> {
  const fixture = join(__dirname, 'fixtures', 'crash.ts');
  const args = ['-r', 'ts-node/register', fixture, how];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { timeout: 20_000 }, (error, stdout) => {
      const lines = stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line));
      resolve({ code: error ? (error.code as number) : 0, lines });
    });
  });
}

describe('exitOnCrash', () => {
  it.each([
    ['exception', 'uncaught exception, exiting', 'thrown in a timer'],
    ['rejection', 'unhandled rejection, exiting', 'a promise nobody awaited'],
  ] as const)(
    'logs an uncaught %s at fatal with its stack, then exits 1',
    async (how, msg, message) => {
      const { code, lines } = await crash(how);

      expect(code).toBe(1);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ level: 60, msg, err: { message } });
      expect(lines[0]!.err).toHaveProperty(
        'stack',
        expect.stringContaining('crash.ts'),
      );
    },
    20_000,
  );
});
