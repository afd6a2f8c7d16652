import type { PageRecord } from '../../messages';
import type { CapturedRow } from '../store/capture';
import { saveFile } from './download';

/**
 * The capture as HAR 1.2, in the shape Chrome's Network panel writes and reads (devtools-frontend
 * `front_end/models/har/Log.ts`, `HARFormat.ts`): each Engine.IO polling request an entry with its bodies (the POST
 * body in `request.postData.text`, the response in `response.content.text`, base64 with `encoding` when binary), each
 * WebSocket an entry with `_resourceType: "websocket"` and `_webSocketMessages` (`send`/`receive`, time in epoch
 * seconds, opcode 1 text or 2 binary, binary data as base64). A binary POST body, which HAR cannot say, is base64
 * with `_encoding: "base64"`. Times stay exact: `startedDateTime` holds whole milliseconds, and the rest of a POST
 * body's time is `timings.blocked` (the importer adds it back); records of the same time are written a microsecond
 * apart, in the order they were captured.
 */

/** How far apart records captured at the same time are written, in ms. */
const TIE_MS = 0.001;

/** The version of this writer's HAR shape, as `log.creator.version`. */
export const HAR_WRITER_VERSION = '1';

type Frame = Extract<PageRecord, { kind: 'frame' }>;
type Records = Extract<CapturedRow, { kind: 'record' }>['record'][];

interface HarMessage {
  type: 'send' | 'receive';
  time: number;
  opcode: 1 | 2;
  data: string;
}

const iso = (ms: number) => new Date(Math.floor(ms)).toISOString();
const bodyText = (frame: Frame) => frame.payload.text ?? frame.payload.base64 ?? '';

function queryString(url: string): { name: string; value: string }[] {
  try {
    return Array.from(new URL(url).searchParams, ([name, value]) => ({ name, value }));
  } catch {
    return []; // a URL the page could not have used: no query to list
  }
}

function truncatedComment(frames: (Frame | undefined)[]): { comment?: string } {
  const cut = frames.filter((frame) => frame?.payload.truncated);
  if (cut.length === 0) return {};
  return { comment: `truncated by the capture: ${cut.map((frame) => `${frame!.payload.size} bytes`).join(', ')}` };
}

function request(method: string, url: string, body: Frame | undefined) {
  const postData = body && {
    mimeType: body.payload.base64 !== undefined ? 'application/octet-stream' : 'text/plain;charset=UTF-8',
    text: bodyText(body),
    ...(body.payload.base64 !== undefined ? { _encoding: 'base64' } : {}),
  };
  return {
    method,
    url,
    httpVersion: 'HTTP/1.1',
    headers: [],
    queryString: queryString(url),
    cookies: [],
    headersSize: -1,
    bodySize: body ? body.payload.size : 0,
    ...(postData ? { postData } : {}),
  };
}

function response(status: number, statusText: string, content: object, error: string | null = null) {
  const size = 'size' in content ? (content.size as number) : 0;
  return {
    status,
    statusText,
    httpVersion: 'HTTP/1.1',
    headers: [],
    cookies: [],
    content,
    redirectURL: '',
    headersSize: -1,
    bodySize: size,
    _transferSize: size,
    _error: error,
  };
}

const RESOURCE_TYPES: [RegExp, string][] = [
  [/^xhr/, 'xhr'],
  [/^(fetch|inject)/, 'fetch'],
  [/^jsonp/, 'script'],
];

/** One polling request: its POST body, its response (or the error that ended it), as one entry. */
function pollingEntry(connection: string, sent: Frame | undefined, answer: Frame | Records[number] | undefined) {
  const received = answer?.kind === 'frame' ? answer : undefined;
  const first = sent ?? answer!;
  const url = (sent ?? received)?.url ?? '';
  const start = Math.floor(first.time);
  const end = answer?.time ?? first.time;
  const content = received
    ? {
        size: received.payload.size,
        mimeType: received.payload.base64 !== undefined ? 'application/octet-stream' : 'text/plain; charset=UTF-8',
        text: bodyText(received),
        ...(received.payload.base64 !== undefined ? { encoding: 'base64' } : {}),
      }
    : { size: 0, mimeType: 'x-unknown' };
  const error = answer?.kind === 'error' ? answer.message : null;
  const blocked = sent ? sent.time - start : 0;
  return {
    _resourceType: RESOURCE_TYPES.find(([pattern]) => pattern.test(connection))?.[1] ?? 'other',
    cache: {},
    startedDateTime: iso(start),
    time: end - start,
    request: request((sent ?? received)?.method ?? (sent ? 'POST' : 'GET'), url, sent),
    response: response(received?.status ?? 0, received ? '' : 'no response', content, error),
    timings: { blocked, dns: -1, ssl: -1, connect: -1, send: 0, wait: end - start - blocked, receive: 0 },
    ...truncatedComment([sent, received]),
  };
}

