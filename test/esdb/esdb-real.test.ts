import { EsdbEventStore } from '../../src/store/esdb';
import { storeContract } from '../store/contract';

/**
 * The store contract against a real EventStoreDB. It runs only when EVENTSTORE_CONNECTION_STRING
 * is set (CI sets it, see .github/workflows/esdb.yml); this is the one skip the project allows.
 */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  storeContract('esdb (real server)', async () => new EsdbEventStore(connectionString));
} else {
  const notice =
    'SKIPPED: EventStoreDB contract suite — set EVENTSTORE_CONNECTION_STRING (e.g. esdb://localhost:2113?tls=false after `docker compose up -d`) to run it';
  console.warn(notice);
  // Jest drops the console output of a file whose tests are all skipped when it runs several
  // files, so the notice also goes straight to stderr.
  process.stderr.write(`\n${notice}\n\n`);
  describe.skip('EventStore contract: esdb (real server)', () => {
    it('needs EVENTSTORE_CONNECTION_STRING', () => undefined);
  });
}
