import type { InterceptRecordMark, RelayedRecord } from '../../messages';
import {
  base64Decode,
  createSessionDecoder,
  eioVersionFromUrl,
  isEngineIoUrl,
  sidFromUrl,
  type EioVersion,
  type Frame,
  type Packet,
  type SessionDecoder,
  type SessionOptions,
  type Transport,
} from '../../protocol';
import type { CapturedRow } from '../store/capture';
import { createWebTransportJoin } from './webtransport';

/**
 * One Engine.IO session of the tab (its polling and WebSocket or WebTransport halves merged by sid), or one plain
 * WebSocket.
 */
export interface Session {
  id: string;
  documentId: string;
  frameId: number;
  /** The URL of the connection that opened it. */
  url: string;
  engineIo: boolean;
  eio?: EioVersion;
  sid?: string;
  transports: Transport[];
  decoder: SessionDecoder;
  /** When the session's last connection closed, and how; absent while open. */
  closed?: { code: number; reason: string; wasClean: boolean };
  /** Socket.IO namespaces the client connected to. */
  namespaces: string[];
  packets: number;
  bytes: number;
  /** The round-trip time of the last ping answered, in ms. */
  pingRtt?: number;
  /** When the session moved from polling to WebSocket or WebTransport (its first such packet after polling ones). */
  upgradedAt?: number;
  /** Where the panel can inject: the session's open WebSocket (or WebTransport) connection, the URL of its last poll. */
  websocket?: string;
  pollingUrl?: string;
}

/** A decoded packet and the session it belongs to. */
export interface SessionPacket {
  session: Session;
  packet: Packet;
  /** Sent or delivered by the panel, not by the page. */
  injected?: boolean;
  /** Held by a breakpoint or a rule first: what became of it. */
  intercept?: InterceptRecordMark;
}

function frameData(record: Extract<RelayedRecord, { kind: 'frame' }>): string | Uint8Array {
  const { payload } = record;
  if (payload.text !== undefined) return payload.text;
  return base64Decode(payload.base64 ?? '') ?? new Uint8Array();
}

/**
 * Groups captured records into sessions and decodes each session's frames with its own decoder, in order.
 * A request that names its `sid` joins that session; the handshake request (no sid yet) and a direct WebSocket
 * open a session whose sid the open packet tells, so that the requests that follow find it.
 */
