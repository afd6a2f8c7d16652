import type { PageRecord, WorkerInfo } from '../../messages';
import { encodePayload, type EioVersion, type Transport } from '../../protocol';
import { utf8Encode } from '../../protocol/bytes';
import { framePacket } from '../../protocol/webtransport-stream';
import { bytesPayload, textPayload } from './rows';
import type { ExportedPacket, ExportedSession } from './sio-json-read';
import { wirePackets } from './sio-json-wire';

/** The session's URL for the other transport: `transport=` and `sid=` set, the scheme switched between http and ws. */
export function transportUrl(url: string, transport: Transport, sid: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (transport === 'websocket')
    parsed.protocol = parsed.protocol === 'https:' ? 'wss:' : parsed.protocol === 'http:' ? 'ws:' : parsed.protocol;
  else parsed.protocol = parsed.protocol === 'wss:' ? 'https:' : parsed.protocol === 'ws:' ? 'http:' : parsed.protocol;
  parsed.searchParams.set('transport', transport);
  parsed.searchParams.set('sid', sid);
  parsed.searchParams.delete('t');
  parsed.searchParams.delete('b64');
  return parsed.toString();
}

/** Where a session's frames come from: a connection and its URL. */
interface Connection {
  connection: string;
  url: string;
}

/** Writes a file's packets as the frames (records) the page hook would have captured. */
export class FrameWriter {
  readonly records: PageRecord[] = [];
  /** The worker of each connection of a session captured in one, by connection name. */
  readonly workers = new Map<string, WorkerInfo>();
  /** Each session's place in the file, which names its connections. */
  private readonly indexes = new Map<ExportedSession, number>();
  private readonly connections = new Map<string, Connection>();

  /** `cut` is told of each packet whose raw the export cut and that could not be rebuilt. */
  constructor(
    sessions: ReadonlyMap<string, ExportedSession>,
    private readonly cut: () => void,
  ) {
    for (const session of sessions.values()) this.indexes.set(session, this.indexes.size + 1);
  }

  /** The frames of the packets from `start` (one, or the packets of one polling body); returns the next index. */
  write(packets: ExportedPacket[], start: number): number {
    const packet = packets[start];
    const eio = packet.session.eio;
    if (eio === null || packet.eioType === 'websocket') {
      if (packet.rawTruncated) this.cut();
      this.frame(packet, packet.raw);
    } else if (packet.transport !== 'polling') {
      const [header, ...attachments] = wirePackets(packet, eio, this.cut);
      this.frame(packet, header);
      for (const attachment of attachments) this.frame(packet, attachment, undefined, packet.completedAt);
    } else if (packet.completedAt !== undefined) {
      this.lateBinaryBodies(packet, eio);
    } else if (isBodyOfItsOwn(packet)) {
      const ok = packet.raw === 'ok';
      this.frame(packet, packet.raw, {
        method: ok || packet.direction === 'sent' ? 'POST' : 'GET',
        ...(packet.httpStatus === undefined ? {} : { status: packet.httpStatus }),
      });
    } else return this.pollingBody(packets, start, eio);
    return start + 1;
  }

  /**
   * The sessions no packet names (a v3 poll whose body was the empty payload `0:` opens a session with none): one such
   * body each, placed before the first packet of the next session that has packets, so that sessions keep their order.
   */
  writeEmptySessions(packets: readonly ExportedPacket[]): void {
    const firstTime = new Map<ExportedSession, number>();
    for (const packet of packets) if (!firstTime.has(packet.session)) firstTime.set(packet.session, packet.time);
    const sessions = [...this.indexes.keys()];
    const beforeLater: PageRecord[] = [];
    for (let at = 0; at < sessions.length; at++) {
      const session = sessions[at];
      if (firstTime.has(session) || session.eio !== 3) continue;
      const later = sessions.slice(at + 1).find((next) => firstTime.has(next));
      const transport = session.transports[0] ?? 'polling';
      const { connection, url } = this.connectionOf(session, transport);
      const time = later ? firstTime.get(later)! : (packets[packets.length - 1]?.time ?? 0);
      const record: PageRecord = {
        kind: 'frame',
        connection,
        url,
        transport,
        direction: 'received',
        payload: textPayload('0:'),
        time,
      };
      // Before a later session's frames of the same time, or after everything when no later session has packets.
      if (later) beforeLater.push(record);
      else this.records.push(record);
    }
    this.records.unshift(...beforeLater);
  }

