/**
 * SIMULATION of an EventStoreDB node, for tests only: NOT EventStoreDB. A small in-process gRPC
 * server built from the client's own generated service definitions, so the real
 * @eventstore/db-client talks to it over HTTP/2. It answers the way the server's source does
 * (tags v24.10.0 / oss-v23.10.0), for the parts Cadran uses:
 *
 * - Streams.Read of a stream or of $all, forwards or backwards, that keeps streaming until the
 *   count is reached or the client cancels (a read left half-read stays open: `openReads`);
 * - $all subscriptions: confirmation, catch-up, a filtered subscription's checkpoints every
 *   checkpointIntervalMultiplier x 32 considered events and one at the last event sent when
 *   catch-up ends (Enumerator.AllSubscriptionFiltered.cs), CaughtUp, then live events;
 * - BatchAppend (what ServerFeatures makes the client use) with the maximum append size counted
 *   as the data bytes only (Event.SizeOnDisk), expected-version checks and the idempotency rules of
 *   IndexWriter.CheckCommit: ids compared at the slots after an older expected revision, and, for
 *   'any'/'stream_exists', only against a bounded cache of recent ids;
 * - a follower that answers NotLeader (with the leader's endpoint) to calls that require the
 *   leader, tombstoned streams, dropped subscriptions, system events and explicit transactions.
 *
 * What it does not do: persistence, replication, scavenging, authentication, gossip.
 */
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';

const clientRequire = createRequire(
  createRequire(import.meta.url).resolve('@eventstore/db-client'),
);
/* eslint-disable @typescript-eslint/no-explicit-any -- the client's generated protobuf classes are CommonJS without usable types here */
const generated = (name: string): any => clientRequire(`../generated/${name}`);
const streamsGrpc = generated('streams_grpc_pb.js');
const streamsPb = generated('streams_pb.js');
const sharedPb = generated('shared_pb.js');
const statusPb = generated('status_pb.js');
const featuresGrpc = generated('serverfeatures_grpc_pb.js');
const featuresPb = generated('serverfeatures_pb.js');
const anyPb = clientRequire('google-protobuf/google/protobuf/any_pb.js');
const emptyPb = clientRequire('google-protobuf/google/protobuf/empty_pb.js');

/** Enumerator.cs ReadBatchSize: the server's page and default search window. */
export const SIMULATED_READ_BATCH_SIZE = 32;
/** ClusterVNodeOptions.MaxAppendSize default. */
export const SIMULATED_DEFAULT_MAX_APPEND_SIZE = 1024 * 1024;

export interface SimulatedRecord {
  id: string;
  streamName: string;
  type: string;
  isJson: boolean;
  data: Buffer;
  metadata: Buffer;
  revision: bigint;
  commit: bigint;
  prepare: bigint;
  created: bigint;
}

interface Subscriber {
  call: grpc.ServerWritableStream<any, any>;
  send(record: SimulatedRecord): Promise<void>;
}

export interface SimulatedEsdbOptions {
  maxAppendSize?: number;
  /** Ids remembered for 'any'/'stream_exists' idempotency (the server's 8 MiB cache, in events). */
  idCacheSize?: number;
  /** HTTP/2 concurrent streams per connection (Kestrel's default is 100). */
  maxConcurrentStreams?: number;
}

export type SimulatedDrop = 'unavailable' | 'cancelled' | 'access-denied' | 'end';

export interface SimulatedEsdbNode {
  readonly connectionString: string;
  readonly host: string;
  readonly port: number;
  /** Read calls (stream, $all, subscriptions) the client has open right now. */
  readonly openReads: number;
  readonly cancelledReads: number;
  /** Appends that reached the log (not refused, not idempotent). */
  readonly appendsWritten: number;
  readonly records: readonly SimulatedRecord[];
  /** System events written by the node itself ($-prefixed type and stream). */
  writeSystemEvents(count: number): void;
  /** Events of one explicit (TCP) transaction: they share the commit record's position. */
  writeExplicitTransaction(
    streamName: string,
    events: { type: string; data: object }[],
  ): SimulatedRecord[];
  tombstone(streamName: string): void;
  /**
   * Ends every open subscription: with UNAVAILABLE (network), CANCELLED (node shutting down, 24.4+),
   * UNAUTHENTICATED (access denied) or a normal end of the call.
   */
  dropSubscriptions(how?: SimulatedDrop): number;
  /** While set, appends are answered with the server's write timeout (outcome unknown). */
  timeOutAppends: boolean;
  /**
   * Another node that shares this log but is a follower: it answers NotLeader to calls that
   * require the leader, and serves other reads as of when it started (it has not replicated since).
   */
  startFollower(): Promise<SimulatedEsdbNode>;
  stop(): Promise<void>;
}

