/**
 * A process that opens SQLite ledgers on request, for the concurrent-creation test. Runs the BUILT
 * store (dist/). For every line on stdin (a file path) it opens the ledger there, appends one event
 * to a stream of its own, closes it, and prints one line:
 *   OK <path>            or            ERR <path> <message>
 *
 *   node test/support/child-opener.js <name> [store|ledger]
 *
 * `store` (the default) opens the bare store; `ledger` opens it as `apply` does (openLedger for
 * writing: the store's migrations, then the views created and registered as its inline projection).
 */
'use strict';
const { randomUUID } = require('node:crypto');
const { join } = require('node:path');
const { createInterface } = require('node:readline');

const dist = join(__dirname, '..', '..', 'dist', 'src');
const { SqliteEventStore } = require(join(dist, 'store', 'sqlite.js'));
const { openLedger } = require(join(dist, 'ledger', 'open.js'));
const name = process.argv[2];
const mode = process.argv[3] ?? 'store';

const open = async (path) => {
  if (mode === 'store') return new SqliteEventStore({ path, synchronous: 'NORMAL' });
  const ledger = await openLedger({ kind: 'sqlite', path }, { access: 'write', synchronous: 'NORMAL' });
  return ledger.store;
};

const lines = createInterface({ input: process.stdin });
lines.on('line', async (path) => {
  try {
    const store = await open(path);
    await store.appendToStream(
      `opener-${name}`,
      [{ id: randomUUID(), type: 'Opened', data: { by: name }, metadata: {} }],
      { expectedRevision: 'no_stream' },
    );
    await store.close();
    process.stdout.write(`OK ${path}\n`);
  } catch (error) {
    process.stdout.write(`ERR ${path} ${String(error?.message).replace(/\n/g, ' ')}\n`);
  }
});
process.stdout.write('READY\n');
