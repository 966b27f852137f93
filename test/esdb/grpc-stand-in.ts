/**
 * EventStoreDbProtocolStandIn: a TEST-ONLY stand-in that speaks the part of EventStoreDB's gRPC
 * protocol that the EsdbEventStore adapter uses, so that the unmodified @eventstore/db-client can
 * be exercised in-process, on a loopback port, without Docker. It is not a store anyone deploys:
 * everything lives in memory and disappears with the process.
 *
 * Its behaviour follows EventStoreDB's documentation (each rule below cites the page and section
 * it imitates), never the adapter's assumptions. Where the documentation is silent, the rule is
 * taken from the server's source and says so.
 *
 * What it serves:
 *   - ServerFeatures.GetSupportedMethods (the client asks on first use, to choose BatchAppend).
 *   - Streams.Append (client streaming: options, then proposed messages).
 *   - Streams.BatchAppend (what a current server advertises and the client then prefers);
 *     it can be switched off to look like a 20.x server, which makes the client use Append.
 *   - Streams.Read: stream reads, $all reads and catch-up subscriptions to $all, with the
 *     optional event-type / stream-name filter and its checkpoints.
 *   Anything else answers UNIMPLEMENTED, as an older server would.
 *
 * What it does NOT imitate:
 *   - clustering, gossip, leader election, NotLeader redirects, read-only replicas;
 *   - TLS, authentication, ACLs and stream metadata ($$ streams, $maxAge, $maxCount, $tb);
 *   - stream deletion and tombstones, scavenging, truncation;
 *   - persistent subscriptions, projections, system projections and link events ($>);
 *   - subscriptions to a single stream (only $all subscriptions);
 *   - the real $-system streams: only a couple of inert "$"-typed events are seeded so that
 *     clients have system events to skip; there are no $settings/$users/$stats semantics;
 *   - the exact idempotency window: ESDB keeps a bounded cache of recent event ids for appends
 *     with 'any' / 'stream_exists'; the stand-in remembers every id forever;
 *   - explicit (multi-request) transactions, so commit == prepare for every event;
 *   - the transaction file's real record layout: positions are byte-like offsets that grow by
 *     an approximate record size, not real chunk offsets;
 *   - deadlines, max append size, back-pressure, slow-consumer drops and `fell_behind`;
 *   - durability: nothing survives `close()`.
 */
import { randomUUID } from 'node:crypto';
import { connect, createServer, type Server as NetServer, type Socket } from 'node:net';
import { Code } from '@eventstore/db-client/generated/code_pb';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import {
  AllStreamPosition,
  Empty,
  WrongExpectedVersion as SharedWrongExpectedVersion,
  StreamIdentifier,
  UUID,
} from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import {
  type AppendReq,
  AppendResp,
  type BatchAppendReq,
  BatchAppendResp,
  ReadReq,
  ReadResp,
} from '@eventstore/db-client/generated/streams_pb';
import {
  Metadata,
  Server,
  ServerCredentials,
  type ServerDuplexStream,
  type ServerReadableStream,
  type ServerUnaryCall,
  type ServerWritableStream,
  type sendUnaryData,
  status,
} from '@grpc/grpc-js';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as GoogleEmpty } from 'google-protobuf/google/protobuf/empty_pb';

type Expected = 'any' | 'no_stream' | 'stream_exists' | bigint;
type Current = bigint | 'no_stream';

interface StoredEvent {
  readonly stream: string;
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
  /** .NET ticks (100 ns) since the Unix epoch, as the server sends `created`. */
  readonly created: bigint;
  /** Pre-position of the record: the event's commit and prepare position alike. */
  readonly position: bigint;
  /** Post-position: where the next record starts. */
  readonly postPosition: bigint;
}

