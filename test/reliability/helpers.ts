/** Shared pieces of the reliability tests: command scripts, child writers, log dumps and checks. */
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { eventIdFor } from '../../src/ledger/command-ids';
import { ChainVerifier } from '../../src/ledger/hash-chain';
import { breakText } from '../../src/render/integrity';
import { type RecordedEvent, SqliteEventStore } from '../../src/store';
import { deviceCount } from '../../src/terms/catalog';
import { buildViewsInto, viewDigests } from '../../src/views/replay';
import { ViewsDb } from '../../src/views/views-db';
import type { Envelope } from '../support/commands';

export const CHILD_WRITER = join(__dirname, '..', 'support', 'child-writer.js');
const WRITER_DEADLINE_MS = 90_000;

export const command = (
  type: string,
  commandId: string,
  data: Record<string, unknown>,
  actor = 'staff:sato',
): Envelope => ({
  type,
  commandId,
  actor,
  data,
});

const ITEM = 'single-star-single-edge';
const devices = (contractId: string, type: 'parent' | 'child') =>
  Array.from({ length: deviceCount(ITEM, type) }, (_, i) => `${contractId}-dev${i + 1}`);

export const registerNetwork = (networkId: string, holder: string, on = '2025-04-01', childSiteLimit = 50) =>
  command('RegisterNetwork', `${networkId}.register`, {
    networkId,
    parentContractId: `${networkId}-parent`,
    parentHolderId: holder,
    item: ITEM,
    childSiteLimit,
    registeredOn: on,
  });

export const acceptSite = (
  networkId: string,
  contractId: string,
  type: 'parent' | 'child',
  contractorId: string,
  subnet: string,
  on = '2025-04-02',
  commandId = `${contractId}.accept`,
) =>
  command('AcceptApplication', commandId, {
    contractId,
    networkId,
    contractType: type,
    contractorId,
    item: ITEM,
    deviceModel: 'Cisco C1121-8P',
    deviceItemIds: devices(contractId, type),
    maintenanceType: 'type-2',
    termYears: 1,
    site: { country: 'JP', text: 'Chiyoda-ku, Tokyo' },
    lanSubnets: [subnet],
    initialFee: 30000,
    monthlyFee: 12000,
    onSiteInstallation: null,
    acceptedOn: on,
  });

export const startBilling = (contractId: string, on = '2025-04-20') =>
  command('StartBilling', `${contractId}.billing`, { contractId, billingStartOn: on });

export const instructChange = (
  contractId: string,
  jobId: string,
  holder: string,
  at: string,
  commandId = `${contractId}.${jobId}.instruct`,
) =>
  command(
    'InstructConfigurationChange',
    commandId,
    {
      contractId,
      jobId,
      instructedBy: holder,
      instructedAt: at,
      description: `Job ${jobId}: add a static route.`,
    },
    `contractor:${holder}`,
  );

export const performChange = (contractId: string, jobId: string, at: string) =>
  command('PerformConfigurationChange', `${contractId}.${jobId}.perform`, {
    contractId,
    jobId,
    startedAt: at,
    itemIds: [devices(contractId, contractId.endsWith('-parent') ? 'parent' : 'child')[0]!],
  });

export const terminationNotice = (contractId: string, on: string, commandId = `${contractId}.notice`) =>
  command('ReceiveTerminationNotice', commandId, {
    contractId,
    noticeArrivedOn: on,
    requestedOn: null,
    ground: 'ordinary',
    evidenceRef: null,
  });

export const terminate = (contractId: string, effectiveOn: string) =>
  command('TerminateContract', `${contractId}.terminate`, { contractId, effectiveOn });

/** What a writer printed for one command. */
export interface ChildResult {
  readonly status: 'accepted' | 'rejected' | 'threw';
  readonly commandId: string;
  readonly repeated?: boolean;
  readonly eventsWritten?: number;
  readonly attempts?: number;
  readonly code?: string;
  readonly message?: string;
  readonly events?: readonly { streamId: string; revision: string; eventId: string; type: string }[];
}

