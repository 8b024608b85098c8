import { Metadata, Server, ServerCredentials, ServerReadableStream, ServerWritableStream, status, sendUnaryData } from '@grpc/grpc-js';
import { StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { StreamsServiceService } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v2/streams/streams_grpc_pb';
import { AppendRequest, AppendResponse, AppendSessionResponse } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v2/streams/streams_pb';
import { StreamRevisionConflictErrorDetails } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v2/streams/errors_pb';
import { Status } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/status_pb';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Struct } from 'google-protobuf/google/protobuf/struct_pb';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';

/**
 * An in-process KurrentDB for tests where no server runs: a gRPC server built from the clients'
 * own generated service definitions, holding its log in memory. It answers the calls our adapter
 * makes (v1 `Streams.Read` for reads and subscriptions, v2 `StreamsService.AppendSession` for
 * appends, `ServerFeatures`) the way the server's source says it does; each behaviour cites the
 * file it follows, in kurrent-io/KurrentDB (formerly EventStore/EventStore) at the tag named.
 * It is a double, not a server: no persistence, no cluster, no security, one node.
 */

/** One record of the log: an event and where it lies. */
export type FakeRecord = { streamId: string; id: string; revision: number; position: bigint; type: string; data: Buffer; metadata: Buffer; isJson: boolean };

export type FakeKurrentDbOptions = {
  /** `25.1` offers the multi-stream append; `24.10` does not (its ServerFeatures lack AppendSession). */
  version?: '25.1' | '24.10';
  /**
   * Concurrent HTTP/2 streams per connection. The server's Kestrel allows 100
   * (`Http2Limits.MaxStreamsPerConnection`); a call beyond it waits for one to end.
   */
  maxConcurrentStreams?: number;
};

const ticks = (date: Date): string => (BigInt(date.getTime()) * 10_000n + 621_355_968_000_000_000n).toString();

export class FakeKurrentDb {
  readonly log: FakeRecord[] = [];
  /** Calls the server is serving now: the test of a leak. */
  openCalls = 0;
  /** Every Read call ever opened, by kind. */
  readonly opened = { reads: 0, subscriptions: 0, appends: 0 };
  /** Reads hang without an answer (a stalled server) while true. */
  stallReads = false;
  /** The next appends write (or not) and then answer as the server does on a commit timeout. */
  timeOutAppends: { count: number; afterWriting: boolean } = { count: 0, afterWriting: false };
  private nextPosition = 1_000n;
  private readonly live = new Set<(record: FakeRecord) => void>();
  private readonly subscriptions = new Set<ServerWritableStream<ReadReq, ReadResp>>();
  private server?: Server;
  private port = 0;

  private constructor(private readonly options: FakeKurrentDbOptions) {}

  static async start(options: FakeKurrentDbOptions = {}): Promise<FakeKurrentDb> {
    const fake = new FakeKurrentDb(options);
    await fake.listen();
    return fake;
  }

  /** Single node, insecure, as the adapter's connection string. */
  get connectionString(): string {
    return `kurrentdb://127.0.0.1:${this.port}?tls=false`;
  }

  /** The position a read of `$all` from the end starts at: just past the last record. */
  get endPosition(): bigint {
    return this.nextPosition;
  }

  /** Writes a record as any other writer would (another application, a test's foreign event). */
  write(streamId: string, type: string, data: Buffer, options: { isJson?: boolean; metadata?: Buffer; id?: string } = {}): FakeRecord {
    const revision = this.log.filter((record) => record.streamId === streamId).length;
    const metadata = options.metadata ?? Buffer.alloc(0);
    const record: FakeRecord = { streamId, id: options.id ?? randomUUID(), revision, position: this.nextPosition, type, data, metadata, isJson: options.isJson ?? true };
    // Positions are byte offsets in the transaction file: each record moves the next one on by its size.
    this.nextPosition += BigInt(80 + streamId.length + type.length + data.length + metadata.length);
    this.log.push(record);
    for (const notify of this.live) notify(record);
    return record;
  }

  /** Ends every live subscription with an error, as a lost connection or a restarted node does. */
  dropSubscriptions(): void {
    for (const call of this.subscriptions) call.emit('error', { code: status.UNAVAILABLE, details: 'Server is restarting' });
    this.subscriptions.clear();
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((done) => server.tryShutdown(() => done()));
    server.forceShutdown();
  }

  private async listen(): Promise<void> {
    const server = new Server({ 'grpc.max_concurrent_streams': this.options.maxConcurrentStreams ?? 100 });
    server.addService(ServerFeaturesService, { getSupportedMethods: (call: unknown, done: sendUnaryData<SupportedMethods>) => done(null, this.supportedMethods()) });
    server.addService(StreamsService, { read: (call: ServerWritableStream<ReadReq, ReadResp>) => this.tracked(call, () => this.read(call)) });
    if ((this.options.version ?? '25.1') === '25.1') {
      server.addService(StreamsServiceService, {
        appendSession: (call: ServerReadableStream<AppendRequest, AppendSessionResponse>, done: sendUnaryData<AppendSessionResponse>) =>
          this.tracked(call, () => this.appendSession(call, done)),
      });
    }
    this.port = await new Promise<number>((done, fail) => server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, port) => (error ? fail(error) : done(port))));
    this.server = server;
  }

  /** Counts a call as open until it ends, is cancelled by the client, or fails. */
  private tracked(call: { on: (event: string, listener: () => void) => unknown }, serve: () => Promise<void>): void {
    this.openCalls += 1;
    let closed = false;
    const close = (): void => {
      if (closed) return;
      closed = true;
      this.openCalls -= 1;
    };
    call.on('cancelled', close);
    call.on('finish', close);
    call.on('close', close);
    call.on('error', close);
    serve().catch(() => close());
  }

  private supportedMethods(): SupportedMethods {
    const method = (service: string, name: string): SupportedMethod => new SupportedMethod().setServiceName(service).setMethodName(name);
    const methods = [method('event_store.client.streams.Streams', 'read'), method('event_store.client.server_features.ServerFeatures', 'getSupportedMethods')];
    if ((this.options.version ?? '25.1') === '25.1') methods.push(method('kurrentdb.protocol.v2.streams.StreamsService', 'AppendSession'));
    return new SupportedMethods().setMethodsList(methods).setEventStoreServerVersion(this.options.version === '24.10' ? '24.10.0' : '25.1.0');
  }

  private async read(call: ServerWritableStream<ReadReq, ReadResp>): Promise<void> {
    const options = call.request.getOptions();
    if (!options) throw new Error('A read without options');
    if (options.hasSubscription()) return this.subscribe(call, options);
    this.opened.reads += 1;
    if (this.stallReads) return; // no answer until the client gives up and cancels
    const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
    const count = Number(options.getCount());
    let records: FakeRecord[];
    if (options.hasStream()) {
      const stream = options.getStream();
      const streamId = Buffer.from(stream?.getStreamIdentifier()?.getStreamName_asU8() ?? []).toString('utf8');
      const events = this.log.filter((record) => record.streamId === streamId);
      if (events.length === 0) {
        call.write(new ReadResp().setStreamNotFound(new ReadResp.StreamNotFound().setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(streamId)))));
        call.end();
        return;
      }
      const from = stream?.hasRevision() ? Number(stream.getRevision()) : stream?.hasEnd() ? events.length - 1 : 0;
      records = backwards ? events.filter((record) => record.revision <= from).reverse() : events.filter((record) => record.revision >= from);
    } else {
      const all = options.getAll();
      const position = all?.getPosition();
      let from = all?.hasEnd() ? this.nextPosition : 0n;
      if (position) {
        const [commit, prepare] = [BigInt(position.getCommitPosition()), BigInt(position.getPreparePosition())];
        // A read from a position that is not a record's start fails: StorageReaderWorker.cs (v24.10.0)
        // l. 441-443 turns the reader's InvalidReadException into ReadAllResult.InvalidPosition, which
        // Enumerator.ReadAllForwards.cs l. 122-123 sends as an unknown error (RpcExceptions.cs l. 52).
        const isRecord = commit === prepare && (commit === 0n || commit === this.nextPosition || this.log.some((record) => record.position === commit));
        if (!isRecord) {
          call.emit('error', { code: status.UNKNOWN, details: 'Unexpected ReadAllResult: InvalidPosition' });
          return;
        }
        from = commit;
      }
      records = backwards ? this.log.filter((record) => record.position < from).reverse() : this.log.filter((record) => record.position >= from);
    }
    for (const record of records.slice(0, count)) {
      if (call.cancelled) return;
      // Flow control: the server waits for the client to take what it has sent before sending more.
      if (!call.write(this.readResp(record))) await once(call, 'drain');
    }
    call.end();
  }

  /**
   * A catch-up subscription to `$all`, after the position given, filtered on stream prefixes as
   * asked; the first answer confirms it (Enumerator.AllSubscriptionFiltered.cs, v24.10.0).
   */
  private async subscribe(call: ServerWritableStream<ReadReq, ReadResp>, options: ReadReq.Options): Promise<void> {
    this.opened.subscriptions += 1;
    const prefixes = options.getFilter()?.getStreamIdentifier()?.getPrefixList() ?? [];
    const wanted = (record: FakeRecord): boolean => prefixes.length === 0 || prefixes.some((prefix) => record.streamId.startsWith(prefix));
    const position = options.getAll()?.getPosition();
    const after = position ? BigInt(position.getCommitPosition()) : options.getAll()?.hasEnd() ? this.nextPosition : -1n;
    call.write(new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID())));
    this.subscriptions.add(call);
    const queue = this.log.filter((record) => record.position > after && wanted(record));
    let wake = (): void => undefined;
    const notify = (record: FakeRecord): void => {
      if (!wanted(record)) return;
      queue.push(record);
      wake();
    };
    this.live.add(notify);
    try {
      while (!call.cancelled && this.subscriptions.has(call)) {
        const record = queue.shift();
        if (record) {
          if (!call.write(this.readResp(record))) await once(call, 'drain');
          continue;
        }
        await new Promise<void>((done) => {
          wake = done;
          setTimeout(done, 50);
        });
      }
    } finally {
      this.live.delete(notify);
      this.subscriptions.delete(call);
    }
  }

  private readResp(record: FakeRecord): ReadResp {
    const recorded = new ReadResp.ReadEvent.RecordedEvent()
      .setId(new UUID().setString(record.id))
      .setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(record.streamId)))
      .setStreamRevision(String(record.revision))
      // From 20.x each event of an append is its own committed prepare, read with commit = prepare
      // = its log position: AllReader.cs (v24.10.0) l. 105-119.
      .setPreparePosition(String(record.position))
      .setCommitPosition(String(record.position))
      .setData(record.data)
      .setCustomMetadata(record.metadata);
    recorded
      .getMetadataMap()
      .set('type', record.type)
      .set('content-type', record.isJson ? 'application/json' : 'application/octet-stream')
      .set('created', ticks(new Date()));
    return new ReadResp().setEvent(new ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(String(record.position)));
  }

  /**
   * The multi-stream append of KurrentDB 25.1 (src/KurrentDB.Api.V2/Modules/Streams/StreamsService.cs,
   * v25.1.0): every stream's expected revision is checked, then all records are written as one
   * transaction, or none. A retry with the same ids at the same (now behind) revisions is an
   * idempotent success when every stream matches (StorageWriterService.cs v25.1.0 l. 746-762);
   * a stream whose first id differs is a revision conflict (IndexWriter.cs v24.10.0 l. 232-258).
   * Metadata is stored as the record's properties and read back as JSON with `$schema.*` keys
   * added (EventRecord.cs v25.1.0 l. 60-69).
   */
  private async appendSession(call: ServerReadableStream<AppendRequest, AppendSessionResponse>, done: sendUnaryData<AppendSessionResponse>): Promise<void> {
    this.opened.appends += 1;
    const requests: AppendRequest[] = [];
    call.on('data', (request: AppendRequest) => requests.push(request));
    await once(call, 'end');
    const timeout = this.timeOutAppends.count > 0 ? ((this.timeOutAppends.count -= 1), this.timeOutAppends) : undefined;
    const checks = requests.map((request) => this.check(request));
    const conflict = checks.find((check) => check.decision === 'conflict');
    if (conflict && !timeout) return done(revisionConflict(conflict.request, conflict.current));
    const output: AppendResponse[] = [];
    let position = 0n;
    const write = !conflict && !checks.every((check) => check.decision === 'idempotent') && (!timeout || timeout.afterWriting);
    for (const { request, decision, current } of checks) {
      if (write && decision === 'ok') {
        for (const record of request.getRecordsList()) {
          const properties = new Struct();
          for (const [key, value] of record.getPropertiesMap().entries()) properties.getFieldsMap().set(key, value);
          const json = { ...(properties.toJavaScript() as Record<string, unknown>), '$schema.name': record.getSchema()?.getName(), '$schema.format': 'Json' };
          position = this.write(request.getStream(), record.getSchema()?.getName() ?? '', Buffer.from(record.getData_asU8()), {
            id: record.getRecordId(),
            metadata: Buffer.from(JSON.stringify(json)),
          }).position;
        }
      } else if (decision === 'idempotent') {
        position = [...this.log].reverse().find((record) => record.streamId === request.getStream())?.position ?? position;
      }
      const last = this.log.filter((record) => record.streamId === request.getStream()).length - 1;
      output.push(new AppendResponse().setStream(request.getStream()).setStreamRevision(String(decision === 'idempotent' ? current : last)));
    }
    // On a commit timeout the server answers "Operation timed out", written or not: RequestManagerBase.cs
    // (v24.10.0) l. 150-155; StreamsService.cs (v25.1.0) l. 153 maps it to ApiErrors.OperationTimeout,
    // a DEADLINE_EXCEEDED (ApiErrors.cs v25.1.0 l. 205-219).
    if (timeout) return done({ code: status.DEADLINE_EXCEEDED, details: 'Operation timed out: AppendSession timed out while waiting for commit Please try again after 1 second.' });
    done(null, new AppendSessionResponse().setOutputList(output).setPosition(String(position)));
  }

  private check(request: AppendRequest): { request: AppendRequest; decision: 'ok' | 'idempotent' | 'conflict'; current: number } {
    const stream = this.log.filter((record) => record.streamId === request.getStream());
    const current = stream.length - 1;
    const expected = request.hasExpectedRevision() ? Number(request.getExpectedRevision()) : -2;
    if (expected === -2 || expected === current) return { request, decision: 'ok', current };
    const ids = request.getRecordsList().map((record) => record.getRecordId());
    const from = expected === -1 ? 0 : expected + 1;
    if (expected >= -1 && expected < current && ids.every((id, index) => stream[from + index]?.id === id))
      return { request, decision: 'idempotent', current: from + ids.length - 1 };
    return { request, decision: 'conflict', current };
  }
}

/** The server's answer to a stale revision: FAILED_PRECONDITION with the conflict's details (ApiErrors.cs v25.1.0 l. 55-69). */
const revisionConflict = (request: AppendRequest, current: number): { code: status; details: string; metadata: Metadata } => {
  const details = new StreamRevisionConflictErrorDetails()
    .setStream(request.getStream())
    .setExpectedRevision(request.hasExpectedRevision() ? (request.getExpectedRevision() ?? '-2') : '-2')
    .setActualRevision(String(current));
  const any = new Any();
  any.pack(details.serializeBinary(), 'kurrentdb.protocol.v2.streams.errors.StreamRevisionConflictErrorDetails');
  const message = `Append failed due to a revision conflict on stream '${request.getStream()}'`;
  const metadata = new Metadata();
  metadata.set('grpc-status-details-bin', Buffer.from(new Status().setCode(9).setMessage(message).setDetails(any).serializeBinary()));
  return { code: status.FAILED_PRECONDITION, details: message, metadata };
};