  /** A session's connection for a transport: one per transport (merged by sid), or one when no sid is known. */
  private connectionOf(session: ExportedSession, transport: Transport): Connection {
    const id = this.indexes.get(session)!;
    const key = `${id}:${transport}`;
    let known = this.connections.get(key);
    if (known) return known;
    const first = session.transports[0] ?? transport;
    known =
      transport === first || session.eio === null || session.sid === null
        ? { connection: `import${id}`, url: session.url }
        : { connection: `import${id}-${transport}`, url: transportUrl(session.url, transport, session.sid) };
    this.connections.set(key, known);
    if (session.worker) this.workers.set(known.connection, session.worker);
    return known;
  }

  /** A frame of the packet, at its time (or at `time`: a binary packet's late attachments). */
  private frame(
    packet: ExportedPacket,
    data: string | Uint8Array,
    http?: { method: string; status?: number },
    time = packet.time,
  ): void {
    if (packet.transport === 'webtransport') data = streamChunk(data);
    this.records.push({
      kind: 'frame',
      ...this.connectionOf(packet.session, packet.transport),
      transport: packet.transport,
      direction: packet.direction,
      payload: typeof data === 'string' ? textPayload(data) : bytesPayload(data),
      time,
      ...http,
      ...(packet.injected ? { injected: true } : {}),
      ...(packet.intercept ? { intercept: packet.intercept } : {}),
    });
  }

  /**
   * A polling binary packet finished by a later body than its header's: the header in a body of its own at its
   * time, the attachments in one at `completedAt`, so that the packets decoded in between stay in between.
   */
  private lateBinaryBodies(packet: ExportedPacket, eio: EioVersion): void {
    const [header, ...attachments] = wirePackets(packet, eio, this.cut);
    const http = {
      method: packet.direction === 'sent' ? 'POST' : 'GET',
      ...(packet.direction === 'received' ? { status: 200 } : {}),
    };
    this.frame(packet, encodePayload([header], eio, { exact: true }), http);
    if (attachments.length > 0)
      this.frame(packet, encodePayload(attachments, eio, { exact: true }), http, packet.completedAt);
  }

  /** One polling body of the packets from `start` that came in it; returns where the next body starts. */
  private pollingBody(packets: ExportedPacket[], start: number, eio: EioVersion): number {
    const first = packets[start];
    const wires: (string | Uint8Array)[] = [];
    let rest: string | Uint8Array | undefined;
    let end = start;
    for (; end < packets.length && rest === undefined && inOneBody(first, packets[end]); end++) {
      const next = packets[end];
      // The unparsed rest of a body ends it.
      if (next.errorKind === 'bad-payload') rest = next.raw;
      else for (const wire of wirePackets(next, eio, this.cut)) wires.push(wire);
    }
    const body = encodePayload(wires, eio, { rest, exact: true });
    this.frame(first, body, {
      method: first.direction === 'sent' ? 'POST' : 'GET',
      ...(first.direction === 'received' ? { status: 200 } : {}),
    });
    return end;
  }
}

/** A packet as a WebTransport stream carries it: behind its length header. */
function streamChunk(data: string | Uint8Array): Uint8Array {
  const body = typeof data === 'string' ? utf8Encode(data) : data;
  return framePacket(body, body.length, typeof data !== 'string', (length) => new Uint8Array(length));
}

/** An HTTP error body, the `ok` answering a POST, a JSONP body that does not unwrap: a body of its own, as is. */
function isBodyOfItsOwn(packet: ExportedPacket): boolean {
  return packet.eioType === 'http' || packet.errorKind === 'bad-jsonp';
}

/** Whether a packet came in the same polling body as `first`: same session, direction, time and injection. */
function inOneBody(first: ExportedPacket, next: ExportedPacket): boolean {
  return (
    next.session === first.session &&
    next.transport === 'polling' &&
    next.direction === first.direction &&
    next.time === first.time &&
    next.injected === first.injected &&
    next.completedAt === undefined &&
    !isBodyOfItsOwn(next)
  );
}
