import { MemoryEventStore } from '../../src/store';
import { storeContract } from './contract';

storeContract('memory', async () => new MemoryEventStore());
