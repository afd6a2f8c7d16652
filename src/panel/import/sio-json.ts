import type { FramePayload, PageRecord } from '../../messages';
import {
  base64Decode,
  base64Encode,
  createSessionDecoder,
  encodeAck,
  encodeEmit,
  type EioVersion,
  type Transport,
} from '../../protocol';
import { EXPORT_FORMAT, EXPORT_VERSION } from '../export/sio-json';
import { base64Payload, base64Size, createWarnings, isObject, textPayload, toRows, type ImportResult } from './rows';

/** An exported packet's `raw`: text, or bytes as base64. */
type Raw = { text: string } | { base64: string };

interface ExportedSession {
  id: string;
  url: string;
  eio: EioVersion | null;
  sid: string | null;
  transports: Transport[];
}

interface ExportedPacket {
  session: ExportedSession;
  time: number;
  direction: 'sent' | 'received';
  transport: Transport;
  eioType: string;
  sio?: Record<string, unknown>;
  error?: string;
  raw: Raw;
}

/** True when the JSON looks like a `*.sio.json` export, whatever its version. */
export function isSioJson(json: unknown): json is Record<string, unknown> {
  return isObject(json) && json['format'] === EXPORT_FORMAT;
}

function readSession(value: unknown): ExportedSession | undefined {
  if (!isObject(value)) return undefined;
  const { id, url, eio, sid, transports } = value;
  if (typeof id !== 'string' || typeof url !== 'string') return undefined;
  if (eio !== null && eio !== 3 && eio !== 4) return undefined;
  if (sid !== null && typeof sid !== 'string') return undefined;
  const known = Array.isArray(transports)
    ? transports.filter((t): t is Transport => t === 'polling' || t === 'websocket')
    : [];
  return { id, url, eio, sid, transports: known };
}

function readRaw(value: unknown): Raw | undefined {
  if (typeof value === 'string') return { text: value };
  if (isObject(value) && typeof value['$binary'] === 'string' && base64Decode(value['$binary']))
    return { base64: value['$binary'] };
  return undefined;
}

/** One exported packet, or why it cannot be imported. */
function readPacket(value: unknown, sessions: Map<string, ExportedSession>): ExportedPacket | string {
  if (!isObject(value)) return 'not an object';
  const session = typeof value['session'] === 'string' ? sessions.get(value['session']) : undefined;
  if (!session) return 'unknown session';
  const { time, direction, transport, eio, sio, error } = value;
  if (typeof time !== 'number' || !Number.isFinite(time)) return 'no time';
  if (direction !== 'sent' && direction !== 'received') return 'no direction';
  if (transport !== 'polling' && transport !== 'websocket') return 'no transport';
  const eioType = isObject(eio) && typeof eio['type'] === 'string' ? eio['type'] : undefined;
  if (!eioType) return 'no eio.type';
  const raw = readRaw(value['raw']);
  if (!raw) return 'raw is neither text nor {"$binary": base64}';
  return {
    session,
    time,
    direction,
    transport,
    eioType,
    raw,
    ...(isObject(sio) ? { sio } : {}),
    ...(typeof error === 'string' ? { error } : {}),
  };
}

/** The body-level errors of the polling payload splitter: their raw is the unparsed rest of a body, not a packet. */
const BODY_ERROR = /^(bad length at offset|truncated payload|bad record kind|empty payload|malformed JSONP|JSONP )/;

const hasBodyError = (packet: ExportedPacket): boolean =>
  packet.error !== undefined && packet.eioType !== 'http' && BODY_ERROR.test(packet.error);

/**
 * The binary attachments of a BINARY_EVENT / BINARY_ACK whose attachments the decoder put in place, as base64, in
 * wire order; undefined when the packet did not wait for attachments (not binary, or malformed).
 * A scratch decoder tells whether the header waits, and where its placeholders are; the exported args hold the
 * bytes at the same places.
 */
function attachmentsOf(packet: ExportedPacket, eio: EioVersion): string[] | undefined {
  const { sio, raw } = packet;
  if (!sio || (sio['type'] !== 'BINARY_EVENT' && sio['type'] !== 'BINARY_ACK') || !('text' in raw)) return undefined;
  const declared = sio['attachments'];
  if (typeof declared !== 'number' || declared <= 0) return undefined;
  const scratch = createSessionDecoder({ eio, kind: 'socket.io' });
  if (scratch.push({ direction: packet.direction, transport: 'websocket', data: raw.text, time: 0 }).length > 0)
    return undefined;
  const header = scratch.flush()[0];
  const byNum = new Map<number, string>();
  const visit = (placed: unknown, exported: unknown): void => {
    if (!isObject(placed) && !Array.isArray(placed)) return;
    if (isObject(placed) && placed['_placeholder'] === true && typeof placed['num'] === 'number') {
      if (isObject(exported) && typeof exported['$binary'] === 'string') byNum.set(placed['num'], exported['$binary']);
      return;
    }
    if (Array.isArray(placed)) {
      if (Array.isArray(exported)) placed.forEach((entry, i) => visit(entry, exported[i]));
      return;
    }
    if (isObject(exported)) for (const key of Object.keys(placed)) visit(placed[key], exported[key]);
  };
  const payload = (p: { event?: unknown; args?: unknown }): unknown =>
    p.event !== undefined ? [p.event, ...(Array.isArray(p.args) ? (p.args as unknown[]) : [])] : p.args;
  if (header) visit(payload(header), payload(sio));
  // An incomplete packet says how many attachments came: "expected N, got K before …".
  const got = /attachment count mismatch: expected \d+, got (\d+)/.exec(packet.error ?? '');
  const count = got ? Number(got[1]) : declared;
  return Array.from({ length: count }, (_, num) => byNum.get(num) ?? '');
}

