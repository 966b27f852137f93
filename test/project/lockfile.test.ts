/**
 * `npm ci` installs exactly what package-lock.json lists and refuses a lockfile that misses a
 * package: a lockfile written by an npm that left out other platforms' optional binaries
 * (`@swc/core-darwin-arm64`, `@biomejs/cli-win32-x64`, ...) installs here and fails on a Mac or in
 * CI. Every optional dependency of every locked package must have a lock entry of its own,
 * resolved as Node resolves it (the nearest node_modules up the tree).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface LockedPackage {
  version?: string;
  optionalDependencies?: Record<string, string>;
  dependencies?: Record<string, string>;
}

const root = join(__dirname, '..', '..');
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  lockfileVersion: number;
  packages: Record<string, LockedPackage>;
};
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<
  string,
  Record<string, string> | undefined
>;

/** The lock key Node would load `name` from, starting at the package installed at `from`. */
const resolveFrom = (from: string, name: string): string | null => {
  let dir = from;
  for (;;) {
    const candidate = dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
    if (Object.hasOwn(lock.packages, candidate)) return candidate;
    if (dir === '') return null;
    const cut = dir.lastIndexOf('/node_modules/');
    dir = cut === -1 ? '' : dir.slice(0, cut);
  }
};

describe('package-lock.json', () => {
  it('is a v3 lockfile whose root matches package.json', () => {
    expect(lock.lockfileVersion).toBe(3);
    const rootEntry = lock.packages[''] as Record<string, unknown>;
    for (const field of ['dependencies', 'devDependencies', 'optionalDependencies'] as const) {
      expect(rootEntry[field] ?? {}).toEqual(manifest[field] ?? {});
    }
  });

  it('locks every optional dependency of every locked package (all platforms, so that npm ci passes anywhere)', () => {
    const missing: string[] = [];
    let checked = 0;
    for (const [key, pkg] of Object.entries(lock.packages)) {
      for (const name of Object.keys(pkg.optionalDependencies ?? {})) {
        checked += 1;
        if (resolveFrom(key, name) === null) missing.push(`${key || '(root)'} → ${name}`);
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });

  it('locks every dependency of every locked package', () => {
    const missing: string[] = [];
    for (const [key, pkg] of Object.entries(lock.packages)) {
      if (key === '') continue;
      for (const name of Object.keys(pkg.dependencies ?? {})) {
        if (resolveFrom(key, name) === null) missing.push(`${key} → ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