interface Proposed {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

type AppendOutcome =
  | {
      readonly kind: 'written' | 'idempotent';
      readonly last: StoredEvent | undefined;
      readonly current: Current;
    }
  | { readonly kind: 'wrong_expected_version'; readonly current: Current };

interface Filter {
  readonly on: 'event_type' | 'stream_identifier';
  readonly regex: RegExp | undefined;
  readonly prefixes: readonly string[];
  readonly checkpointEvery: number;
}

interface LiveSubscription {
  readonly call: ServerWritableStream<ReadReq, ReadResp>;
  readonly filter: Filter | undefined;
  readonly structuredIds: boolean;
  /** Position of the last event considered (delivered or filtered out), or -1n from the start. */
  last: bigint;
  consideredSinceCheckpoint: number;
}

export interface StandInOptions {
  /**
   * Advertise and serve Streams.BatchAppend, as servers since 21.10 do (default true). With
   * false the stand-in looks like a 20.x server and the client falls back to Streams.Append.
   */
  readonly batchAppend?: boolean;
  /** Where the log starts; set it above 2^53 to prove positions never pass through a double. */
  readonly initialLogPosition?: bigint;
  /** Seed a few "$"-typed system events at the head of the log (default true). */
  readonly seedSystemEvents?: boolean;
}

const TICKS_PER_MS = 10_000n;
const UINT64_MAX = (1n << 64n) - 1n;

const streamNameOf = (identifier: StreamIdentifier | undefined): string =>
  identifier ? Buffer.from(identifier.getStreamName_asU8()).toString('utf8') : '';

const identifierOf = (name: string): StreamIdentifier => {
  const identifier = new StreamIdentifier();
  identifier.setStreamName(Buffer.from(name, 'utf8'));
  return identifier;
};

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const uuidIn = (uuid: UUID | undefined): string => {
  if (!uuid) throw new Error('missing id');
  if (uuid.hasStructured()) {
    const s = uuid.getStructured()!;
    const hi = BigInt.asUintN(64, BigInt(s.getMostSignificantBits()));
    const lo = BigInt.asUintN(64, BigInt(s.getLeastSignificantBits()));
    const hex = ((hi << 64n) | lo).toString(16).padStart(32, '0');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  const id = uuid.getString().toLowerCase();
  if (!UUID_RE.test(id)) throw new Error(`invalid event id ${uuid.getString()}`);
  return id;
};

const uuidOut = (id: string, structured: boolean): UUID => {
  const uuid = new UUID();
  if (!structured) return uuid.setString(id);
  const n = BigInt(`0x${id.replace(/-/g, '')}`);
  const s = new UUID.Structured();
  s.setMostSignificantBits(BigInt.asIntN(64, n >> 64n).toString());
  s.setLeastSignificantBits(BigInt.asIntN(64, n & ((1n << 64n) - 1n)).toString());
  return uuid.setStructured(s);
};

/** A (commit, prepare) pair compared as EventStoreDB's TFPos: commit first, then prepare. */
const compareTf = (aCommit: bigint, aPrepare: bigint, bCommit: bigint, bPrepare: bigint): number =>
  aCommit === bCommit
    ? aPrepare === bPrepare
      ? 0
      : aPrepare < bPrepare
        ? -1
        : 1
    : aCommit < bCommit
      ? -1
      : 1;

const serviceError = (code: status, details: string, exception?: Record<string, string>) => {
  const metadata = new Metadata();
  for (const [k, v] of Object.entries(exception ?? {})) metadata.set(k, v);
  return Object.assign(new Error(details), { code, details, metadata });
};

export class EventStoreDbProtocolStandIn {
  private readonly grpc = new Server();
  private readonly proxy: NetServer;
  private readonly sockets = new Set<Socket>();
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly idsByStream = new Map<string, Map<string, StoredEvent>>();
  private readonly subscriptions = new Set<LiveSubscription>();
  private readonly batchAppend: boolean;
  private nextPosition: bigint;
  private grpcPort = 0;
  private publicPort = 0;

  private constructor(options: StandInOptions) {
    this.batchAppend = options.batchAppend ?? true;
    this.nextPosition = options.initialLogPosition ?? 0n;
    if (options.seedSystemEvents ?? true) {
      // Inert stand-ins for the records a fresh node writes; clients must skip "$" events.
      this.write('$epoch-information', [this.systemEvent('$epoch-information')]);
      this.write('$settings', [this.systemEvent('$settings')]);
    }
    this.grpc.addService(ServerFeaturesService, {
      getSupportedMethods: (
        call: ServerUnaryCall<Empty, SupportedMethods>,
        cb: sendUnaryData<SupportedMethods>,
      ) => this.getSupportedMethods(call, cb),
    });
    const unimplemented = (_call: unknown, cb: sendUnaryData<never>) =>
      cb(serviceError(status.UNIMPLEMENTED, 'Not implemented by the EventStoreDB protocol stand-in'));
    this.grpc.addService(StreamsService, {
      read: (call: ServerWritableStream<ReadReq, ReadResp>) => this.read(call),
      append: (call: ServerReadableStream<AppendReq, AppendResp>, cb: sendUnaryData<AppendResp>) =>
        this.append(call, cb),
      batchAppend: (call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>) =>
        this.batchAppend
          ? this.batchAppendCall(call)
          : call.emit('error', serviceError(status.UNIMPLEMENTED, 'BatchAppend')),
      delete: unimplemented,
      tombstone: unimplemented,
    });
    // Clients connect through this TCP relay so that `dropConnections()` can cut real sockets.
    this.proxy = createServer((client) => {
      const upstream = connect(this.grpcPort, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
  }

  /** Starts on 127.0.0.1 with an OS-chosen port. */
  static async start(options: StandInOptions = {}): Promise<EventStoreDbProtocolStandIn> {
    const standIn = new EventStoreDbProtocolStandIn(options);
    standIn.grpcPort = await new Promise<number>((resolve, reject) =>
      standIn.grpc.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (e, port) =>
        e ? reject(e) : resolve(port),
      ),
    );
    await new Promise<void>((resolve) => standIn.proxy.listen(0, '127.0.0.1', resolve));
    const address = standIn.proxy.address();
    standIn.publicPort = typeof address === 'object' && address ? address.port : 0;
    return standIn;
  }

  get port(): number {
    return this.publicPort;
  }

  get connectionString(): string {
    return `esdb://127.0.0.1:${this.publicPort}?tls=false`;
  }

  get activeSubscriptions(): number {
    return this.subscriptions.size;
  }

  /**
   * Ends every active subscription call with UNAVAILABLE (or CANCELLED), as a client sees a
   * subscription whose connection broke. Appends and reads are unaffected.
   */
  async dropSubscriptions(code: status.UNAVAILABLE | status.CANCELLED = status.UNAVAILABLE): Promise<number> {
    const dropped = [...this.subscriptions];
    this.subscriptions.clear();
    for (const sub of dropped) {
      sub.call.emit('error', serviceError(code, 'Subscription dropped by the protocol stand-in'));
    }
    return dropped.length;
  }

  /** Cuts every client TCP connection, which breaks whatever calls are in flight on it. */
  async dropConnections(): Promise<number> {
    const sockets = [...this.sockets];
    for (const s of sockets) s.destroy();
    return sockets.length;
  }

  /** Appends directly, bypassing gRPC: lets a test put e.g. system events into the log. */
  appendDirect(
    stream: string,
    events: readonly { type: string; data?: unknown; metadata?: unknown }[],
  ): void {
    this.write(
      stream,
      events.map((e) => ({
        id: randomUUID(),
        type: e.type,
        contentType: 'application/json',
        data: Buffer.from(JSON.stringify(e.data ?? {})),
        customMetadata: Buffer.from(JSON.stringify(e.metadata ?? {})),
      })),
    );
  }

  async close(): Promise<void> {
    await this.dropSubscriptions();
    const proxyClosed = new Promise<void>((resolve) => this.proxy.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.grpc.forceShutdown();
        resolve();
      }, 2000);
      this.grpc.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    await proxyClosed;
  }

  // --- ServerFeatures -------------------------------------------------------------------------

  /**
   * Lists only the methods implemented here, in the shape the server builds it (service and
   * method names lower-cased; Streams.Read with features "position" and "events").
   * Source: EventStore server, src/EventStore.Core/Services/Transport/Grpc/ServerFeatures.cs.
   */
  private getSupportedMethods(
    _call: ServerUnaryCall<Empty, SupportedMethods>,
    cb: sendUnaryData<SupportedMethods>,
  ) {
    const method = (service: string, name: string, features: string[] = []) => {
      const m = new SupportedMethod();
      m.setServiceName(service);
      m.setMethodName(name);
      m.setFeaturesList(features);
      return m;
    };
    const streams = 'event_store.client.streams.streams';
    const methods = [
      method(streams, 'read', ['position', 'events']),
      method(streams, 'append'),
      method('event_store.client.server_features.serverfeatures', 'getsupportedmethods'),
    ];
    if (this.batchAppend) methods.push(method(streams, 'batchappend', ['deadline_duration']));
    const result = new SupportedMethods();
    result.setEventStoreServerVersion('24.10.0');
    result.setMethodsList(methods);
    cb(null, result);
  }

  // --- Appends ----------------------------------------------------------------------------------

  private append(call: ServerReadableStream<AppendReq, AppendResp>, cb: sendUnaryData<AppendResp>): void {
    let options: AppendReq.Options | undefined;
    const proposed: Proposed[] = [];
    let failed = false;
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      cb(e as Error);
    };
    call.on('data', (req: AppendReq) => {
      try {
        if (req.hasOptions()) options = req.getOptions();
        else if (req.hasProposedMessage()) proposed.push(this.parseProposed(req.getProposedMessage()!));
      } catch (e) {
        fail(e);
      }
    });
    call.on('error', () => undefined);
    call.on('end', () => {
      if (failed) return;
      if (!options)
        return fail(serviceError(status.INVALID_ARGUMENT, 'The first message must carry options'));
      const stream = streamNameOf(options.getStreamIdentifier());
      const expected: Expected = options.hasRevision()
        ? BigInt(options.getRevision())
        : options.hasNoStream()
          ? 'no_stream'
          : options.hasStreamExists()
            ? 'stream_exists'
            : 'any';
      const outcome = this.appendChecked(stream, expected, proposed);
      const resp = new AppendResp();
      if (outcome.kind === 'wrong_expected_version') {
        // A wrong expected version is a response, not an RPC error, since the append response
        // types were added to the protocol (KurrentDB PR #2463, server 20.6).
        const wev = new AppendResp.WrongExpectedVersion();
        if (outcome.current === 'no_stream') wev.setCurrentNoStream(new Empty());
        else wev.setCurrentRevision(outcome.current.toString());
        if (typeof expected === 'bigint') wev.setExpectedRevision(expected.toString());
        else if (expected === 'no_stream') wev.setExpectedNoStream(new Empty());
        else if (expected === 'stream_exists') wev.setExpectedStreamExists(new Empty());
        else wev.setExpectedAny(new Empty());
        resp.setWrongExpectedVersion(wev);
      } else {
        const success = new AppendResp.Success();
        if (outcome.current === 'no_stream') success.setNoStream(new Empty());
        else success.setCurrentRevision(outcome.current.toString());
        if (outcome.last) {
          const position = new AppendResp.Position();
          position.setCommitPosition(outcome.last.position.toString());
          position.setPreparePosition(outcome.last.position.toString());
          success.setPosition(position);
        } else success.setNoPosition(new Empty());
        resp.setSuccess(success);
      }
      cb(null, resp);
    });
  }

  private batchAppendCall(call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>): void {
    const pending = new Map<string, { options: BatchAppendReq.Options; proposed: Proposed[] }>();
    call.on('error', () => undefined);
    call.on('end', () => call.end());
    call.on('data', (req: BatchAppendReq) => {
      const correlation = req.getCorrelationId();
      const key = correlation ? uuidIn(correlation) : '';
      const resp = new BatchAppendResp();
      if (correlation) resp.setCorrelationId(correlation);
      try {
        if (req.hasOptions()) pending.set(key, { options: req.getOptions()!, proposed: [] });
        const write = pending.get(key);
        if (!write) return;
        for (const m of req.getProposedMessagesList()) write.proposed.push(this.parseProposed(m));
        if (!req.getIsFinal()) return;
        pending.delete(key);
        const o = write.options;
        const stream = streamNameOf(o.getStreamIdentifier());
        resp.setStreamIdentifier(identifierOf(stream));
        const expected: Expected = o.hasStreamPosition()
          ? BigInt(o.getStreamPosition())
          : o.hasNoStream()
            ? 'no_stream'
            : o.hasStreamExists()
              ? 'stream_exists'
              : 'any';
        const outcome = this.appendChecked(stream, expected, write.proposed);
        if (outcome.kind === 'wrong_expected_version') {
          const wev = new SharedWrongExpectedVersion();
          if (outcome.current === 'no_stream') wev.setCurrentNoStream(new GoogleEmpty());
          else wev.setCurrentStreamRevision(outcome.current.toString());
          if (typeof expected === 'bigint') wev.setExpectedStreamPosition(expected.toString());
          else if (expected === 'no_stream') wev.setExpectedNoStream(new GoogleEmpty());
          else if (expected === 'stream_exists') wev.setExpectedStreamExists(new GoogleEmpty());
          else wev.setExpectedAny(new GoogleEmpty());
          const details = new Any();
          details.pack(wev.serializeBinary(), 'event_store.client.WrongExpectedVersion');
          const error = new Status();
          error.setCode(Code.FAILED_PRECONDITION);
          error.setMessage('WrongExpectedVersion');
          error.setDetails(details);
          resp.setError(error);
        } else {
          const success = new BatchAppendResp.Success();
          if (outcome.current === 'no_stream') success.setNoStream(new GoogleEmpty());
          else success.setCurrentRevision(outcome.current.toString());
          if (outcome.last) {
            const position = new AllStreamPosition();
            position.setCommitPosition(outcome.last.position.toString());
            position.setPreparePosition(outcome.last.position.toString());
            success.setPosition(position);
          } else success.setNoPosition(new GoogleEmpty());
          resp.setSuccess(success);
        }
      } catch (e) {
        const error = new Status();
        error.setCode(Code.INVALID_ARGUMENT);
        error.setMessage((e as Error).message);
        resp.setError(error);
      }
      call.write(resp);
    });
  }

  private parseProposed(m: AppendReq.ProposedMessage | BatchAppendReq.ProposedMessage): Proposed {
    const metadata = m.getMetadataMap();
    const type = metadata.get('type');
    const contentType = metadata.get('content-type');
    if (type === undefined || contentType === undefined) {
      throw serviceError(status.INVALID_ARGUMENT, 'Required metadata property missing', {
        exception: 'missing-required-metadata-property',
        'required-metadata-properties': type === undefined ? 'type' : 'content-type',
      });
    }
    return {
      id: uuidIn(m.getId()),
      type,
      contentType,
      data: m.getData_asU8(),
      customMetadata: m.getCustomMetadata_asU8(),
    };
  }

  /**
   * The expected-revision and idempotence rules, as documented:
   *  - "Handling concurrency" (developers.eventstore.com/clients/grpc/appending-events.html):
   *    NoStream fails if the stream exists, StreamExists fails if it does not, Any never fails
   *    the check, a revision must equal the stream's last event number.
   *  - "Idempotence" (developers.eventstore.com/clients/dotnet/21.2/appending.html, section
   *    "Optimistic concurrency and idempotence"): the check is on event ids within the stream,
   *    never on content. With an expected version lower than the current one, the ids after the
   *    expected version are compared: all already there -> success without appending; none or
   *    only some -> wrong expected version. With Any: all there -> success without appending,
   *    none -> append, some -> wrong expected version.
   * An idempotent success reports the original events' last revision and log position (servers
   * since 22.10 return the existing event's position; KurrentDB PR #4059).
   */
  private appendChecked(stream: string, expected: Expected, proposed: readonly Proposed[]): AppendOutcome {
    const events = this.streams.get(stream);
    const current: Current = events && events.length > 0 ? BigInt(events.length - 1) : 'no_stream';
    const currentNumber = current === 'no_stream' ? -1n : current;
    const ids = this.idsByStream.get(stream);
    const idempotent = (startRevision: bigint): AppendOutcome | undefined => {
      if (!events || proposed.length === 0) return undefined;
      const found = proposed.map((p, i) => {
        const e = events[Number(startRevision) + i];
        return e !== undefined && e.id === p.id ? e : undefined;
      });
      if (found.every((e) => e !== undefined)) {
        const last = found[found.length - 1]!;
        return { kind: 'idempotent', last, current: last.revision };
      }
      return undefined;
    };

    if (expected === 'stream_exists' && current === 'no_stream')
      return { kind: 'wrong_expected_version', current };
    if (expected === 'any' || expected === 'stream_exists') {
      const seen = proposed.filter((p) => ids?.has(p.id));
      if (seen.length === 0) return this.writeOutcome(stream, proposed, current);
      const first = ids!.get(proposed[0]!.id);
      const repeat = first ? idempotent(first.revision) : undefined;
      return repeat ?? { kind: 'wrong_expected_version', current };
    }
    const expectedNumber = expected === 'no_stream' ? -1n : expected;
    if (expectedNumber === currentNumber) return this.writeOutcome(stream, proposed, current);
    if (expectedNumber > currentNumber) return { kind: 'wrong_expected_version', current };
    return idempotent(expectedNumber + 1n) ?? { kind: 'wrong_expected_version', current };
  }

  /**
   * A successful write reports the stream's new last revision and the position of the last event
   * written ("AppendToStream returns the last event's commit position": EventStoreDB client
   * maintainer in kurrent-io/EventStore-Client-Go#88). Every event written outside an explicit
   * transaction has commit == prepare == its own log position (server AllReader:
   * `new TFPos(prepare.LogPosition, prepare.LogPosition)`).
   */
  private writeOutcome(stream: string, proposed: readonly Proposed[], current: Current): AppendOutcome {
    if (proposed.length === 0) return { kind: 'written', last: undefined, current };
    const written = this.write(stream, proposed);
    const last = written[written.length - 1]!;
    return { kind: 'written', last, current: last.revision };
  }

  private write(stream: string, proposed: readonly Proposed[]): StoredEvent[] {
    const events = this.streams.get(stream) ?? [];
    const ids = this.idsByStream.get(stream) ?? new Map<string, StoredEvent>();
    const created = BigInt(Date.now()) * TICKS_PER_MS;
    const written = proposed.map((p, i): StoredEvent => {
      const position = this.nextPosition;
      const size =
        80n +
        BigInt(
          Buffer.byteLength(stream) + Buffer.byteLength(p.type) + p.data.length + p.customMetadata.length,
        );
      this.nextPosition += size;
      return {
        stream,
        revision: BigInt(events.length + i),
        id: p.id,
        type: p.type,
        contentType: p.contentType,
        data: p.data,
        customMetadata: p.customMetadata,
        created,
        position,
        postPosition: position + size,
      };
    });
    for (const e of written) {
      events.push(e);
      this.log.push(e);
      if (!ids.has(e.id)) ids.set(e.id, e);
    }
    this.streams.set(stream, events);
    this.idsByStream.set(stream, ids);
    for (const sub of this.subscriptions) this.deliver(sub, written);
    return written;
  }

  private systemEvent(type: string): Proposed {
    return {
      id: randomUUID(),
      type,
      contentType: 'application/json',
      data: Buffer.from('{}'),
      customMetadata: new Uint8Array(),
    };
  }

  // --- Reads and subscriptions --------------------------------------------------------------

  private read(call: ServerWritableStream<ReadReq, ReadResp>): void {
    const options = call.request.getOptions();
    if (!options) {
      call.emit('error', serviceError(status.INVALID_ARGUMENT, 'Read without options'));
      return;
    }
    const structuredIds = options.getUuidOption()?.hasStructured() ?? false;
    let filter: Filter | undefined;
    try {
      filter = options.hasFilter() ? this.parseFilter(options.getFilter()!) : undefined;
    } catch (e) {
      call.emit('error', serviceError(status.INVALID_ARGUMENT, (e as Error).message));
      return;
    }
    if (options.hasSubscription()) {
      if (!options.hasAll()) {
        call.emit('error', serviceError(status.UNIMPLEMENTED, 'Stream subscriptions are not imitated'));
        return;
      }
      this.subscribeToAll(call, options.getAll()!, filter, structuredIds);
      return;
    }
    const count = options.hasCount() ? BigInt(options.getCount()) : UINT64_MAX;
    const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
    if (options.hasStream()) this.readStream(call, options.getStream()!, count, backwards, structuredIds);
    else this.readAll(call, options.getAll()!, count, backwards, filter, structuredIds);
  }

  /**
   * "Reading from a stream" (developers.eventstore.com/clients/grpc/reading-events.html):
   * forwards from Start or a revision (inclusive), backwards from End or a revision, at most
   * maxCount events; a stream that was never written answers StreamNotFound ("Checking if the
   * stream exists"). Reading past the end of an existing stream returns no events.
   */
  private readStream(
    call: ServerWritableStream<ReadReq, ReadResp>,
    o: ReadReq.Options.StreamOptions,
    count: bigint,
    backwards: boolean,
    structuredIds: boolean,
  ): void {
    const name = streamNameOf(o.getStreamIdentifier());
    const events = this.streams.get(name);
    if (!events || events.length === 0) {
      const notFound = new ReadResp.StreamNotFound();
      notFound.setStreamIdentifier(identifierOf(name));
      const resp = new ReadResp();
      resp.setStreamNotFound(notFound);
      call.write(resp);
      call.end();
      return;
    }
    const last = BigInt(events.length - 1);
    const out: StoredEvent[] = [];
    if (!backwards) {
      let r = o.hasStart() ? 0n : o.hasEnd() ? last + 1n : BigInt(o.getRevision());
      for (; r <= last && BigInt(out.length) < count; r++) out.push(events[Number(r)]!);
    } else {
      let r = o.hasEnd() ? last : o.hasStart() ? 0n : BigInt(o.getRevision());
      if (r > last) r = last;
      for (; r >= 0n && BigInt(out.length) < count; r--) out.push(events[Number(r)]!);
    }
    for (const e of out) call.write(this.eventResp(e, structuredIds));
    call.end();
  }

  /**
   * "Reading from the $all stream" (same page): positions are (commit, prepare) pairs; $all
   * includes system events ("Handling system events"). Forwards from a position includes the
   * event at that position; backwards returns the events before it. Source for the inclusive /
   * exclusive bounds: EventStore server, AllReader.ReadAllEventsForward / ReadAllEventsBackward.
   */
  private readAll(
    call: ServerWritableStream<ReadReq, ReadResp>,
    o: ReadReq.Options.AllOptions,
    count: bigint,
    backwards: boolean,
    filter: Filter | undefined,
    structuredIds: boolean,
  ): void {
    const pos = o.hasPosition() ? o.getPosition()! : undefined;
    const commit = pos ? BigInt(pos.getCommitPosition()) : 0n;
    const prepare = pos ? BigInt(pos.getPreparePosition()) : 0n;
    const candidates = backwards
      ? [...this.log]
          .reverse()
          .filter((e) =>
            o.hasStart()
              ? false
              : o.hasEnd()
                ? true
                : compareTf(e.postPosition, e.postPosition, commit, prepare) <= 0,
          )
      : this.log.filter((e) =>
          o.hasEnd() ? false : o.hasStart() ? true : compareTf(e.position, e.position, commit, prepare) >= 0,
        );
    let sent = 0n;
    for (const e of candidates) {
      if (sent >= count) break;
      if (filter && !this.matches(filter, e)) continue;
      call.write(this.eventResp(e, structuredIds));
      sent++;
    }
    call.end();
  }

  /**
   * "Catch-up subscriptions" (developers.eventstore.com/clients/grpc/subscriptions.html):
   * the server confirms the subscription, sends the existing events after the starting point,
   * then pushes new ones; "The positions provided to the subscriptions are exclusive. You will
   * only receive the next event after the subscribed position." Subscribing from End only gets
   * live events ("Subscribing to a stream for live updates"). With a filter ("Server-side
   * filtering"), only matching events are sent, plus a checkpoint after every
   * multiplier x 32 events considered ("Configuring the checkpoint interval").
   */
  private subscribeToAll(
    call: ServerWritableStream<ReadReq, ReadResp>,
    o: ReadReq.Options.AllOptions,
    filter: Filter | undefined,
    structuredIds: boolean,
  ): void {
    const confirmation = new ReadResp.SubscriptionConfirmation();
    confirmation.setSubscriptionId(randomUUID());
    const confirm = new ReadResp();
    confirm.setConfirmation(confirmation);
    call.write(confirm);

    const sub: LiveSubscription = { call, filter, structuredIds, last: -1n, consideredSinceCheckpoint: 0 };
    if (o.hasEnd()) {
      sub.last = this.log[this.log.length - 1]?.position ?? -1n;
    } else if (o.hasPosition()) {
      const p = o.getPosition()!;
      const commit = BigInt(p.getCommitPosition());
      const prepare = BigInt(p.getPreparePosition());
      const after = this.log.filter((e) => compareTf(e.position, e.position, commit, prepare) > 0);
      sub.last = commit;
      this.deliver(sub, after);
    } else {
      this.deliver(sub, this.log);
    }
    const caughtUp = new ReadResp();
    caughtUp.setCaughtUp(new ReadResp.CaughtUp());
    call.write(caughtUp);

    this.subscriptions.add(sub);
    const remove = () => this.subscriptions.delete(sub);
    call.on('cancelled', remove);
    call.on('close', remove);
    call.on('error', remove);
  }

  private deliver(sub: LiveSubscription, events: readonly StoredEvent[]): void {
    for (const e of events) {
      if (e.position <= sub.last && sub.last !== -1n) continue;
      sub.last = e.position;
      if (!sub.filter) {
        sub.call.write(this.eventResp(e, sub.structuredIds));
        continue;
      }
      if (this.matches(sub.filter, e)) sub.call.write(this.eventResp(e, sub.structuredIds));
      sub.consideredSinceCheckpoint++;
      if (sub.consideredSinceCheckpoint >= sub.filter.checkpointEvery) {
        sub.consideredSinceCheckpoint = 0;
        const checkpoint = new ReadResp.Checkpoint();
        checkpoint.setCommitPosition(e.position.toString());
        checkpoint.setPreparePosition(e.position.toString());
        const resp = new ReadResp();
        resp.setCheckpoint(checkpoint);
        sub.call.write(resp);
      }
    }
  }

  private parseFilter(f: ReadReq.Options.FilterOptions): Filter {
    const expression = f.hasEventType() ? f.getEventType() : f.getStreamIdentifier();
    const regex = expression?.getRegex();
    const window = f.hasMax() ? f.getMax() : 32;
    return {
      on: f.hasEventType() ? 'event_type' : 'stream_identifier',
      // .NET's Regex.IsMatch searches anywhere in the input, as RegExp.test does.
      regex: regex ? new RegExp(regex) : undefined,
      prefixes: expression?.getPrefixList() ?? [],
      checkpointEvery: Math.max(1, f.getCheckpointintervalmultiplier()) * Math.max(1, window),
    };
  }

  private matches(filter: Filter, e: StoredEvent): boolean {
    const subject = filter.on === 'event_type' ? e.type : e.stream;
    if (filter.prefixes.length > 0) return filter.prefixes.some((p) => subject.startsWith(p));
    return filter.regex ? filter.regex.test(subject) : true;
  }

  private eventResp(e: StoredEvent, structuredIds: boolean): ReadResp {
    const record = new ReadResp.ReadEvent.RecordedEvent();
    record.setId(uuidOut(e.id, structuredIds));
    record.setStreamIdentifier(identifierOf(e.stream));
    record.setStreamRevision(e.revision.toString());
    // Servers since 22.6 fill the $all position on stream reads too (KurrentDB PR #3459).
    record.setPreparePosition(e.position.toString());
    record.setCommitPosition(e.position.toString());
    record
      .getMetadataMap()
      .set('type', e.type)
      .set('content-type', e.contentType)
      .set('created', e.created.toString());
    record.setData(e.data);
    record.setCustomMetadata(e.customMetadata);
    const event = new ReadResp.ReadEvent();
    event.setEvent(record);
    event.setCommitPosition(e.position.toString());
    const resp = new ReadResp();
    resp.setEvent(event);
    return resp;
  }
}