/** A polling connection's records as requests: each POST body or response starts one, its response ends it. */
function pollingEntries(connection: string, records: Records) {
  const entries: ReturnType<typeof pollingEntry>[] = [];
  let sent: Frame | undefined;
  for (const record of records) {
    if (record.kind === 'frame' && record.direction === 'sent') {
      if (sent) entries.push(pollingEntry(connection, sent, undefined));
      sent = record;
    } else if (record.kind === 'frame' || record.kind === 'error') {
      entries.push(pollingEntry(connection, sent, record));
      sent = undefined;
    }
  }
  if (sent) entries.push(pollingEntry(connection, sent, undefined));
  return entries;
}

/** A WebSocket's records as one entry, its frames as `_webSocketMessages`. */
function webSocketEntry(records: Records) {
  const open = records.find((record) => record.kind === 'open');
  const frames = records.filter((record): record is Frame & { seq: number } => record.kind === 'frame');
  const start = Math.floor((open ?? records[0]).time);
  const messages: HarMessage[] = frames.map((frame) => ({
    type: frame.direction === 'sent' ? 'send' : 'receive',
    time: frame.time / 1000,
    opcode: frame.payload.base64 !== undefined ? 2 : 1,
    data: bodyText(frame),
  }));
  return {
    _resourceType: 'websocket',
    cache: {},
    startedDateTime: iso(start),
    time: 0,
    request: request('GET', open?.url ?? frames[0]?.url ?? '', undefined),
    response: response(101, 'Switching Protocols', { size: 0, mimeType: 'x-unknown' }),
    timings: { blocked: -1, dns: -1, ssl: -1, connect: -1, send: 0, wait: 0, receive: 0 },
    ...truncatedComment(frames),
    _webSocketMessages: messages,
  };
}

type HarEntry = ReturnType<typeof pollingEntry> | ReturnType<typeof webSocketEntry>;

/** The HAR document of the capture's rows (navigation rows say nothing on the network and are left out). */
export function buildHar(rows: readonly CapturedRow[]) {
  const connections = new Map<string, Records>();
  let last = -Infinity;
  for (const row of rows) {
    // HAR has no form for WebTransport sessions: the sio-json export keeps them.
    if (row.kind !== 'record' || row.record.transport === 'webtransport') continue;
    const key = `${row.documentId} ${row.frameId} ${row.record.transport} ${row.record.connection}`;
    let records = connections.get(key);
    if (!records) connections.set(key, (records = []));
    // Records of the same millisecond (Firefox's clock) keep their order through a reader that sorts by time: each
    // is written a microsecond after the one before it.
    last = row.record.time > last ? row.record.time : last + TIE_MS;
    records.push(last === row.record.time ? row.record : { ...row.record, time: last });
  }
  const entries: HarEntry[] = [];
  for (const records of connections.values()) {
    if (records[0].transport === 'websocket') entries.push(webSocketEntry(records));
    else entries.push(...pollingEntries(records[0].connection, records));
  }
  entries.sort((a, b) => Date.parse(a.startedDateTime) - Date.parse(b.startedDateTime));
  return {
    log: {
      version: '1.2',
      creator: { name: 'Socket.IO Inspector', version: HAR_WRITER_VERSION },
      pages: [],
      entries,
    },
  };
}

/** Messages of a WebSocket entry written into one part of the text. */
const MESSAGES_PER_PART = 4096;

/**
 * The HAR's JSON text in parts (to join, or hand to a Blob): an entry per part, a WebSocket's messages a few thousand
 * per part, so that no single string has to hold a long capture.
 */
export function serializeHar(har: ReturnType<typeof buildHar>): string[] {
  const { entries, ...log } = har.log;
  const parts = [`{"log":${JSON.stringify(log).slice(0, -1)},"entries":[`];
  entries.forEach((entry, index) => {
    const separator = index > 0 ? ',' : '';
    if (!('_webSocketMessages' in entry)) {
      parts.push(separator + JSON.stringify(entry));
      return;
    }
    const { _webSocketMessages: messages, ...rest } = entry;
    parts.push(`${separator}${JSON.stringify(rest).slice(0, -1)},"_webSocketMessages":[`);
    for (let start = 0; start < messages.length; start += MESSAGES_PER_PART)
      parts.push(
        (start > 0 ? ',' : '') +
          messages
            .slice(start, start + MESSAGES_PER_PART)
            .map((m) => JSON.stringify(m))
            .join(','),
      );
    parts.push(']}');
  });
  parts.push(']}}');
  return parts;
}

/** Downloads the capture as `socketio-<time>.har`. */
export function downloadHar(rows: readonly CapturedRow[]): void {
  const now = new Date();
  saveFile(serializeHar(buildHar(rows)), `socketio-${now.toISOString().replace(/[:.]/g, '-')}.har`, 'application/json');
}
