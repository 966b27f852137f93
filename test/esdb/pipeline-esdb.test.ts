/**
 * The command pipeline on the EventStoreDB adapter, through the unmodified client and the gRPC
 * protocol stand-in (as the store contract suite in esdb-stand-in.test.ts): the same tests the
 * memory and SQLite adapters pass in test/ledger/pipeline.test.ts.
 */
import { EsdbEventStore } from '../../src/store/esdb';
import { pipelineContract } from '../ledger/pipeline-contract';
import { EventStoreDbProtocolStandIn } from './grpc-stand-in';

let standIn: EventStoreDbProtocolStandIn;
beforeAll(async () => {
  standIn = await EventStoreDbProtocolStandIn.start();
});
afterAll(async () => {
  await standIn.close();
});

pipelineContract('esdb via gRPC stand-in', async () => new EsdbEventStore(standIn.connectionString), {
  exactRacingCounts: false,
});
