/**
 * This program's package: where it lives and its version (`--version`, the OpenAPI document's
 * version, and part of every ETag: a new version may answer a question differently).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The package's root directory (where package.json and examples/ live), found by walking up from
 * this module: the same answer from src/documents (ts) and dist/src/documents (built).
 */
export const packageRoot = (): string => {
  let dir = __dirname;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const name = (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name;
      if (name === 'vpn-ledger') return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the vpn-ledger package root above ${__dirname}`);
    dir = parent;
  }
};

export const packageVersion = (): string =>
  (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
