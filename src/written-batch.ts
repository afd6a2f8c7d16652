/**
 * Records made outside the hook (a worker's, by the background) written as a records batch of the hook's format
 * (PageToContent), so that the panel reads them as it reads the page's (src/page-batch.ts).
 */
import {
  MESSAGE_PROTOCOL_VERSION,
  type FramePayload,
  type PageRecord,
  type PageToContent,
  type WrittenPayload,
  type WrittenRecord,
} from './messages';

/** A payload as the hook writes it. */
function writtenPayload({ text, base64, size, truncated }: FramePayload): WrittenPayload {
  if (text !== undefined && !truncated) return text;
  const written: Exclude<WrittenPayload, string> = text !== undefined ? { text } : { base64: base64 ?? '' };
  if (truncated) written.size = size;
  return written;
}

/** A record as the hook writes it, its connection described in `connections`. */
function writtenRecord(record: PageRecord, connections: PageToContentRecords['connections']): WrittenRecord {
  const { kind, connection, transport, time } = record;
  // Closes and errors carry no URL: the connection's frames and open say it.
  const url = kind === 'frame' || kind === 'open' ? record.url : '';
  if (!connections[connection]?.url) connections[connection] = { transport, url };
  switch (kind) {
    case 'open':
      return { kind, connection, time };
    case 'close':
      return { kind, connection, code: record.code, reason: record.reason, wasClean: record.wasClean, time };
    case 'error':
      return { kind, connection, message: record.message, time };
    case 'unrecorded':
      return { kind, connection, count: record.count, size: record.size, time };
  }
  const { direction, payload, method, status, injected, intercept } = record;
  if (method === undefined && status === undefined && !injected && !intercept)
    return [direction === 'sent' ? 's' : 'r', connection, writtenPayload(payload), time];
  const written: WrittenRecord = { kind, connection, direction, payload: writtenPayload(payload), time };
  if (method !== undefined) written.method = method;
  if (status !== undefined) written.status = status;
  if (injected) written.injected = injected;
  if (intercept) {
    const { mark, heldMs, original } = intercept;
    written.intercept = original ? { mark, heldMs, original: writtenPayload(original) } : { mark, heldMs };
  }
  return written;
}

type PageToContentRecords = Extract<PageToContent, { type: 'records' }>;

/** The text of one batch of these records, its head's keys in their order. */
export function writeRecordsBatch(records: PageRecord[]): string {
  const connections: PageToContentRecords['connections'] = Object.create(null) as PageToContentRecords['connections'];
  const written = records.map((record) => writtenRecord(record, connections));
  const message: PageToContentRecords = {
    type: 'records',
    version: MESSAGE_PROTOCOL_VERSION,
    count: records.length,
    frames: records.filter((record) => record.kind === 'frame').length,
    head: false,
    time: records[0]?.time ?? 0,
    errors: {},
    records: written,
    connections,
  };
  return JSON.stringify(message);
}
