import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Vite's default cache sits in ./node_modules. In the dev container that
  // is the bind-mounted host tree, where a node_modules would shadow the
  // image's own packages.
  cacheDir: join(tmpdir(), 'koa-service-vite'),
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