interface SharedLog {
  records: SimulatedRecord[];
  streams: Map<string, SimulatedRecord[]>;
  tombstoned: Set<string>;
  recentIds: Map<string, { streamName: string; revision: bigint }>;
  subscribers: Set<Subscriber>;
  nextPosition: bigint;
  written: number;
}

const uuid = (value: string) => new sharedPb.UUID().setString(value);
const streamId = (name: string) =>
  new sharedPb.StreamIdentifier().setStreamName(Buffer.from(name, 'utf8'));

const metadataOf = (entries: Record<string, string>) => {
  const metadata = new grpc.Metadata();
  for (const [key, value] of Object.entries(entries)) metadata.set(key, value);
  return metadata;
};

function toReadEvent(record: SimulatedRecord, withCommit: boolean) {
  const recorded = new streamsPb.ReadResp.ReadEvent.RecordedEvent()
    .setId(uuid(record.id))
    .setStreamIdentifier(streamId(record.streamName))
    .setStreamRevision(record.revision.toString())
    .setCommitPosition(record.commit.toString())
    .setPreparePosition(record.prepare.toString())
    .setData(record.data)
    .setCustomMetadata(record.metadata);
  const map = recorded.getMetadataMap();
  map.set('type', record.type);
  map.set('content-type', record.isJson ? 'application/json' : 'application/octet-stream');
  map.set('created', record.created.toString());
  const event = new streamsPb.ReadResp.ReadEvent().setEvent(recorded);
  if (withCommit) event.setCommitPosition(record.commit.toString());
  else event.setNoPosition(new sharedPb.Empty());
  return new streamsPb.ReadResp().setEvent(event);
}

const checkpointMessage = (record: { commit: bigint; prepare: bigint }) =>
  new streamsPb.ReadResp().setCheckpoint(
    new streamsPb.ReadResp.Checkpoint()
      .setCommitPosition(record.commit.toString())
      .setPreparePosition(record.prepare.toString()),
  );

const packedStatus = (code: number, message: string, type: string, detail: any) => {
  const any = new anyPb.Any();
  any.pack(detail.serializeBinary(), type);
  return new statusPb.Status().setCode(code).setMessage(message).setDetails(any);
};

/** Writes one message, waiting for HTTP/2 flow control like the server's bounded channel does. */
async function write(call: grpc.ServerWritableStream<any, any>, message: any): Promise<boolean> {
  if (call.cancelled || call.destroyed) return false;
  if (!call.write(message)) {
    await new Promise<void>((resolve) => {
      const done = () => {
        call.off('drain', done);
        call.off('cancelled', done);
        call.off('close', done);
        resolve();
      };
      call.on('drain', done);
      call.on('cancelled', done);
      call.on('close', done);
    });
  }
  return !call.cancelled && !call.destroyed;
}

/** The event filter of a $all read (FilterOptions): on stream name or event type, prefix or regex. */
function filterOf(options: any): ((record: SimulatedRecord) => boolean) | undefined {
  if (!options.hasFilter()) return undefined;
  const filter = options.getFilter();
  const onStream = filter.hasStreamIdentifier();
  const expression = onStream ? filter.getStreamIdentifier() : filter.getEventType();
  const prefixes: string[] = expression.getPrefixList();
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  return (record) => {
    const value = onStream ? record.streamName : record.type;
    if (prefixes.length > 0) return prefixes.some((prefix) => value.startsWith(prefix));
    return regex === undefined || regex.test(value);
  };
}

export async function startSimulatedEsdb(
  options: SimulatedEsdbOptions = {},
): Promise<SimulatedEsdbNode> {
  const log: SharedLog = {
    records: [],
    streams: new Map(),
    tombstoned: new Set(),
    recentIds: new Map(),
    subscribers: new Set(),
    nextPosition: 1_000n,
    written: 0,
  };
  return startNode(log, options, undefined);
}

