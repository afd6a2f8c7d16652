import type { PageRecord } from '../../messages';
import { encodePayload, isPlainObject, stringifyJson, type EioVersion, type Transport } from '../../protocol';
import { EXPORT_FORMAT, EXPORT_VERSION } from '../export/sio-json';
import { bytesPayload, createWarnings, textPayload, toRows, unreadRecord, type ImportResult } from './rows';
import { readPacket, readSession, type ExportedPacket, type ExportedSession } from './sio-json-read';
import { wirePackets } from './sio-json-wire';

const CUT_WARNING = 'packet(s) whose raw the export cut could not be rebuilt and may decode differently';

/** True when the JSON looks like a `*.sio.json` export, whatever its version. */
export function isSioJson(json: unknown): json is Record<string, unknown> {
  return isPlainObject(json) && json['format'] === EXPORT_FORMAT;
}

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

/** The sessions of the file by id, each with its place in the file (which names its connections). */
function readSessions(values: unknown[], warn: (what: string) => void): Map<string, ExportedSession> {
  const sessions = new Map<string, ExportedSession>();
  for (const value of values) {
    const session = readSession(value);
    if (!session || sessions.has(session.id)) warn('session(s) skipped: malformed or duplicate id');
    else sessions.set(session.id, session);
  }
  return sessions;
}

/** The time of a row that could not be read, if it has one. */
function timeOf(value: unknown): number | undefined {
  const time = isPlainObject(value) ? value['time'] : undefined;
  return typeof time === 'number' && Number.isFinite(time) ? time : undefined;
}

/** A short excerpt of a row that could not be read, for its flagged record. */
function rowExcerpt(value: unknown): string {
  let text: string;
  try {
    text = stringifyJson(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** Turns a file's packets into the frames (records) the page hook would have captured. */
function createFramer(sessions: Map<string, ExportedSession>, warn: (what: string) => void) {
  const records: PageRecord[] = [];
  const indexes = new Map<ExportedSession, number>();
  let index = 0;
  for (const session of sessions.values()) indexes.set(session, ++index);
  const cut = () => warn(CUT_WARNING);

  const connections = new Map<string, { connection: string; url: string }>();

  /** Where a session's frames come from: a connection per transport (merged by sid), or one when no sid is known. */
  function connectionOf(session: ExportedSession, transport: Transport): { connection: string; url: string } {
    const id = indexes.get(session)!;
    const key = `${id}:${transport}`;
    let known = connections.get(key);
    if (known) return known;
    const first = session.transports[0] ?? transport;
    known =
      transport === first || session.eio === null || session.sid === null
        ? { connection: `import${id}`, url: session.url }
        : { connection: `import${id}-${transport}`, url: transportUrl(session.url, transport, session.sid) };
    connections.set(key, known);
    return known;
  }

  function frame(packet: ExportedPacket, data: string | Uint8Array, http?: { method: string; status?: number }) {
    records.push({
      kind: 'frame',
      ...connectionOf(packet.session, packet.transport),
      transport: packet.transport,
      direction: packet.direction,
      payload: typeof data === 'string' ? textPayload(data) : bytesPayload(data),
      time: packet.time,
      ...http,
      ...(packet.injected ? { injected: true } : {}),
    });
  }

  /** One polling body from the packets from `start` that came in it; returns where the next body starts. */
  function pollingBody(packets: ExportedPacket[], start: number, eio: EioVersion): number {
    const first = packets[start];
    const records: (string | Uint8Array)[] = [];
    let rest: string | Uint8Array | undefined;
    let end = start;
    for (; end < packets.length && rest === undefined; end++) {
      const next = packets[end];
      const sameBody =
        next.session === first.session &&
        next.transport === 'polling' &&
        next.direction === first.direction &&
        next.time === first.time &&
        next.injected === first.injected &&
        next.eioType !== 'http';
      if (!sameBody) break;
      // The unparsed rest of a body ends it.
      if (next.errorKind === 'bad-payload') rest = next.raw;
      else for (const record of wirePackets(next, eio, cut)) records.push(record);
    }
    const body = encodePayload(records, eio, { rest, exact: true });
    frame(first, body, {
      method: first.direction === 'sent' ? 'POST' : 'GET',
      ...(first.direction === 'received' ? { status: 200 } : {}),
    });
    return end;
  }

  /** The frames of the packets from `start` (one, or the packets of one polling body); returns the next index. */
  function add(packets: ExportedPacket[], start: number): number {
    const packet = packets[start];
    const eio = packet.session.eio;
    if (eio === null || packet.eioType === 'websocket') {
      if (packet.rawTruncated) cut();
      frame(packet, packet.raw);
    } else if (packet.transport === 'websocket') {
      for (const wire of wirePackets(packet, eio, cut)) frame(packet, wire);
    } else if (packet.eioType === 'http' || packet.errorKind === 'bad-jsonp') {
      // An HTTP error body, the `ok` answering a POST, a JSONP body that does not unwrap: a body of its own, as is.
      const ok = packet.raw === 'ok';
      frame(packet, packet.raw, {
        method: ok || packet.direction === 'sent' ? 'POST' : 'GET',
        ...(packet.httpStatus === undefined ? {} : { status: packet.httpStatus }),
      });
    } else return pollingBody(packets, start, eio);
    return start + 1;
  }

  return { records, add };
}

/**
 * A `*.sio.json` export back to captured rows. WebSocket packets become one frame each (a BINARY_EVENT/ACK header
 * followed by its attachments); polling packets that came in one body (same session, direction and time, in a row)
 * become one body again, encoded for the session's Engine.IO version. A packet that cannot be read is flagged: a
 * warning, and an error record in its place among the raw frames.
 */
export function importSioJson(json: Record<string, unknown>, fileName: string): ImportResult {
  const version = json['version'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    return { ok: false, error: `${fileName} is a sio-inspector export without a valid version` };
  if (version > EXPORT_VERSION) {
    return {
      ok: false,
      error: `${fileName} is a sio-inspector export of version ${version}, newer than this inspector reads (version ${EXPORT_VERSION}); update the extension`,
    };
  }
  if (!Array.isArray(json['sessions']) || !Array.isArray(json['packets']))
    return { ok: false, error: `${fileName} is a sio-inspector export without sessions and packets` };
  const warnings = createWarnings();
  const warn = (what: string) => warnings.add(what);
  const sessions = readSessions(json['sessions'] as unknown[], warn);
  const framer = createFramer(sessions, warn);
  const packets: ExportedPacket[] = [];
  const unread: PageRecord[] = [];
  let lastTime = 0;
  const values = json['packets'] as unknown[];
  for (let i = 0; i < values.length; i++) {
    const packet = readPacket(values[i], sessions, version);
    if (typeof packet !== 'string') {
      packets.push(packet);
      lastTime = packet.time;
      continue;
    }
    warn(`packet(s) not imported: ${packet}`);
    const time = (lastTime = timeOf(values[i]) ?? lastTime);
    unread.push(unreadRecord(`packet ${i} of the file (${packet}): ${rowExcerpt(values[i])}`, time));
  }
  for (let i = 0; i < packets.length;) i = framer.add(packets, i);
  // After the frames: each goes after the frames of its time (toRows keeps the order of equal times).
  for (const record of unread) framer.records.push(record);
  return { ok: true, rows: toRows(framer.records, fileName), warnings: warnings.list() };
}