/** The decoder's default `raw` preview limit: the export writes a longer packet's raw cut to this many units. */
const RAW_PREVIEW_LIMIT = 64 * 1024;

const CUT_WARNING = `packet(s) whose raw the export cut at ${RAW_PREVIEW_LIMIT} units could not be rebuilt and may decode differently`;

const isCut = (raw: Raw): boolean => ('text' in raw ? raw.text.length : base64Size(raw.base64)) === RAW_PREVIEW_LIMIT;

/** Whether a value holds an exported binary (`{"$binary": …}`) anywhere. */
function hasExportedBinary(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasExportedBinary);
  return isObject(value) && (typeof value['$binary'] === 'string' || Object.values(value).some(hasExportedBinary));
}

/**
 * A text EVENT or ACK whose raw the export cut at the preview limit, encoded again from its decoded fields (as
 * JSON.stringify writes it, which is what socket.io's own encoder does); undefined when that is not possible.
 */
function rebuildCutRaw(packet: ExportedPacket, eio: EioVersion): Raw | undefined {
  const { sio, raw } = packet;
  if (!sio || packet.error || !('text' in raw) || !Array.isArray(sio['args']) || hasExportedBinary(sio['args']))
    return undefined;
  const id = typeof sio['id'] === 'string' ? Number(sio['id']) : undefined;
  const namespace = typeof sio['nsp'] === 'string' ? sio['nsp'] : '/';
  const target = { eio, transport: 'websocket' as const };
  let encoded;
  if (sio['type'] === 'EVENT' && typeof sio['event'] === 'string')
    encoded = encodeEmit(
      { namespace, event: sio['event'], args: sio['args'], ...(id === undefined ? {} : { ackId: id }) },
      target,
    );
  else if (sio['type'] === 'ACK' && id !== undefined)
    encoded = encodeAck({ namespace, ackId: id, args: sio['args'] }, target);
  const text = encoded?.ok ? encoded.frames[0] : undefined;
  return typeof text === 'string' && text.startsWith(raw.text) ? { text } : undefined;
}

/** A v3 binary message keeps its Engine.IO type byte (4, message) on the wire. */
function v3BinaryMessage(base64: string): Uint8Array {
  const bytes = base64Decode(base64) ?? new Uint8Array();
  const out = new Uint8Array(bytes.length + 1);
  out[0] = 4;
  out.set(bytes, 1);
  return out;
}

/** The Engine.IO packets (as on the wire, one per WebSocket frame or payload record) that reproduce one exported packet. */
function wirePackets(packet: ExportedPacket, eio: EioVersion, warn: (what: string) => void): Raw[] {
  let raw = packet.raw;
  if (isCut(raw)) {
    const rebuilt = rebuildCutRaw(packet, eio);
    if (rebuilt) raw = rebuilt;
    else warn(CUT_WARNING);
  }
  const attachments = attachmentsOf(packet, eio) ?? [];
  const polling = packet.transport === 'polling';
  const attachment = (base64: string): Raw => {
    if (polling) return { text: eio === 3 ? `b4${base64}` : `b${base64}` };
    return eio === 3 ? { base64: base64Encode(v3BinaryMessage(base64)) } : { base64 };
  };
  return [raw, ...attachments.map(attachment)];
}

const utf8 = new TextEncoder();

/** One polling body of the session's Engine.IO version holding these records, as the decoder's splitter reads it. */
function pollingBody(records: Raw[], lastIsRest: boolean, eio: EioVersion): FramePayload {
  if (eio === 4) return textPayload(records.map((r) => ('text' in r ? r.text : `b${r.base64}`)).join('\x1e'));
  const framed = lastIsRest ? records.slice(0, -1) : records;
  const rest = lastIsRest ? records[records.length - 1] : undefined;
  const texts = records.map((r) => ('text' in r ? r.text : undefined));
  if (!texts.includes(undefined)) {
    const framedTexts = (texts as string[]).slice(0, framed.length);
    return textPayload(framedTexts.map((t) => `${t.length}:${t}`).join('') + (rest ? texts[texts.length - 1]! : ''));
  }
  // XHR2 binary payload: <0 text | 1 binary> <length digits as bytes> FF <bytes>.
  const chunks: Uint8Array[] = [];
  for (const r of framed) {
    const bytes = 'text' in r ? utf8.encode(r.text) : (base64Decode(r.base64) ?? new Uint8Array());
    chunks.push(Uint8Array.of('text' in r ? 0 : 1, ...Array.from(String(bytes.length), Number), 0xff), bytes);
  }
  if (rest) chunks.push('text' in rest ? utf8.encode(rest.text) : (base64Decode(rest.base64) ?? new Uint8Array()));
  const body = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    body.set(c, offset);
    offset += c.length;
  }
  return base64Payload(base64Encode(body));
}

