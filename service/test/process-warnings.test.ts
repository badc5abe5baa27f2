import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Runs test/fixtures/warning.ts as the prod image runs the server. */
function runFixture(): Promise<{ stdout: string; stderr: string }> {
  const fixture = join(__dirname, 'fixtures', 'warning.ts');
  const args = ['--no-warnings', '-r', 'ts-node/register', fixture];
  return new Promise((resolve, reject) => {
    const options = { timeout: 20_000 };
    execFile(process.execPath, args, options, (error, stdout, stderr) =>
      error ? reject(error) : resolve({ stdout, stderr }),
    );
  });
}

describe('logProcessWarnings', () => {
  it('logs a deprecation as JSON at warn, and nothing else', async () => {
    const { stdout, stderr } = await runFixture();

    const lines = stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    expect(lines).toEqual([
      expect.objectContaining({
        level: 40,
        msg: 'process warning',
        err: expect.objectContaining({
          name: 'DeprecationWarning',
          code: 'DEP0169',
          message: expect.stringContaining('url.parse()'),
        }),
      }),
    ]);
    expect(stderr).toBe('');
  }, 20_000);
});
