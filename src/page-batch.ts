/**
 * A records batch of the page hook, as the JSON text it hands over (PageToContent): the relay reads only its head
 * (what it declares), keeps and forwards the text; the panel parses and validates its records. Everything in it is
 * the page's word: untrusted until checked here.
 */
import { isBase64, isCaptureErrors, isCount, isInterceptRecordMark } from './message-guards';
import {
  MESSAGE_PROTOCOL_VERSION,
  type CaptureErrors,
  type ConnectionDescription,
  type FramePayload,
  type PageRecord,
} from './messages';
import { isPlainObject } from './protocol';

/** The largest batch read from the page; anything larger is dropped and counted. */
export const MAX_PAGE_MESSAGE_CHARS = 64 * 1024 * 1024;
const MAX_SHORT_STRING = 8 * 1024;

const isShortString = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= MAX_SHORT_STRING;
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isTransport = (value: unknown): value is ConnectionDescription['transport'] =>
  value === 'websocket' || value === 'polling' || value === 'webtransport';

/** The bytes base64 text stands for. */
const base64Bytes = (base64: string): number =>
  Math.floor((base64.length * 3) / 4) - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0);

/** A written payload (WrittenPayload) as the panel keeps it: with its size, and whether it was truncated. */
export function readWrittenPayload(value: unknown): FramePayload | undefined {
  if (typeof value === 'string') return { text: value, size: value.length, truncated: false };
  if (!isPlainObject(value)) return undefined;
  const { text, base64, size } = value;
  if (size !== undefined && !isCount(size)) return undefined;
  const truncated = size !== undefined;
  if (typeof text === 'string' && base64 === undefined) return { text, size: size ?? text.length, truncated };
  if (isBase64(base64) && text === undefined) return { base64, size: size ?? base64Bytes(base64), truncated };
  return undefined;
}

/** The table of the connections a batch's records name, its valid entries only. */
function readConnections(value: unknown): Map<string, ConnectionDescription> {
  const table = new Map<string, ConnectionDescription>();
  if (!isPlainObject(value)) return table;
  for (const [id, entry] of Object.entries(value)) {
    if (isPlainObject(entry) && isTransport(entry.transport) && isShortString(entry.url))
      table.set(id, { transport: entry.transport, url: entry.url });
  }
  return table;
}

/** A frame's optional fields, checked, on the record being read; false when one is malformed. */
function readFrameExtras(value: Record<string, unknown>, frame: PageRecord & { kind: 'frame' }): boolean {
  const { method, status, injected, intercept } = value;
  if (method !== undefined && !isShortString(method)) return false;
  if (status !== undefined && !isFiniteNumber(status)) return false;
  if (injected !== undefined && injected !== true) return false;
  if (method !== undefined) frame.method = method;
  if (status !== undefined) frame.status = status;
  if (injected) frame.injected = true;
  if (intercept === undefined) return true;
  if (!isPlainObject(intercept)) return false;
  const { mark, heldMs } = intercept;
  const original = intercept.original === undefined ? undefined : readWrittenPayload(intercept.original);
  const read = original ? { mark, heldMs, original } : { mark, heldMs };
  if ((intercept.original !== undefined && !original) || !isInterceptRecordMark(read)) return false;
  frame.intercept = read;
  return true;
}

/** A frame written as a tuple (WrittenFrame), checked and completed from its connection's description. */
function readFrame(value: unknown[], connections: Map<string, ConnectionDescription>): PageRecord | undefined {
  if (value.length !== 4) return undefined;
  const [letter, connection, written, time] = value;
  const direction = letter === 's' ? 'sent' : letter === 'r' ? 'received' : undefined;
  if (!direction || typeof connection !== 'string' || !isFiniteNumber(time)) return undefined;
  const described = connections.get(connection);
  const payload = readWrittenPayload(written);
  if (!described || !payload) return undefined;
  const { transport, url } = described;
  return { kind: 'frame', connection, transport, url, direction, payload, time };
}

