import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summariseProfile } from '../../bench/profile-summary';

const frame = (functionName: string, url = '/repo/dist/src/x.js', lineNumber = 0) => ({
  functionName,
  url,
  lineNumber,
});

describe('the profile summary of npm run profile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'profile-summary-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('ranks self and inclusive time, leaving start-up and idle samples out', () => {
    // root → main → (hash 30 µs, insert 10 µs); root → Module._load → compile 100 µs; idle 500 µs.
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', ''), children: [2, 5, 7] },
        { id: 2, callFrame: frame('main', '/repo/dist/src/ledger.js', 9), children: [3, 4] },
        { id: 3, callFrame: frame('hash', '/repo/node_modules/canon/x.js', 4) },
        { id: 4, callFrame: frame('insert', '/repo/dist/src/store.js', 1) },
        { id: 5, callFrame: frame('Module._load', 'node:internal/modules/cjs/loader'), children: [6] },
        { id: 6, callFrame: frame('compile', 'node:internal/x') },
        { id: 7, callFrame: frame('(idle)', '') },
      ],
      samples: [3, 4, 3, 6, 7, 3],
      timeDeltas: [10, 10, 10, 100, 500, 10],
    };
    const path = join(dir, 'p.cpuprofile');
    writeFileSync(path, JSON.stringify(profile));
    const summary = summariseProfile(path);
    expect(summary.sampledMs).toBeCloseTo(0.04);
    expect(summary.self).toEqual([
      { name: 'hash node_modules/canon/x.js:5', share: 0.75 },
      { name: 'insert dist/src/store.js:2', share: 0.25 },
    ]);
    expect(summary.inclusive[0]).toEqual({ name: 'main dist/src/ledger.js:10', share: 1 });
  });
});