export interface Writer {
  readonly child: ChildProcess;
  /** Results by command index, filled as lines arrive. */
  readonly results: Map<number, ChildResult>;
  readonly ready: Promise<void>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Starts test/support/child-writer.js on a config written next to the store. */
export const startWriter = (
  dir: string,
  name: string,
  config: {
    store: string;
    commands: readonly Envelope[];
    from?: number;
    waitForGo?: boolean;
    maxRetries?: number;
  },
): Writer => {
  const configPath = join(dir, `${name}.json`);
  writeFileSync(configPath, JSON.stringify(config));
  const child = spawn(process.execPath, [CHILD_WRITER, configPath], { stdio: ['pipe', 'pipe', 'pipe'] });
  const results = new Map<number, ChildResult>();
  let buffer = '';
  let stderr = '';
  let onReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    onReady = resolve;
  });
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    buffer += chunk;
    let nl = buffer.indexOf('\n');
    while (nl >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (line === 'READY') onReady();
      else if (line.startsWith('RESULT ')) {
        const space = line.indexOf(' ', 7);
        results.set(Number(line.slice(7, space)), JSON.parse(line.slice(space + 1)) as ChildResult);
      }
      nl = buffer.indexOf('\n');
    }
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    stderr += chunk;
  });
  // A writer that hangs must fail the test, not keep jest waiting.
  const watchdog = setTimeout(() => {
    stderr += `\nkilled by the test after ${WRITER_DEADLINE_MS} ms`;
    child.kill('SIGKILL');
  }, WRITER_DEADLINE_MS);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve) => {
      child.on('close', (code, signal) => {
        clearTimeout(watchdog);
        resolve({ code, signal, stderr });
      });
    },
  );
  // A writer that dies before READY must not leave the test waiting.
  void exited.then(() => onReady());
  return { child, results, ready, exited };
};

export interface LogRow {
  readonly global: number;
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

/** Every row of the file, in global order, as stored (a canonical dump to compare). */
export const dumpLog = (path: string): LogRow[] => {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare<[], LogRow>(
        'SELECT global_position AS global, stream_id AS streamId, revision, event_id AS eventId, type, data, metadata FROM events ORDER BY global_position',
      )
      .all();
  } finally {
    db.close();
  }
};

export const commandIdOf = (row: LogRow): string =>
  (JSON.parse(row.metadata) as { commandId: string }).commandId;

const actorOf = (row: LogRow): string => (JSON.parse(row.metadata) as { actor: string }).actor;

/** Rows grouped by the command that wrote them, in global order. */
export const byCommand = (rows: readonly LogRow[]): Map<string, LogRow[]> => {
  const out = new Map<string, LogRow[]>();
  for (const row of rows) {
    const id = commandIdOf(row);
    out.set(id, [...(out.get(id) ?? []), row]);
  }
  return out;
};

/**
 * The events of one command are eventIdFor(its actor and commandId, 0..n-1), written in that order. Returns a
 * problem, or null when the rows are such a prefix (of length `expected` when it is known).
 */
export const checkCommandRows = (
  commandId: string,
  rows: readonly LogRow[],
  expected?: number,
): string | null => {
  const ids = rows.map((r) => r.eventId);
  const want = rows.map((r, i) => eventIdFor({ actor: actorOf(r), commandId }, i));
  if (ids.join() !== want.join())
    return `${commandId}: event ids ${ids.join(', ')} are not ${want.join(', ')}`;
  if (expected !== undefined && ids.length !== expected)
    return `${commandId}: ${ids.length} of its ${expected} events are in the log`;
  return null;
};

/** Every stream's hash chain, checked with ChainVerifier; returns the breaks. */
export const chainBreaks = async (store: SqliteEventStore): Promise<string[]> => {
  const verifiers = new Map<string, ChainVerifier>();
  const breaks: string[] = [];
  for await (const event of store.readAll()) {
    let v = verifiers.get(event.streamId);
    if (!v) {
      v = new ChainVerifier(event.streamId);
      verifiers.set(event.streamId, v);
    }
    const b = v.check(event as RecordedEvent & { metadata: Record<string, unknown> });
    if (b) breaks.push(`${b.streamId}@${b.revision}: ${b.problem}: ${breakText('en', b.reason, b)}`);
  }
  return breaks;
};

/**
 * The digests of the views stored in the file (kept inline by its writers) and of views built
 * afresh from its log up to the position the stored ones reflect: equal when every acknowledged
 * event reached the views exactly once.
 */
export const storedViewsAndRebuild = async (
  path: string,
): Promise<[Record<string, string>, Record<string, string>]> => {
  const store = new SqliteEventStore({ path });
  try {
    const stored = new ViewsDb(store.db);
    const state = stored.state();
    if (state === null) throw new Error(`${path} has no views`);
    const fresh = new Database(':memory:');
    await buildViewsInto(store, fresh, state.position ? { upTo: state.position } : {});
    const rebuilt = viewDigests(new ViewsDb(fresh));
    fresh.close();
    return [viewDigests(stored), rebuilt];
  } finally {
    await store.close();
  }
};
