// A record's row as the capture store holds it: compact for the text frames that make most of a capture.
import type { Direction, RelayedRecord, Transport } from '../../messages';

type FrameRecord = Extract<RelayedRecord, { kind: 'frame' }>;

/**
 * What the rows of one connection of a document in one direction share, kept once for all of them (a million rows
 * are held at once).
 */
class RecordSource {
  constructor(
    readonly frameId: number,
    readonly documentId: string,
    readonly connection: string,
    readonly transport: Transport,
    readonly url: string,
    readonly direction: Direction,
  ) {}
}

/**
 * A record's row: its source, number, time, and either the text of a plain text frame (its record made when read,
 * see frameRecord) or the record itself. Its key and kind are read from these, not held.
 */
export class RecordRow {
  constructor(
    private readonly source: RecordSource,
    private readonly seq: number,
    readonly time: number,
    private readonly body: string | RelayedRecord,
  ) {}

  get kind(): 'record' {
    return 'record';
  }

  get frameId(): number {
    return this.source.frameId;
  }

  get documentId(): string {
    return this.source.documentId;
  }

  get key(): string {
    return `${this.source.documentId}:${this.seq}`;
  }

  get record(): RelayedRecord {
    const { body } = this;
    return typeof body === 'string' ? frameRecord(this, this.source, this.seq, body) : body;
  }
}

/** The row whose record was read last, and that record: a reader reading its fields one by one makes one. */
let lastRow: RecordRow | undefined;
let lastRecord: FrameRecord | undefined;

function frameRecord(row: RecordRow, source: RecordSource, seq: number, text: string): FrameRecord {
  if (lastRow === row && lastRecord) return lastRecord;
  const { connection, transport, url, direction } = source;
  const payload = { text, size: text.length, truncated: false };
  lastRecord = { kind: 'frame', connection, transport, url, direction, payload, time: row.time, seq };
  lastRow = row;
  return lastRecord;
}

/** A frame with nothing but its connection, direction, time and whole text: its row keeps only the text. */
function isPlainText(record: RelayedRecord): record is FrameRecord & { payload: { text: string } } {
  if (record.kind !== 'frame') return false;
  const { payload, method, status, injected, intercept } = record;
  const { text } = payload;
  if (text === undefined || payload.base64 !== undefined || payload.truncated || payload.size !== text.length)
    return false;
  return method === undefined && status === undefined && injected === undefined && intercept === undefined;
}

/** Sources kept at most for reuse (a row holds its own): enough for every connection of a busy page. */
const MAX_SOURCES = 4096;

/** Makes the rows of records, each with the source its connection's earlier rows share. */
export function createRowMaker() {
  /** The newest source per frame, document, connection and direction (a key any of them may share a space with). */
  const sources = new Map<string, RecordSource>();

  /** The source made or found last: the rows of a busy connection come in runs of one direction. */
  let last: RecordSource | undefined;

  /** The source of these fields among the known ones (the last one first), or a new one. */
  function sourceOf(frameId: number, documentId: string, frame: FrameRecord | undefined): RecordSource {
    // The source of records kept whole stands for their document only.
    const { connection = '', transport = 'websocket', url = '', direction = 'sent' } = frame ?? {};
    const isThis = (source: RecordSource | undefined): source is RecordSource =>
      source?.frameId === frameId &&
      source.documentId === documentId &&
      source.connection === connection &&
      source.direction === direction &&
      source.transport === transport &&
      source.url === url;
    if (isThis(last)) return last;
    const key = `${frameId} ${documentId} ${connection} ${direction}`;
    const known = sources.get(key);
    if (isThis(known)) return (last = known);
    if (sources.size >= MAX_SOURCES) sources.clear();
    last = new RecordSource(frameId, documentId, connection, transport, url, direction);
    sources.set(key, last);
    return last;
  }

  return (frameId: number, documentId: string, record: RelayedRecord): RecordRow =>
    isPlainText(record)
      ? new RecordRow(sourceOf(frameId, documentId, record), record.seq, record.time, record.payload.text)
      : new RecordRow(sourceOf(frameId, documentId, undefined), record.seq, record.time, record);
}