/** One written record (WrittenRecord) of a batch, checked and completed from its connection's description. */
function readRecord(value: unknown, connections: Map<string, ConnectionDescription>): PageRecord | undefined {
  if (Array.isArray(value)) return readFrame(value, connections);
  if (!isPlainObject(value) || typeof value.connection !== 'string' || !isFiniteNumber(value.time)) return undefined;
  const { connection, time } = value;
  const described = connections.get(connection);
  if (!described) return undefined;
  const { transport, url } = described;
  switch (value.kind) {
    case 'open':
      return { kind: 'open', connection, transport, url, time };
    case 'frame': {
      const { direction } = value;
      const payload = readWrittenPayload(value.payload);
      if ((direction !== 'sent' && direction !== 'received') || !payload) return undefined;
      const frame: PageRecord = { kind: 'frame', connection, transport, url, direction, payload, time };
      return readFrameExtras(value, frame) ? frame : undefined;
    }
    case 'close': {
      const { code, reason, wasClean } = value;
      if (!isFiniteNumber(code) || !isShortString(reason) || typeof wasClean !== 'boolean') return undefined;
      return { kind: 'close', connection, transport, code, reason, wasClean, time };
    }
    case 'error':
      return isShortString(value.message)
        ? { kind: 'error', connection, transport, message: value.message, time }
        : undefined;
    case 'unrecorded': {
      const { count, size } = value;
      if (transport !== 'websocket' || !isCount(count) || !isCount(size)) return undefined;
      return { kind: 'unrecorded', connection, transport, count, size, time };
    }
    default:
      return undefined;
  }
}

/** What a records batch of the hook declares at its head (see PageToContent). */
export interface BatchHead {
  count: number;
  frames: number;
  head: boolean;
  time: number;
  /** The hook's caught failures so far, by kind. */
  errors: CaptureErrors;
}

/** How a records batch of the hook starts: the hook writes these keys in this order (src/page/serialize.ts). */
const BATCH_HEAD =
  /^\{"type":"records","version":(\d{1,9}),"count":(\d{1,9}),"frames":(\d{1,9}),"head":(true|false),"time":(-?\d[\d.eE+-]{0,30}|null),"errors":(\{[^{}]{0,400}\}),"records":\[/;

function parseErrors(text: string): CaptureErrors | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  return isCaptureErrors(parsed) ? parsed : undefined;
}

/**
 * What a message of the hook declares at its head, read without parsing the rest; undefined when it is not text of a
 * records batch of this version, or too large. The numbers are the page's word: the records are validated, and
 * counted against them, when the panel parses them.
 */
export function readBatchHead(detail: unknown): BatchHead | undefined {
  if (typeof detail !== 'string' || detail.length > MAX_PAGE_MESSAGE_CHARS) return undefined;
  const head = BATCH_HEAD.exec(detail.slice(0, 600));
  if (!head || Number(head[1]) !== MESSAGE_PROTOCOL_VERSION) return undefined;
  const [count, frames] = [Number(head[2]), Number(head[3])];
  const errors = parseErrors(head[6]);
  if (count < 1 || frames > count || !errors) return undefined;
  const time = Number(head[5]);
  return { count, frames, head: head[4] === 'true', time: Number.isFinite(time) ? time : 0, errors };
}

export interface ParsedPageMessage {
  /** The valid records, in order (none when the whole message is malformed). */
  records: PageRecord[];
  /** How many records (or whole messages) were malformed and left out. */
  dropped: number;
}

/**
 * Reads one records batch of the hook. The text must be JSON of the expected shape and size; malformed records are
 * left out and counted, the valid ones in the same batch are kept.
 */
export function parsePageMessage(detail: unknown): ParsedPageMessage {
  const malformed = { records: [], dropped: 1 };
  if (typeof detail !== 'string' || detail.length > MAX_PAGE_MESSAGE_CHARS) return malformed;
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return malformed;
  }
  if (!isPlainObject(parsed) || parsed.version !== MESSAGE_PROTOCOL_VERSION) return malformed;
  if (parsed.type !== 'records' || !Array.isArray(parsed.records)) return malformed;
  const connections = readConnections(parsed.connections);
  const records: PageRecord[] = [];
  for (const value of parsed.records as unknown[]) {
    const record = readRecord(value, connections);
    if (record) records.push(record);
  }
  return { records, dropped: parsed.records.length - records.length };
}
