import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the service says about itself on `GET /`. */
export interface ServiceIdentity {
  name: string;
  version: string;
}

/**
 * Reads the name and version from package.json, which sits one directory
 * above this file in src/ (ts-node) and in dist/ (the build) alike.
 */
export function readServiceIdentity(): ServiceIdentity {
  const path = join(__dirname, '..', 'package.json');
  const { name, version } = JSON.parse(readFileSync(path, 'utf8'));
  return { name, version };
}
