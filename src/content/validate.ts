import { MESSAGE_PROTOCOL_VERSION, type FramePayload, type PageRecord } from '../messages';

/** The largest `detail` the relay reads from the page (a batch); anything larger is dropped and counted. */
export const MAX_PAGE_MESSAGE_CHARS = 64 * 1024 * 1024;
const MAX_SHORT_STRING = 8 * 1024;

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isShortString = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= MAX_SHORT_STRING;
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function isPayload(value: unknown): value is FramePayload {
  if (!isObject(value) || !isFiniteNumber(value.size) || typeof value.truncated !== 'boolean') return false;
  const hasText = typeof value.text === 'string';
  const hasBase64 = typeof value.base64 === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(value.base64);
  return hasText !== hasBase64;
}

function isRecord(value: unknown): value is PageRecord {
  if (!isObject(value) || !isShortString(value.connection) || !isFiniteNumber(value.time)) return false;
  if (value.transport !== 'websocket' && value.transport !== 'polling') return false;
  switch (value.kind) {
    case 'open':
      return isShortString(value.url);
    case 'frame':
      return (
        isShortString(value.url) &&
        (value.direction === 'sent' || value.direction === 'received') &&
        isPayload(value.payload) &&
        (value.method === undefined || isShortString(value.method)) &&
        (value.status === undefined || isFiniteNumber(value.status)) &&
        (value.injected === undefined || value.injected === true)
      );
    case 'close':
      return isFiniteNumber(value.code) && isShortString(value.reason) && typeof value.wasClean === 'boolean';
    case 'error':
      return isShortString(value.message);
    default:
      return false;
  }
}

/** How a records message of the hook starts: `JSON.stringify` writes its keys in this order (see channel.ts). */
const BATCH_HEAD = /^\{"type":"records","version":(\d{1,9}),"count":(\d{1,9}),"records":\[/;

/**
 * The number of records a message of the hook declares at its head, read without parsing the rest (the backlog keeps
 * it as text until a panel asks); undefined when it is not text of a records batch of this version, or too large.
 * The number is the page's word: the records are validated, and counted against it, when parsed.
 */
export function declaredRecordCount(detail: unknown): number | undefined {
  if (typeof detail !== 'string' || detail.length > MAX_PAGE_MESSAGE_CHARS) return undefined;
  const head = BATCH_HEAD.exec(detail.slice(0, 100));
  if (!head || Number(head[1]) !== MESSAGE_PROTOCOL_VERSION) return undefined;
  return Number(head[2]);
}

export interface ParsedPageMessage {
  /** The valid records, in order (none when the whole message is malformed). */
  records: PageRecord[];
  /** How many records (or whole messages) were malformed and left out. */
  dropped: number;
}

/**
 * Reads one message the page posted. Everything from the page is untrusted: the text must be JSON of the expected
 * shape and size; malformed records are left out and counted, the valid ones in the same batch are kept.
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
  if (!isObject(parsed) || parsed.version !== MESSAGE_PROTOCOL_VERSION) return malformed;
  if (parsed.type !== 'records' || !Array.isArray(parsed.records)) return malformed;
  const records = parsed.records.filter(isRecord);
  return { records, dropped: parsed.records.length - records.length };
}
