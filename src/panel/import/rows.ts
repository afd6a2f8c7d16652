import {
  WORKER_FRAME_ID,
  type DocumentInfo,
  type FramePayload,
  type PageRecord,
  type RelayedRecord,
  type Transport,
  type WorkerInfo,
} from '../../messages';
import { base64Decode, base64Encode, isCanonicalBase64 } from '../../protocol';
import type { CapturedRow } from '../store/capture';
import { createRowMaker } from '../store/record-row';

/**
 * What an importer returns (the shape of `importCapture`): the rows, and the documents of the workers whose sessions
 * the file marks (each in frame WORKER_FRAME_ID, as a live capture has them).
 */
export type ImportResult =
  { ok: true; rows: CapturedRow[]; workerDocuments: DocumentInfo[]; warnings: string[] } | { ok: false; error: string };

/** The document of an imported record: the file's own (top frame), or a worker's. */
export type DocumentOf = (record: PageRecord) => { documentId: string; frameId: number } | undefined;

/** A text frame's payload; `size` in UTF-16 units, as the page hook counts text. */
export const textPayload = (text: string): FramePayload => ({ text, size: text.length, truncated: false });

/** A binary frame's payload. */
export const bytesPayload = (bytes: Uint8Array): FramePayload => ({
  base64: base64Encode(bytes),
  size: bytes.length,
  truncated: false,
});

/**
 * A binary frame's payload from base64 text of a file, in canonical form (padded, no whitespace), so that every
 * record holds base64 that `atob` reads; undefined when the text is not base64.
 */
export function base64Payload(base64: string): FramePayload | undefined {
  const bytes = base64Decode(base64);
  if (!bytes) return undefined;
  return isCanonicalBase64(base64)
    ? { base64, size: bytes.length, truncated: false }
    : { base64: base64Encode(bytes), size: bytes.length, truncated: false };
}

/**
 * The record that stands in the capture for a part of a file that could not be read (`why`): an error record of
 * the connection it belongs to, when known, so that it shows, flagged, among the raw frames.
 */
export function unreadRecord(
  why: string,
  time: number,
  connection = 'import',
  transport: Transport = 'websocket',
): PageRecord {
  return { kind: 'error', connection, transport, message: `not imported: ${why}`, time };
}

/**
 * The records as the capture store holds them: in time order (stable, so records of equal time keep the order the
 * importer produced them in), numbered from 0, in one document named after the file, in the top frame, unless
 * `documentOf` places a record in a worker's.
 */
export function toRows(records: PageRecord[], fileName: string, documentOf?: DocumentOf): CapturedRow[] {
  let sorted = true;
  for (let i = 1; i < records.length && sorted; i++) if (records[i].time < records[i - 1].time) sorted = false;
  const ordered = sorted
    ? records
    : records
        .map((record, index) => ({ record, index }))
        .sort((a, b) => a.record.time - b.record.time || a.index - b.index)
        .map(({ record }) => record);
  const fileDocument = { documentId: `import:${fileName}`, frameId: 0 };
  const rows = new Array<CapturedRow>(ordered.length);
  const makeRow = createRowMaker();
  for (let seq = 0; seq < ordered.length; seq++) {
    // The importers' own fresh objects: numbered in place rather than copied.
    const record: RelayedRecord = Object.assign(ordered[seq], { seq });
    const { documentId, frameId } = documentOf?.(record) ?? fileDocument;
    rows[seq] = makeRow(frameId, documentId, record);
  }
  return rows;
}

/**
 * One document per worker the file names (by kind and script URL), for the connections of its sessions: the panel
 * names their sessions after the worker, as in the live capture.
 */
export function workerDocuments(
  fileName: string,
  workers: ReadonlyMap<string, WorkerInfo>,
): { documents: DocumentInfo[]; documentOf: DocumentOf } {
  const byWorker = new Map<string, DocumentInfo>();
  const byConnection = new Map<string, string>();
  for (const [connection, worker] of workers) {
    const key = `${worker.kind} ${worker.url}`;
    let document = byWorker.get(key);
    if (!document) {
      const documentId = `import:${fileName}:worker${byWorker.size + 1}`;
      document = { documentId, url: worker.url, title: fileName, startedAt: 0, worker };
      byWorker.set(key, document);
    }
    byConnection.set(connection, document.documentId);
  }
  return {
    documents: [...byWorker.values()],
    documentOf(record) {
      const documentId = byConnection.get(record.connection);
      return documentId === undefined ? undefined : { documentId, frameId: WORKER_FRAME_ID };
    },
  };
}

/** Counts of things left out or flagged, summed into one warning each. */
export function createWarnings() {
  const counts = new Map<string, number>();
  return {
    add(what: string): void {
      counts.set(what, (counts.get(what) ?? 0) + 1);
    },
    list(): string[] {
      return Array.from(counts, ([what, count]) => `${count} ${what}`);
    },
  };
}
