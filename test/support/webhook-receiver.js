/**
 * A webhook receiver for the fault tests, as a process of its own (so that a test can SIGKILL it
 * mid-delivery). Listens on 127.0.0.1:<port> and answers each delivery as the mode file says:
 *   ok    204 at once          500   500 at once
 *   hang  never answers        slow  204 after 5 s
 * Every request is logged as one JSON line to the log file when it has arrived whole (phase
 * received), and again once its answer is sent (phase answered): { phase, deliveryId, attempt,
 * signature, body, mode, answer, at }. Prints LISTENING once it listens.
 *
 *   node test/support/webhook-receiver.js <port> <mode file> <log file>
 */
'use strict';
const { appendFileSync, readFileSync } = require('node:fs');
const { createServer } = require('node:http');

const [port, modeFile, logFile] = process.argv.slice(2);

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const mode = readFileSync(modeFile, 'utf8').trim();
    const answer = mode === 'ok' || mode === 'slow' ? 204 : mode === '500' ? 500 : null;
    const line = (phase) =>
      appendFileSync(
        logFile,
        `${JSON.stringify({
          phase,
          deliveryId: req.headers['vpn-ledger-delivery'],
          attempt: Number(req.headers['vpn-ledger-attempt']),
          signature: req.headers['vpn-ledger-signature'],
          body: Buffer.concat(chunks).toString('utf8'),
          mode,
          answer,
          at: Date.now(),
        })}\n`,
      );
    line('received');
    if (answer === null) return;
    const send = () => res.writeHead(answer).end(() => line('answered'));
    if (mode === 'slow') setTimeout(send, 5_000);
    else send();
  });
});
server.listen(Number(port), '127.0.0.1', () => process.stdout.write('LISTENING\n'));
