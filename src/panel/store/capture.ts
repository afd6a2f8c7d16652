import { signal } from '@preact/signals';
import type { BackgroundToPanel, DocumentInfo, GapRecord, RelayedRecord } from '../../messages';
import { accountGap, createGapLedger, type GapLedger } from './gaps';

/** One row of the raw capture: a record of a document, or the mark of a navigation of the tab's top frame. */
export type CapturedRow =
  | { kind: 'record'; key: string; time: number; frameId: number; documentId: string; record: RelayedRecord }
  | { kind: 'navigation'; key: string; time: number; frameId: 0; documentId: string; url: string }
  /** Where a document's backlog let records go: `notKept` of the gap's records never reached the panel. */
  | { kind: 'gap'; key: string; time: number; frameId: number; documentId: string; gap: GapRecord; notKept: number };

/**
 * The raw capture of the inspected tab: the documents seen and their records in time order. Records that arrive
 * twice (a backlog replayed after a reconnect) are kept once. A new top-level document (navigation, reload) clears
 * the earlier rows unless `preserveLog` is on, in which case a navigation row marks where it happened.
 * Rows live in one array; `revision` tells views it changed.
 */
export function createCaptureStore() {
  return {
    rows: [] as CapturedRow[],
    /** Bumped whenever rows change other than by appending (clear, navigation, a late record inserted in order). */
    layout: 0,
    seen: new Map<string, Set<number>>(),
    /** Per document, the highest record number seen. */
    lastSeq: new Map<string, number>(),
    /** Per document, the record numbers its gap records covered. */
    gaps: new Map<string, GapLedger>(),
    revision: signal(0),
    documents: signal<ReadonlyMap<string, DocumentInfo & { frameId: number }>>(new Map()),
    preserveLog: signal(false),
    /** Off while recording is paused: records that arrive then are left out for good. */
    recording: signal(true),
    /** The file shown instead of the live capture (Import), until Clear. */
    imported: signal<string | undefined>(undefined),
    /** Records the relays dropped as malformed. */
    dropped: signal(0),
    /** Records seen twice (replays after a reconnect) and left out. */
    duplicates: signal(0),
    /**
     * Records the documents numbered that never reached the panel and no gap record accounts for: numbers below the
     * highest seen that did not arrive (lost on the way).
     */
    missing: signal(0),
    /** Records the backlogs let go (their budget) before the panel had them, as their gap records say. */
    notKept: signal(0),
  };
}

export type CaptureStore = ReturnType<typeof createCaptureStore>;

/** Inserts a row in time order; rows nearly always arrive in order, so this is an append. */
function insertByTime(store: CaptureStore, row: CapturedRow): void {
  const { rows } = store;
  if (rows.length === 0 || rows[rows.length - 1].time <= row.time) {
    rows.push(row);
    return;
  }
  store.layout++;
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (rows[middle].time <= row.time) low = middle + 1;
    else high = middle;
  }
  rows.splice(low, 0, row);
}

function onTopLevelDocument(store: CaptureStore, document: DocumentInfo): void {
  const hadEarlier = [...store.documents.value.values()].some(
    (known) => known.frameId === 0 && known.startedAt < document.startedAt,
  );
  if (!hadEarlier) return;
  if (store.preserveLog.value) {
    const key = `navigation:${document.documentId}`;
    insertByTime(store, {
      kind: 'navigation',
      key,
      time: document.startedAt,
      frameId: 0,
      documentId: document.documentId,
      url: document.url,
    });
  } else {
    const kept = store.rows.filter((row) => row.time >= document.startedAt);
    store.rows.splice(0, store.rows.length, ...kept);
    store.layout++;
  }
  store.revision.value++;
}

/** Empties the capture (the Clear button). Documents stay known, so later records still find their frame. */
export function clearCapture(store: CaptureStore): void {
  store.imported.value = undefined;
  store.rows.length = 0;
  store.layout++;
  store.revision.value++;
}

/** Replaces the capture with rows read from a file (Import); live records are left out until Clear. */
export function loadCapture(store: CaptureStore, rows: readonly CapturedRow[], fileName: string): void {
  store.imported.value = fileName;
  store.rows.splice(0, store.rows.length, ...rows);
  store.layout++;
  store.revision.value++;
}

/** The one reducer that feeds the capture from background messages. */
export function applyMessage(store: CaptureStore, message: BackgroundToPanel): void {
  if (message.type === 'document') {
    const known = store.documents.value.has(message.document.documentId);
    if (!known && message.frameId === 0) onTopLevelDocument(store, message.document);
    const documents = new Map(store.documents.value);
    documents.set(message.document.documentId, { ...message.document, frameId: message.frameId });
    store.documents.value = documents;
    return;
  }
  if (message.type !== 'records' || store.imported.value !== undefined) return;
  const { documentId, frameId } = message;
  let seen = store.seen.get(documentId);
  if (!seen) store.seen.set(documentId, (seen = new Set()));
  let ledger = store.gaps.get(documentId);
  if (!ledger) store.gaps.set(documentId, (ledger = createGapLedger()));
  let lastSeq = store.lastSeq.get(documentId) ?? -1;
  const missingBefore = lastSeq + 1 - seen.size - ledger.notKept;
  let added = 0;
  let duplicates = 0;
  const recording = store.recording.value;
  for (const record of message.records) {
    if (record.kind === 'gap') {
      const notKept = accountGap(ledger, seen, record.from, record.to);
      lastSeq = Math.max(lastSeq, record.to);
      store.notKept.value += notKept;
      if (notKept === 0 || !recording) continue;
      const key = `${documentId}:gap:${record.from}`;
      insertByTime(store, { kind: 'gap', key, time: record.time, frameId, documentId, gap: record, notKept });
      added++;
      continue;
    }
    if (record.seq > lastSeq) lastSeq = record.seq;
    if (seen.has(record.seq)) {
      if (recording) duplicates++;
      continue;
    }
    seen.add(record.seq);
    if (!recording) continue;
    insertByTime(store, {
      kind: 'record',
      key: `${documentId}:${record.seq}`,
      time: record.time,
      frameId,
      documentId,
      record,
    });
    added++;
  }
  if (message.dropped > 0) store.dropped.value += message.dropped;
  if (duplicates > 0) store.duplicates.value += duplicates;
  store.lastSeq.set(documentId, lastSeq);
  const missing = lastSeq + 1 - seen.size - ledger.notKept;
  if (missing !== missingBefore) store.missing.value += missing - missingBefore;
  if (added > 0) store.revision.value++;
}
