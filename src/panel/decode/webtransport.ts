import type { CapturedRow } from '../store/capture';
import { base64Decode } from '../../protocol';
import { parseOpen } from '../../protocol/engineio';
import { createStreamReader, type StreamReader } from '../../protocol/webtransport-stream';

type RecordRow = Extract<CapturedRow, { kind: 'record' }>;

/** Rows a WebTransport connection holds back until its client named its session; beyond them it goes on without. */
const MAX_WAITING_ROWS = 64;
/** The first packet is a short open `0{"sid":"…"}`: a longer one is not a handshake. */
const MAX_HANDSHAKE_BYTES = 1024;

interface Waiting {
  reader: StreamReader;
  rows: RecordRow[];
}

/** What a WebTransport connection's rows join: its session's `sid` (when its client named one). */
export interface Joined {
  rows: RecordRow[];
  sid?: string;
}

/**
 * A WebTransport URL carries no sid: the client names its Engine.IO session in its first packet, `0{"sid":"…"}`.
 * A connection's rows wait here (a few) until that packet is complete, then join the session it names.
 */
export function createWebTransportJoin() {
  const waiting = new Map<string, Waiting>();

  function release(key: string, entry: Waiting, sid?: string): Joined {
    waiting.delete(key);
    return sid === undefined ? { rows: entry.rows } : { rows: entry.rows, sid };
  }

  /** Adds a frame row of a connection not yet in a session: the rows ready to decode, or undefined while waiting. */
  function add(key: string, row: RecordRow): Joined | undefined {
    let entry = waiting.get(key);
    if (!entry) waiting.set(key, (entry = { reader: createStreamReader(MAX_HANDSHAKE_BYTES), rows: [] }));
    entry.rows.push(row);
    const { record } = row;
    if (record.kind === 'frame' && record.direction === 'sent' && record.payload.base64 !== undefined) {
      const first = entry.reader.push(base64Decode(record.payload.base64) ?? new Uint8Array())[0];
      if (first) {
        const text = 'text' in first && first.text.startsWith('0') ? first.text.slice(1) : undefined;
        const parsed = text === undefined ? undefined : parseOpen(text);
        return release(key, entry, parsed && 'open' in parsed ? parsed.open.sid : undefined);
      }
    }
    return entry.rows.length >= MAX_WAITING_ROWS ? release(key, entry) : undefined;
  }

  /** The rows still waiting (the capture ended before their client named a session). */
  function drain(): Joined[] {
    return [...waiting].map(([key, entry]) => release(key, entry));
  }

  return { add, drain };
}