async function startNode(
  log: SharedLog,
  options: SimulatedEsdbOptions,
  leader: { host: string; port: number } | undefined,
): Promise<SimulatedEsdbNode> {
  const maxAppendSize = options.maxAppendSize ?? SIMULATED_DEFAULT_MAX_APPEND_SIZE;
  const idCacheSize = options.idCacheSize ?? 10_000;
  let openReads = 0;
  let cancelledReads = 0;
  const followers: SimulatedEsdbNode[] = [];

  const horizon = leader === undefined ? undefined : log.nextPosition;
  /** What a read sees: everything on the leader, the replicated part on a follower. */
  const visible = (records: readonly SimulatedRecord[]) =>
    horizon === undefined ? records : records.filter((record) => record.commit < horizon);

  const notLeader = (metadata: grpc.Metadata): grpc.ServiceError | undefined => {
    if (leader === undefined || metadata.get('requires-leader')[0] !== 'true') return undefined;
    return Object.assign(new Error('Leader info available'), {
      code: grpc.status.NOT_FOUND,
      details: 'Leader info available',
      metadata: metadataOf({
        exception: 'not-leader',
        'leader-endpoint-host': leader.host,
        'leader-endpoint-port': String(leader.port),
      }),
    });
  };

  const place = (record: Omit<SimulatedRecord, 'commit' | 'prepare' | 'created'>) => {
    const position = log.nextPosition;
    log.nextPosition += BigInt(100 + record.data.length + record.metadata.length);
    const placed: SimulatedRecord = {
      ...record,
      commit: position,
      prepare: position,
      created: BigInt(Date.now()) * 10_000n + 621_355_968_000_000_000n,
    };
    return placed;
  };

  const commit = (placed: SimulatedRecord[]) => {
    for (const record of placed) {
      log.records.push(record);
      const stream = log.streams.get(record.streamName) ?? [];
      stream.push(record);
      log.streams.set(record.streamName, stream);
      log.recentIds.set(record.id, { streamName: record.streamName, revision: record.revision });
      if (log.recentIds.size > idCacheSize) {
        const oldest = log.recentIds.keys().next().value;
        if (oldest !== undefined) log.recentIds.delete(oldest);
      }
    }
    for (const subscriber of log.subscribers) {
      for (const record of placed) void subscriber.send(record);
    }
  };

  const revisionOf = (streamName: string) => {
    const stream = log.streams.get(streamName);
    return stream === undefined ? -1n : BigInt(stream.length - 1);
  };

  const trackRead = (call: grpc.ServerWritableStream<any, any>) => {
    openReads++;
    let open = true;
    const close = () => {
      if (!open) return;
      open = false;
      openReads--;
    };
    call.on('cancelled', () => {
      if (open) cancelledReads++;
      close();
    });
    call.on('finish', close);
    call.on('close', close);
    return close;
  };

  async function readStream(call: grpc.ServerWritableStream<any, any>, options: any) {
    const stream = options.getStream();
    const name = Buffer.from(stream.getStreamIdentifier().getStreamName()).toString('utf8');
    if (log.tombstoned.has(name)) {
      call.emit('error', {
        code: grpc.status.FAILED_PRECONDITION,
        details: `Event stream '${name}' is deleted.`,
        metadata: metadataOf({ exception: 'stream-deleted', 'stream-name': name }),
      });
      return;
    }
    const stored = log.streams.get(name);
    const records = stored === undefined ? undefined : visible(stored);
    if (records === undefined || records.length === 0) {
      await write(
        call,
        new streamsPb.ReadResp().setStreamNotFound(
          new streamsPb.ReadResp.StreamNotFound().setStreamIdentifier(streamId(name)),
        ),
      );
      call.end();
      return;
    }
    const backwards = options.getReadDirection() === 1;
    let count = BigInt(options.getCount());
    const from = stream.hasStart()
      ? 0
      : stream.hasEnd()
        ? records.length - 1
        : Number(BigInt(stream.getRevision()));
    for (
      let index = backwards ? Math.min(from, records.length - 1) : from;
      count > 0n && index >= 0 && index < records.length;
      index += backwards ? -1 : 1, count--
    ) {
      if (!(await write(call, toReadEvent(records[index]!, false)))) return;
    }
    call.end();
  }

  const allFrom = (options: any) => {
    const all = options.getAll();
    if (all.hasStart()) return { commit: -1n, prepare: -1n, end: false };
    if (all.hasEnd()) return { commit: -1n, prepare: -1n, end: true };
    const position = all.getPosition();
    return {
      commit: BigInt(position.getCommitPosition()),
      prepare: BigInt(position.getPreparePosition()),
      end: false,
    };
  };

  const after = (record: SimulatedRecord, from: { commit: bigint; prepare: bigint }) =>
    record.commit > from.commit || (record.commit === from.commit && record.prepare > from.prepare);

  async function readAll(call: grpc.ServerWritableStream<any, any>, options: any) {
    const from = allFrom(options);
    const backwards = options.getReadDirection() === 1;
    let count = BigInt(options.getCount());
    const records = visible(log.records);
    if (backwards) {
      // From the end, or before the given position (a backward read from a position excludes it).
      for (let index = records.length - 1; count > 0n && index >= 0; index--) {
        const record = records[index]!;
        if (!from.end && !(record.commit < from.commit)) continue;
        if (!(await write(call, toReadEvent(record, true)))) return;
        count--;
      }
    } else {
      // A forward read from a position includes the record at that position (AllReader.cs).
      for (let index = 0; count > 0n && index < records.length; index++) {
        const record = records[index]!;
        if (
          record.commit < from.commit ||
          (record.commit === from.commit && record.prepare < from.prepare)
        )
          continue;
        if (!(await write(call, toReadEvent(record, true)))) return;
        count--;
      }
    }
    call.end();
  }

  async function subscribeToAll(call: grpc.ServerWritableStream<any, any>, options: any) {
    const filter = filterOf(options);
    const interval = filter
      ? options.getFilter().getCheckpointintervalmultiplier() *
        (options.getFilter().getMax() || SIMULATED_READ_BATCH_SIZE)
      : 0;
    const from = allFrom(options);
    let sent: { commit: bigint; prepare: bigint } = from.end
      ? (log.records.at(-1) ?? { commit: -1n, prepare: -1n })
      : from;
    let considered = 0;
    let live = false;
    const pending: SimulatedRecord[] = [];
    let sending: Promise<void> = Promise.resolve();

    const consider = async (record: SimulatedRecord): Promise<boolean> => {
      if (!after(record, sent)) return true;
      if (filter === undefined || filter(record)) {
        if (!(await write(call, toReadEvent(record, true)))) return false;
        sent = record;
      }
      considered++;
      if (interval > 0 && considered >= interval) {
        considered = 0;
        sent = record;
        if (!(await write(call, checkpointMessage(record)))) return false;
      }
      return true;
    };

    const subscriber: Subscriber = {
      call,
      send(record) {
        if (!live) {
          pending.push(record);
          return Promise.resolve();
        }
        sending = sending.then(async () => {
          await consider(record);
        });
        return sending;
      },
    };
    log.subscribers.add(subscriber);
    const unsubscribe = () => log.subscribers.delete(subscriber);
    call.on('cancelled', unsubscribe);
    call.on('close', unsubscribe);

    await write(
      call,
      new streamsPb.ReadResp().setConfirmation(
        new streamsPb.ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID()),
      ),
    );
    // Catch-up: pages of the log as it is, then whatever arrived meanwhile.
    for (let index = 0; index < log.records.length; index++) {
      if (!(await consider(log.records[index]!))) return;
    }
    if (filter !== undefined && sent.commit >= 0n && !(await write(call, checkpointMessage(sent))))
      return;
    if (
      !(await write(call, new streamsPb.ReadResp().setCaughtUp(new streamsPb.ReadResp.CaughtUp())))
    )
      return;
    live = true;
    for (const record of pending.splice(0)) void subscriber.send(record);
  }

  const server = new grpc.Server({
    'grpc.max_concurrent_streams': options.maxConcurrentStreams ?? 100,
  });
  server.addService(featuresGrpc.ServerFeaturesService, {
    getSupportedMethods(_call: unknown, callback: grpc.sendUnaryData<unknown>) {
      const method = new featuresPb.SupportedMethod()
        .setServiceName('event_store.client.streams.streams')
        .setMethodName('batchappend');
      callback(
        null,
        new featuresPb.SupportedMethods()
          .setMethodsList([method])
          .setEventStoreServerVersion('24.10.0-simulated'),
      );
    },
  });
  server.addService(streamsGrpc.StreamsService, {
    read(call: grpc.ServerWritableStream<any, any>) {
      const refused = notLeader(call.metadata);
      if (refused) {
        call.emit('error', refused);
        return;
      }
      trackRead(call);
      const options = call.request.getOptions();
      const run = options.hasStream()
        ? readStream(call, options)
        : options.hasSubscription()
          ? subscribeToAll(call, options)
          : readAll(call, options);
      run.catch((error: Error) =>
        call.emit('error', { code: grpc.status.INTERNAL, details: error.message }),
      );
    },
    batchAppend(call: grpc.ServerDuplexStream<any, any>) {
      const refused = notLeader(call.metadata);
      const pendingWrites = new Map<
        string,
        { streamName: string; expected: any; size: number; events: any[] }
      >();
      call.on('data', (request: any) => {
        if (refused) {
          // Streams.BatchAppend.cs: NotHandled(NotLeader) throws LeaderInfo, failing the whole call.
          call.emit('error', refused);
          return;
        }
        const correlationId = request.getCorrelationId();
        const key = correlationId.getString();
        if (request.hasOptions()) {
          const requestOptions = request.getOptions();
          pendingWrites.set(key, {
            streamName: Buffer.from(requestOptions.getStreamIdentifier().getStreamName()).toString(
              'utf8',
            ),
            expected: requestOptions,
            size: 0,
            events: [],
          });
        }
        const pendingWrite = pendingWrites.get(key);
        if (pendingWrite === undefined) return;
        for (const message of request.getProposedMessagesList()) {
          pendingWrite.events.push(message);
          pendingWrite.size += message.getData_asU8().length;
        }
        const response = new streamsPb.BatchAppendResp()
          .setCorrelationId(correlationId)
          .setStreamIdentifier(streamId(pendingWrite.streamName));
        if (pendingWrite.size > maxAppendSize) {
          pendingWrites.delete(key);
          const detail = new sharedPb.MaximumAppendSizeExceeded().setMaxappendsize(maxAppendSize);
          call.write(
            response.setError(
              packedStatus(
                3,
                'Maximum Append Size Exceeded',
                'event_store.client.MaximumAppendSizeExceeded',
                detail,
              ),
            ),
          );
        }
        if (!request.getIsFinal() || !pendingWrites.delete(key)) return;
        if (node.timeOutAppends) {
          // The write may still happen; the client only learns that no answer came in time.
          call.write(
            response.setError(
              packedStatus(4, 'Timeout', 'event_store.client.Timeout', new sharedPb.Timeout()),
            ),
          );
          return;
        }
        call.write(append(pendingWrite, response));
      });
      call.on('end', () => call.end());
    },
  });

  function append(
    request: { streamName: string; expected: any; events: any[] },
    response: any,
  ): any {
    const { streamName, events } = request;
    const options = request.expected;
    const current = revisionOf(streamName);
    const wrongVersion = () => {
      const detail = new sharedPb.WrongExpectedVersion();
      if (current < 0n) detail.setCurrentNoStream(new emptyPb.Empty());
      else detail.setCurrentStreamRevision(current.toString());
      if (options.hasStreamPosition())
        detail.setExpectedStreamPosition(options.getStreamPosition());
      else if (options.hasNoStream()) detail.setExpectedNoStream(new emptyPb.Empty());
      else if (options.hasStreamExists()) detail.setExpectedStreamExists(new emptyPb.Empty());
      else detail.setExpectedAny(new emptyPb.Empty());
      return response.setError(
        packedStatus(
          9,
          'Wrong Expected Version',
          'event_store.client.WrongExpectedVersion',
          detail,
        ),
      );
    };
    const success = (revision: bigint, last: SimulatedRecord | undefined) => {
      const ok = new streamsPb.BatchAppendResp.Success().setCurrentRevision(revision.toString());
      if (last)
        ok.setPosition(
          new sharedPb.AllStreamPosition()
            .setCommitPosition(last.commit.toString())
            .setPreparePosition(last.prepare.toString()),
        );
      else ok.setNoPosition(new emptyPb.Empty());
      return response.setSuccess(ok);
    };
    if (log.tombstoned.has(streamName)) {
      const detail = new sharedPb.StreamDeleted().setStreamIdentifier(streamId(streamName));
      return response.setError(
        packedStatus(9, 'Stream Deleted', 'event_store.client.StreamDeleted', detail),
      );
    }
    const ids: string[] = events.map((message: any) => message.getId().getString());
    const stream = log.streams.get(streamName) ?? [];
    const idempotentAt = (first: bigint): 'idempotent' | 'corrupted' | 'no' => {
      // IndexWriter.CheckCommit, expected < current: the ids at slots expected+1... decide.
      const matches = ids.map((id, index) => stream[Number(first) + index]?.id === id);
      if (matches.every(Boolean)) return 'idempotent';
      return matches[0] ? 'corrupted' : 'no';
    };
    const expected: bigint | 'any' | 'stream_exists' = options.hasStreamPosition()
      ? BigInt(options.getStreamPosition())
      : options.hasNoStream()
        ? -1n
        : options.hasStreamExists()
          ? 'stream_exists'
          : 'any';
    if (typeof expected === 'bigint') {
      if (expected < current) {
        const verdict = idempotentAt(expected + 1n);
        if (verdict === 'idempotent') {
          const last = stream[Number(expected) + ids.length]!;
          return success(last.revision, last);
        }
        return wrongVersion();
      }
      if (expected > current) return wrongVersion();
    } else {
      // 'any' / 'stream_exists': only the bounded cache of recent ids is looked at.
      const first = log.recentIds.get(ids[0] ?? '');
      if (first !== undefined && first.streamName === streamName) {
        const verdict = idempotentAt(first.revision);
        if (verdict === 'idempotent') {
          const last = stream[Number(first.revision) + ids.length - 1]!;
          return success(last.revision, last);
        }
        if (verdict === 'corrupted') return wrongVersion();
      }
      if (expected === 'stream_exists' && current < 0n) return wrongVersion();
    }
    const placed = events.map((message: any, index: number) => {
      const map = message.getMetadataMap();
      return place({
        id: ids[index]!,
        streamName,
        type: map.get('type'),
        isJson: map.get('content-type') === 'application/json',
        data: Buffer.from(message.getData_asU8()),
        metadata: Buffer.from(message.getCustomMetadata_asU8()),
        revision: current + 1n + BigInt(index),
      });
    });
    commit(placed);
    log.written++;
    return success(current + BigInt(placed.length), placed.at(-1));
  }

  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  const host = '127.0.0.1';

  const node: SimulatedEsdbNode = {
    connectionString: `esdb://${host}:${port}?tls=false`,
    host,
    port,
    get openReads() {
      return openReads;
    },
    get cancelledReads() {
      return cancelledReads;
    },
    get appendsWritten() {
      return log.written;
    },
    get records() {
      return log.records;
    },
    writeSystemEvents(count) {
      const placed = Array.from({ length: count }, (_, index) =>
        place({
          id: randomUUID(),
          streamName: '$stats-simulated',
          type: '$statsCollected',
          isJson: true,
          data: Buffer.from(JSON.stringify({ index })),
          metadata: Buffer.alloc(0),
          revision: revisionOf('$stats-simulated') + 1n + BigInt(index),
        }),
      );
      commit(placed);
    },
    writeExplicitTransaction(streamName, events) {
      const current = revisionOf(streamName);
      const prepares = events.map((event, index) =>
        place({
          id: randomUUID(),
          streamName,
          type: event.type,
          isJson: true,
          data: Buffer.from(JSON.stringify(event.data)),
          metadata: Buffer.from('{}'),
          revision: current + 1n + BigInt(index),
        }),
      );
      // The commit record comes after the prepares; every event carries its position as commit.
      const commitPosition = log.nextPosition;
      log.nextPosition += 100n;
      const placed = prepares.map((record) => ({ ...record, commit: commitPosition }));
      commit(placed);
      return placed;
    },
    tombstone(streamName) {
      log.tombstoned.add(streamName);
    },
    dropSubscriptions(how = 'unavailable') {
      const dropped = [...log.subscribers];
      const code = {
        unavailable: grpc.status.UNAVAILABLE,
        cancelled: grpc.status.CANCELLED,
        'access-denied': grpc.status.UNAUTHENTICATED,
        end: grpc.status.OK,
      }[how];
      for (const subscriber of dropped) {
        log.subscribers.delete(subscriber);
        if (how === 'end') subscriber.call.end();
        else subscriber.call.emit('error', { code, details: `simulated: subscription ${how}` });
      }
      return dropped.length;
    },
    timeOutAppends: false,
    async startFollower() {
      const follower = await startNode(log, options, { host, port });
      followers.push(follower);
      return follower;
    },
    async stop() {
      await Promise.all(followers.map((follower) => follower.stop()));
      server.forceShutdown();
    },
  };
  return node;
}