export function createSessionTracker(decoding: Pick<SessionOptions, 'rawPreviewLength'> = {}) {
  const sessions: Session[] = [];
  const bySid = new Map<string, Session>();
  const byConnection = new Map<string, Session>();
  /** Sessions made so far (forgotten ones included), which numbers them. */
  let made = 0;

  const webTransport = createWebTransportJoin();
  const keyOf = (row: Extract<CapturedRow, { kind: 'record' }>) =>
    `${row.documentId}:${row.frameId}:${row.record.connection}`;
  /** The connection of the last row decoded and its session: rows come in runs of one connection (no key to build). */
  let last: { documentId: string; frameId: number; connection: string; session: Session } | undefined;

  /** The session of a row's connection; `named` is the sid a WebTransport client named (its URL has none). */
  function sessionFor(row: Extract<CapturedRow, { kind: 'record' }>, named?: string): Session {
    const { record, documentId, frameId } = row;
    if (last && last.connection === record.connection && last.frameId === frameId && last.documentId === documentId)
      return last.session;
    const session = connectionSession(row, named);
    last = { documentId, frameId, connection: record.connection, session };
    return session;
  }

  /** A connection's session looked up by its key: the one its frames joined, the one its sid names, or a new one. */
  function connectionSession(row: Extract<CapturedRow, { kind: 'record' }>, named?: string): Session {
    const { record, documentId, frameId } = row;
    const connectionKey = keyOf(row);
    const known = byConnection.get(connectionKey);
    if (known) return known;
    const url = record.kind === 'frame' || record.kind === 'open' ? record.url : '';
    const sid = named ?? (url ? sidFromUrl(url) : undefined);
    let session = sid ? bySid.get(`${documentId}:${sid}`) : undefined;
    if (!session) {
      const engineIo = isEngineIoUrl(url) || named !== undefined;
      session = {
        id: `s${++made}`,
        documentId,
        frameId,
        url,
        engineIo,
        ...(engineIo ? { eio: named === undefined ? eioVersionFromUrl(url) : (4 as const) } : {}),
        ...(sid ? { sid } : {}),
        transports: [],
        decoder: createSessionDecoder({ ...decoding, url, ...(named === undefined ? {} : { eio: 4, kind: 'auto' }) }),
        namespaces: [],
        packets: 0,
        bytes: 0,
      };
      sessions.push(session);
      if (sid) bySid.set(`${documentId}:${sid}`, session);
    }
    if (!session.transports.includes(record.transport)) {
      if (record.transport !== 'polling' && session.transports.includes('polling')) session.upgradedAt = record.time;
      session.transports.push(record.transport);
    }
    byConnection.set(connectionKey, session);
    return session;
  }

  function noteClose(row: Extract<CapturedRow, { kind: 'record' }>): void {
    const { record } = row;
    if (record.kind !== 'close') return;
    const session = byConnection.get(`${row.documentId}:${row.frameId}:${record.connection}`);
    if (!session) return;
    session.closed = { code: record.code, reason: record.reason, wasClean: record.wasClean };
    if (session.websocket === record.connection) delete session.websocket;
  }

  function count(session: Session, packets: Packet[]): void {
    for (const packet of packets) {
      session.packets++;
      session.bytes += packet.size;
      if (packet.eioType === 'pong' && packet.rtt !== undefined) session.pingRtt = packet.rtt;
      if (packet.sioType === 'CONNECT') {
        const namespace = packet.namespace ?? '/';
        if (!session.namespaces.includes(namespace)) session.namespaces.push(namespace);
      }
    }
  }

  /** Decodes one captured row; returns the packets it completes. */
  function add(row: CapturedRow): SessionPacket[] {
    if (row.kind !== 'record') return [];
    if (row.record.kind !== 'frame') {
      noteClose(row);
      return [];
    }
    if (row.record.transport !== 'webtransport' || byConnection.has(keyOf(row))) return decode(row);
    const joined = webTransport.add(keyOf(row), row);
    return joined ? joined.rows.flatMap((waiting) => decode(waiting, joined.sid)) : [];
  }

  /** Decodes the frames of WebTransport connections whose client never named a session. */
  function drainWaiting(): SessionPacket[] {
    return webTransport.drain().flatMap((joined) => joined.rows.flatMap((row) => decode(row)));
  }

  function decode(row: Extract<CapturedRow, { kind: 'record' }>, named?: string): SessionPacket[] {
    const { record } = row;
    if (record.kind !== 'frame') return [];
    const session = sessionFor(row, named);
    delete session.closed;
    if (record.transport !== 'polling') session.websocket = record.connection;
    else if (!record.injected) session.pollingUrl = record.url;
    const data = frameData(record);
    const frame: Frame = { direction: record.direction, transport: record.transport, data, time: record.time };
    if (record.status !== undefined) frame.httpStatus = record.status;
    if (record.transport === 'webtransport' && record.payload.truncated)
      frame.missing = record.payload.size - data.length;
    const packets = session.decoder.push(frame);
    count(session, packets);
    const sid = session.decoder.info.sid;
    if (sid && !session.sid) {
      session.sid = sid;
      bySid.set(`${session.documentId}:${sid}`, session);
    }
    if (!record.injected && !record.intercept) return packets.map((packet) => ({ session, packet }));
    const marks = {
      ...(record.injected ? { injected: true } : {}),
      ...(record.intercept ? { intercept: record.intercept } : {}),
    };
    return packets.map((packet) => ({ session, packet, ...marks }));
  }

  /** The session of a connection: the one its frames joined, else the one its URL's sid names (or none). */
  function sessionOf(documentId: string, frameId: number, connection: string, url: string): Session | undefined {
    const sid = sidFromUrl(url);
    return (
      byConnection.get(`${documentId}:${frameId}:${connection}`) ??
      (sid ? bySid.get(`${documentId}:${sid}`) : undefined)
    );
  }

  /**
   * Forgets the sessions `gone` picks among all but the newest `keep`: they leave the list, and a connection of theirs
   * that speaks again starts a new session.
   */
  function forgetOldest(keep: number, gone: (session: Session) => boolean): void {
    const candidates = sessions.length - keep;
    if (candidates <= 0) return;
    const forgotten = new Set<Session>();
    for (let at = 0; at < candidates; at++) if (gone(sessions[at])) forgotten.add(sessions[at]);
    if (forgotten.size === 0) return;
    let kept = 0;
    for (const session of sessions) if (!forgotten.has(session)) sessions[kept++] = session;
    sessions.length = kept;
    if (last && forgotten.has(last.session)) last = undefined;
    for (const map of [bySid, byConnection])
      for (const [key, session] of map) if (forgotten.has(session)) map.delete(key);
  }

  return {
    sessions,
    add,
    drainWaiting,
    sessionOf,
    forgetOldest,
    /** How many sessions were forgotten (see forgetOldest). */
    get forgotten(): number {
      return made - sessions.length;
    },
  };
}

/** Decodes a whole capture (with `decoding.rawPreviewLength` Infinity, every packet keeps its whole raw). */
export function decodeCapture(
  rows: readonly CapturedRow[],
  decoding: Pick<SessionOptions, 'rawPreviewLength'> = {},
): { sessions: Session[]; packets: SessionPacket[] } {
  const tracker = createSessionTracker(decoding);
  const packets: SessionPacket[] = [];
  for (const row of rows) for (const packet of tracker.add(row)) packets.push(packet);
  for (const packet of tracker.drainWaiting()) packets.push(packet);
  for (const session of tracker.sessions)
    for (const packet of session.decoder.flush()) packets.push({ session, packet });
  return { sessions: tracker.sessions, packets };
}
