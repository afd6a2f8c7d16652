/**
 * A records batch of the page hook, as the JSON text it hands over (PageToContent): the relay reads only its head
 * (what it declares), keeps and forwards the text; the panel parses and validates its records. Everything in it is
 * the page's word: untrusted until checked here.
 */
import { isCaptureErrors, isCount, isFramePayload, isInterceptRecordMark } from './message-guards';
import { MESSAGE_PROTOCOL_VERSION, type CaptureErrors, type PageRecord } from './messages';
import { isPlainObject } from './protocol';

/** The largest batch read from the page; anything larger is dropped and counted. */
export const MAX_PAGE_MESSAGE_CHARS = 64 * 1024 * 1024;
const MAX_SHORT_STRING = 8 * 1024;

const isShortString = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= MAX_SHORT_STRING;
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function isRecord(value: unknown): value is PageRecord {
  if (!isPlainObject(value) || !isShortString(value.connection) || !isFiniteNumber(value.time)) return false;
  if (value.transport !== 'websocket' && value.transport !== 'polling' && value.transport !== 'webtransport')
    return false;
  switch (value.kind) {
    case 'open':
      return isShortString(value.url);
    case 'frame':
      return (
        isShortString(value.url) &&
        (value.direction === 'sent' || value.direction === 'received') &&
        isFramePayload(value.payload) &&
        (value.method === undefined || isShortString(value.method)) &&
        (value.status === undefined || isFiniteNumber(value.status)) &&
        (value.injected === undefined || value.injected === true) &&
        (value.intercept === undefined || isInterceptRecordMark(value.intercept))
      );
    case 'close':
      return isFiniteNumber(value.code) && isShortString(value.reason) && typeof value.wasClean === 'boolean';
    case 'error':
      return isShortString(value.message);
    case 'unrecorded':
      return value.transport === 'websocket' && isCount(value.count) && isCount(value.size);
    default:
      return false;
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
  const records = parsed.records.filter(isRecord);
  return { records, dropped: parsed.records.length - records.length };
}