/** The HTTP status an exported HTTP-error packet had, as far as its message tells (`HTTP error: HTTP 500`). */
function httpStatus(packet: ExportedPacket): number | undefined {
  if (packet.error === undefined) return packet.direction === 'received' ? 200 : undefined;
  const status = /: HTTP (\d{3})$/.exec(packet.error);
  return status ? Number(status[1]) : undefined;
}

/** Where a session's frames come from: a connection per transport (merged by sid), or one for all when no sid is known. */
function connectionOf(
  session: ExportedSession,
  transport: Transport,
  index: number,
): { connection: string; url: string } {
  const first = session.transports[0] ?? transport;
  if (transport === first || session.eio === null || session.sid === null)
    return { connection: `import${index}`, url: session.url };
  return { connection: `import${index}-${transport}`, url: transportUrl(session.url, transport, session.sid) };
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

/**
 * A `*.sio.json` export back to captured rows. WebSocket packets become one frame each (a BINARY_EVENT/ACK header
 * followed by its attachments); polling packets that came in one body (same session, direction and time, in a row)
 * become one body again, encoded for the session's Engine.IO version.
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
  const sessions = new Map<string, ExportedSession>();
  const indexes = new Map<ExportedSession, number>();
  for (const value of json['sessions'] as unknown[]) {
    const session = readSession(value);
    if (!session || sessions.has(session.id)) warnings.add('session(s) skipped: malformed or duplicate id');
    else {
      sessions.set(session.id, session);
      indexes.set(session, indexes.size + 1);
    }
  }
  const packets: ExportedPacket[] = [];
  for (const value of json['packets'] as unknown[]) {
    const packet = readPacket(value, sessions);
    if (typeof packet === 'string') warnings.add(`packet(s) skipped: ${packet}`);
    else packets.push(packet);
  }

  const records: PageRecord[] = [];
  const frame = (
    packet: ExportedPacket,
    payload: FramePayload,
    extra: { method?: string; status?: number } = {},
  ): void => {
    const { connection, url } = connectionOf(packet.session, packet.transport, indexes.get(packet.session)!);
    records.push({
      kind: 'frame',
      connection,
      transport: packet.transport,
      url,
      direction: packet.direction,
      payload,
      time: packet.time,
      ...extra,
    });
  };
  const payloadOf = (raw: Raw): FramePayload => ('text' in raw ? textPayload(raw.text) : base64Payload(raw.base64));

  for (let i = 0; i < packets.length;) {
    const packet = packets[i];
    const eio = packet.session.eio;
    if (eio === null || packet.eioType === 'websocket') {
      if (isCut(packet.raw)) warnings.add(CUT_WARNING);
      frame(packet, payloadOf(packet.raw));
      i++;
      continue;
    }
    if (packet.transport === 'websocket') {
      for (const raw of wirePackets(packet, eio, (what) => warnings.add(what))) frame(packet, payloadOf(raw));
      i++;
      continue;
    }
    const method = packet.direction === 'sent' ? 'POST' : 'GET';
    if (packet.eioType === 'http') {
      // An HTTP error body, or the `ok` answering a POST: a body of its own.
      const ok = 'text' in packet.raw && packet.raw.text === 'ok';
      const status = httpStatus(packet);
      frame(packet, payloadOf(packet.raw), {
        method: ok ? 'POST' : method,
        ...(status === undefined ? {} : { status }),
      });
      i++;
      continue;
    }
    // The packets of one polling body: same session, direction and time, in a row; a body-level error ends it.
    const body: Raw[] = [];
    let j = i;
    let rest = false;
    while (j < packets.length && !rest) {
      const next = packets[j];
      const same =
        next.session === packet.session &&
        next.transport === 'polling' &&
        next.direction === packet.direction &&
        next.time === packet.time &&
        next.eioType !== 'http';
      if (!same) break;
      rest = hasBodyError(next);
      if (rest && next.error?.startsWith('empty payload')) body.push({ text: '' });
      else body.push(...(rest ? [next.raw] : wirePackets(next, eio, (what) => warnings.add(what))));
      j++;
    }
    const emptyOnly = rest && body.length === 1 && 'text' in body[0] && body[0].text === '';
    frame(packet, emptyOnly ? textPayload('') : pollingBody(body, rest, eio), {
      method,
      ...(packet.direction === 'received' ? { status: 200 } : {}),
    });
    i = j;
  }
  return { ok: true, rows: toRows(records, fileName), warnings: warnings.list() };
}
