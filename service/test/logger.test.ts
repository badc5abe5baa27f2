import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const fixture = join(__dirname, 'fixtures', 'log-lines.ts');
const tsNode = ['-r', 'ts-node/register', fixture];

function linesOf(stdout: string): { line: number }[] {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

describe('createLogger in production', () => {
  it('writes every line before the process exits', async () => {
    const stdout = await new Promise<string>((resolve, reject) => {
      const args = [...tsNode, 'exit', '500'];
      execFile(process.execPath, args, { timeout: 20_000 }, (error, out) =>
        error ? reject(error) : resolve(out),
      );
    });

    const numbers = linesOf(stdout).map(({ line }) => line);
    expect(numbers).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
  }, 20_000);

  it('writes the lines of an idle process without waiting', async () => {
    const child = spawn(process.execPath, [...tsNode, 'stay', '3']);
    try {
      let stdout = '';
      await new Promise<void>((resolve) => {
        child.stdout.on('data', (chunk) => {
          stdout += chunk;
          const complete = stdout.endsWith('\n');
          if (complete && linesOf(stdout).length === 3) resolve();
        });
      });

      expect(child.exitCode).toBeNull();
      expect(linesOf(stdout).map(({ line }) => line)).toEqual([1, 2, 3]);
    } finally {
      child.kill();
    }
  }, 20_000);
});
