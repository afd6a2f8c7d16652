import type { PageRecord } from '../../messages';
import { isEngineIoUrl, isPlainObject } from '../../protocol';
import { base64Payload, createWarnings, textPayload, toRows, unreadRecord, type ImportResult } from './rows';

/** True when the JSON looks like a HAR file (`{"log": {"entries": [...]}}`). */
export function isHar(json: unknown): json is { log: { entries: unknown[] } } {
  return isPlainObject(json) && isPlainObject(json['log']) && Array.isArray(json['log']['entries']);
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;
const field = (value: unknown, key: string): unknown => (isPlainObject(value) ? value[key] : undefined);

/** When a request's body went out: after the time it was blocked, resolving and connecting (`timings`). */
function sentAt(entry: Record<string, unknown>, started: number): number {
  const timings = field(entry, 'timings');
  let waited = 0;
  for (const phase of ['blocked', 'dns', 'connect']) waited += Math.max(0, num(field(timings, phase)) ?? 0);
  return started + waited;
}

function isWebSocketEntry(entry: Record<string, unknown>, url: string): boolean {
  return /^wss?:/i.test(url) || entry['_resourceType'] === 'websocket' || Array.isArray(entry['_webSocketMessages']);
}

/**
 * A HAR file (as Chrome's Network panel saves it) to captured rows: each WebSocket entry becomes a connection (an
 * `open` record, then its `_webSocketMessages` as frames); each Engine.IO polling request becomes the frames the
 * page hook would have recorded: a POST's body `sent` when the request started, and the response body `received`
 * when the response ended (`startedDateTime` + `time`), with method and status. Other entries are skipped.
 */
export function importHar(har: { log: { entries: unknown[] } }, fileName: string): ImportResult {
  const warnings = createWarnings();
  const records: PageRecord[] = [];
  har.log.entries.forEach((value, index) => {
    const entry = isPlainObject(value) ? value : {};
    const request = field(entry, 'request');
    const url = str(field(request, 'url'));
    const started = Date.parse(str(entry['startedDateTime']) ?? '');
    if (url === undefined || Number.isNaN(started)) {
      warnings.add('HAR entry(ies) skipped: no request URL or startedDateTime');
      return;
    }
    const connection = `har${index}`;
    if (isWebSocketEntry(entry, url)) {
      records.push({ kind: 'open', connection, transport: 'websocket', url, time: started });
      const messages = Array.isArray(entry['_webSocketMessages']) ? entry['_webSocketMessages'] : [];
      for (const message of messages) {
        const type = field(message, 'type');
        const opcode = field(message, 'opcode');
        const data = str(field(message, 'data'));
        const seconds = num(field(message, 'time'));
        if (
          (type !== 'send' && type !== 'receive') ||
          (opcode !== 1 && opcode !== 2) ||
          data === undefined ||
          seconds === undefined
        ) {
          warnings.add('WebSocket message(s) skipped: not a text or binary message with type, time and data');
          continue;
        }
        const direction = type === 'send' ? 'sent' : 'received';
        const payload = opcode === 1 ? textPayload(data) : base64Payload(data);
        if (!payload) {
          warnings.add('WebSocket message(s) flagged: binary data that is not base64');
          records.push(
            unreadRecord(`binary ${direction} message whose data is not base64`, seconds * 1000, connection),
          );
          continue;
        }
        records.push({
          kind: 'frame',
          connection,
          transport: 'websocket',
          url,
          direction,
          payload,
          time: seconds * 1000,
        });
      }
      return;
    }
    if (!/^https?:/i.test(url) || !isEngineIoUrl(url)) {
      warnings.add('HAR entry(ies) skipped: neither a WebSocket nor Engine.IO polling');
      return;
    }
    const method = (str(field(request, 'method')) ?? 'GET').toUpperCase();
    const response = field(entry, 'response');
    const status = num(field(response, 'status'));
    const ended = started + (num(entry['time']) ?? 0);
    const polling = { kind: 'frame', connection, transport: 'polling', url, method } as const;
    if (method === 'POST') {
      const postData = field(request, 'postData');
      const posted = str(field(postData, 'text'));
      // A binary body is base64 with `_encoding` (our own HAR export; HAR has no field for it).
      const payload =
        field(postData, '_encoding') === 'base64' ? base64Payload(posted ?? '') : textPayload(posted ?? '');
      if (posted === undefined || !payload) warnings.add('polling POST(s) without postData.text');
      else records.push({ ...polling, direction: 'sent', payload, time: sentAt(entry, started) });
    }
    if (status === 0 || status === undefined) {
      warnings.add('polling request(s) without a response');
      return;
    }
    const content = field(response, 'content');
    const text = str(field(content, 'text'));
    if (text === undefined) {
      // Chrome leaves out bodies it did not keep; an empty answer to a POST is nothing to show.
      if (method !== 'POST') warnings.add('polling response(s) without content.text');
      return;
    }
    const payload = field(content, 'encoding') === 'base64' ? base64Payload(text) : textPayload(text);
    if (!payload) {
      warnings.add('polling response(s) flagged: base64 content that is not base64');
      records.push(unreadRecord('polling response whose base64 content is not base64', ended, connection, 'polling'));
      return;
    }
    records.push({ ...polling, direction: 'received', payload, time: ended, status });
  });
  return { ok: true, rows: toRows(records, fileName), workerDocuments: [], warnings: warnings.list() };
}
