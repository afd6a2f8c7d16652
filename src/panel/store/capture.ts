import { signal } from '@preact/signals';
import type { BackgroundToPanel, DocumentInfo, RelayedRecord } from '../../messages';

/** One captured record as the panel lists it, with where it came from. */
export interface CapturedRow {
  /** Unique within the capture: document and sequence number. */
  key: string;
  frameId: number;
  documentId: string;
  record: RelayedRecord;
}

/**
 * The raw capture of the inspected tab: the documents seen and their records in time order. Records that arrive
 * twice (a backlog replayed after a reconnect) are kept once. Rows live in one array; `revision` tells views it changed.
 */
export function createCaptureStore() {
  return {
    rows: [] as CapturedRow[],
    seen: new Map<string, Set<number>>(),
    revision: signal(0),
    documents: signal<ReadonlyMap<string, DocumentInfo & { frameId: number }>>(new Map()),
    /** Records the relays dropped as malformed. */
    dropped: signal(0),
    /** Records seen twice (replays after a reconnect) and left out. */
    duplicates: signal(0),
  };
}

export type CaptureStore = ReturnType<typeof createCaptureStore>;

/** Inserts a row in time order; rows nearly always arrive in order, so this is an append. */
function insertByTime(rows: CapturedRow[], row: CapturedRow): void {
  const time = row.record.time;
  if (rows.length === 0 || rows[rows.length - 1]!.record.time <= time) {
    rows.push(row);
    return;
  }
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (rows[middle]!.record.time <= time) low = middle + 1;
    else high = middle;
  }
  rows.splice(low, 0, row);
}

/** The one reducer that feeds the capture from background messages. */
export function applyMessage(store: CaptureStore, message: BackgroundToPanel): void {
  if (message.type === 'document') {
    const documents = new Map(store.documents.value);
    documents.set(message.document.documentId, { ...message.document, frameId: message.frameId });
    store.documents.value = documents;
    return;
  }
  if (message.type !== 'records') return;
  const { documentId, frameId } = message;
  let seen = store.seen.get(documentId);
  if (!seen) store.seen.set(documentId, (seen = new Set()));
  let added = 0;
  for (const record of message.records) {
    if (seen.has(record.seq)) continue;
    seen.add(record.seq);
    insertByTime(store.rows, { key: `${documentId}:${record.seq}`, frameId, documentId, record });
    added++;
  }
  const duplicates = message.records.length - added;
  if (message.dropped > 0) store.dropped.value += message.dropped;
  if (duplicates > 0) store.duplicates.value += duplicates;
  if (added > 0) store.revision.value++;
}
