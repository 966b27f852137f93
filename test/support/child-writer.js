/**
 * A writer process for the reliability tests. Runs the BUILT ledger (dist/) against a SQLite file
 * at synchronous=FULL and executes a list of commands in order, printing one line per command as
 * soon as `Ledger.execute` has returned (the append is committed and fsynced by then):
 *   RESULT <index> <json>
 * stdout to a pipe is synchronous on Linux, so a line the parent has read was acknowledged.
 *
 *   node test/support/child-writer.js <config.json>
 * config: { store: path, commands: [...], from?: number, waitForGo?: boolean, maxRetries?: number }
 * With waitForGo it prints READY and waits for a line on stdin, so that several writers start at
 * once; otherwise it prints READY and starts.
 */
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const dist = join(__dirname, '..', '..', 'dist', 'src');
const { Ledger } = require(join(dist, 'ledger', 'ledger.js'));
const { systemClock } = require(join(dist, 'ledger', 'clock.js'));
const { openLedger } = require(join(dist, 'ledger', 'open.js'));
const { renderer } = require(join(dist, 'render', 'index.js'));

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));

const summary = (r) =>
  r.status === 'accepted'
    ? {
        status: r.status,
        commandId: r.commandId,
        repeated: r.repeated,
        eventsWritten: r.eventsWritten,
        attempts: r.attempts,
        events: r.events.map((e) => ({
          streamId: e.streamId,
          revision: String(e.revision),
          eventId: e.eventId,
          type: e.type,
        })),
      }
    : // The sentence is the edge's to render, from the code and its parameters.
      { status: r.status, commandId: r.commandId, code: r.code, message: renderer('en').resultMessage(r) };

const run = async () => {
  const { store } = await openLedger(
    { kind: 'sqlite', path: config.store },
    { access: 'write', synchronous: 'FULL' },
  );
  // As `vpn-ledger apply` does: the ledger file's views move with every append.
  const ledger = new Ledger({ store, clock: systemClock, maxRetries: config.maxRetries ?? 10 });
  process.stdout.write('READY\n');
  if (config.waitForGo) {
    await new Promise((resolve) =>
      process.stdin.once('data', () => {
        // A stdin left reading would keep this process alive after the last command.
        process.stdin.destroy();
        resolve();
      }),
    );
  }
  for (let i = config.from ?? 0; i < config.commands.length; i++) {
    let line;
    try {
      line = summary(await ledger.execute(config.commands[i]));
    } catch (error) {
      line = {
        status: 'threw',
        commandId: config.commands[i].commandId,
        message: String(error?.message),
      };
    }
    process.stdout.write(`RESULT ${i} ${JSON.stringify(line)}\n`);
  }
  await store.close();
  process.stdout.write('DONE\n');
};

run().catch((error) => {
  process.stderr.write(`${error?.stack}\n`);
  process.exit(1);
});
