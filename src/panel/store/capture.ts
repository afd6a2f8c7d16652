import { signal } from '@preact/signals';
import {
  WORKER_FRAME_ID,
  type DocumentInfo,
  type DocumentStatus,
  type GapRecord,
  type RelayedRecord,
} from '../../messages';
import { DEFAULT_SETTINGS } from '../../settings/schema';
import type { PanelMessage } from '../bridge';
import { RECENT_DOCUMENTS } from '../recent-documents';
import { createRowMaker } from './record-row';
import { createSeqSet, type SeqSet } from './seq-set';

/**
 * One row of the raw capture: a record of a document, or the mark of a navigation of the tab's top frame. The store's
 * record rows are RecordRows, whose fields are getters (a spread copies none of them): read them by name.
 */
export type CapturedRow =
  | {
      readonly kind: 'record';
      readonly key: string;
      readonly time: number;
      readonly frameId: number;
      readonly documentId: string;
      readonly record: RelayedRecord;
    }
  | { kind: 'navigation'; key: string; time: number; frameId: 0; documentId: string; url: string }
  /** Where a document's backlog let records go (its budget): `notKept` of the gap's records never reached the panel. */
  | { kind: 'gap'; key: string; time: number; frameId: number; documentId: string; gap: GapRecord; notKept: number };

/**
 * The raw capture of the inspected tab: the documents seen and their records in time order. Records that arrive
 * twice (a backlog replayed after a reconnect) are kept once. A new top-level document (navigation, reload) clears
 * the earlier rows unless `preserveLog` is on, in which case a navigation row marks where it happened.
 * Rows live in one array, appended to in place; `revision` tells views it changed.
 */
export function createCaptureStore() {
  return {
    rows: [] as CapturedRow[],
    /**
     * Rows let go from the front (the timeline's limit, see releaseRows) since the capture last started afresh
     * (clear, import, a navigation without preserve log): the number of `rows[0]` among all rows ever appended.
     */
    releasedRows: 0,
    /** Bumped whenever rows change other than by appending or releasing (clear, navigation, a late record inserted). */
    layout: 0,
    /** Per document, the record numbers seen. */
    seen: new Map<string, SeqSet>(),
    makeRow: createRowMaker(),
    revision: signal(0),
    documents: signal<ReadonlyMap<string, DocumentInfo & { frameId: number }>>(new Map()),
    preserveLog: signal(false),
    /** Off while recording is paused: records that arrive then are left out for good. */
    recording: signal(true),
    /**
     * Per document, the number below which records came before the last Clear (left out when they arrive later) and
     * before the last Pause (recorded when they arrive later): the page's relay may still be sending what it kept for
     * a held flood (flood-hold.ts, `readAll`).
     */
    clearedBelow: new Map<string, number>(),
    pausedBelow: new Map<string, number>(),
    /** Whether a flood's records are held unread until it ends (the Hold floods setting; flood-hold.ts). */
    holdFloods: signal(DEFAULT_SETTINGS.holdFloods),
    /** The file shown instead of the live capture (Import), until Clear. */
    imported: signal<string | undefined>(undefined),
    /** Records the relays dropped as malformed. */
    dropped: signal(0),
    /** Records seen twice (replays after a reconnect) and left out. */
    duplicates: signal(0),
    /**
     * Records the documents numbered that never reached the panel and that no gap record accounts for: numbers below
     * the highest seen that did not arrive (lost on the way, or given up, see SeqSet).
     */
    missing: signal(0),
    /** Records the backlogs let go (their budget) before the panel had them, as their gap records say. */
    notKept: signal(0),
    /**
     * Per document, the hook's caught failures and the commands its relay refused (see DocumentStatus); those of the
     * documents forgotten (see forgetIdleDocuments) summed under FORGOTTEN_DOCUMENTS.
     */
    status: signal<ReadonlyMap<string, DocumentStatus>>(new Map()),
    /** The documents in the order they were last active (a document, records or status message), the oldest first. */
    activeDocuments: new Set<string>(),
    /** Past this many active documents, the idle ones are forgotten (see forgetIdleDocuments). */
    forgetAbove: RECENT_DOCUMENTS,
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

/** Puts `rows` in place of every row, as a capture that starts afresh. */
function replaceRows(store: CaptureStore, rows: readonly CapturedRow[]): void {
  store.rows = rows.slice();
  store.releasedRows = 0;
  store.layout++;
  store.revision.value++;
}

/** The inspected page's newest top-frame document. */
function topFrameDocument(documents: CaptureStore['documents']['value']): DocumentInfo | undefined {
  let newest: (DocumentInfo & { frameId: number }) | undefined;
  for (const document of documents.values())
    if (document.frameId === 0 && (!newest || document.startedAt >= newest.startedAt)) newest = document;
  return newest;
}

/** The URL of the inspected page: its newest top-frame document's. */
export const topFrameUrl = (documents: CaptureStore['documents']['value']) => topFrameDocument(documents)?.url;

/** Where the status of the documents forgotten is summed (no document's id: those are random and never empty). */
const FORGOTTEN_DOCUMENTS = '';

/** The sum of two documents' status (none: `status` alone). */
export function addStatus(to: DocumentStatus | undefined, status: DocumentStatus): DocumentStatus {
  if (!to) return status;
  const captureErrors = { ...to.captureErrors };
  for (const [kind, count] of Object.entries(status.captureErrors) as [keyof typeof captureErrors, number?][])
    captureErrors[kind] = (captureErrors[kind] ?? 0) + (count ?? 0);
  return { captureErrors, refusedCommands: to.refusedCommands + status.refusedCommands };
}

/**
 * Forgets the documents that no row refers to (but the page's top-frame document), the least recently active first,
 * until three quarters of RECENT_DOCUMENTS such idle ones are left: their frame and URL, the numbers seen, Clear's and
 * Pause's marks. Their status is summed under FORGOTTEN_DOCUMENTS. The next time is a quarter of RECENT_DOCUMENTS
 * active documents later: documents that rows refer to are bounded by the rows.
 */
function forgetIdleDocuments(store: CaptureStore): void {
  const inRows = new Set<string>();
  for (const row of store.rows) inRows.add(row.documentId);
  const top = topFrameDocument(store.documents.value)?.documentId;
  let idle = 0;
  for (const documentId of store.activeDocuments) if (!inRows.has(documentId)) idle++;
  const documents = new Map(store.documents.value);
  const status = new Map(store.status.value);
  let statusChanged = false;
  for (const documentId of store.activeDocuments) {
    if (idle <= (RECENT_DOCUMENTS * 3) / 4) break;
    if (inRows.has(documentId) || documentId === top) continue;
    store.activeDocuments.delete(documentId);
    documents.delete(documentId);
    store.seen.delete(documentId);
    store.clearedBelow.delete(documentId);
    store.pausedBelow.delete(documentId);
    const forgotten = status.get(documentId);
    if (forgotten && status.delete(documentId)) {
      status.set(FORGOTTEN_DOCUMENTS, addStatus(status.get(FORGOTTEN_DOCUMENTS), forgotten));
      statusChanged = true;
    }
    idle--;
  }
  if (documents.size !== store.documents.value.size) store.documents.value = documents;
  if (statusChanged) store.status.value = status;
  store.forgetAbove = store.activeDocuments.size + RECENT_DOCUMENTS / 4;
}

/** `documentId` was active: it becomes the newest, and past `forgetAbove` active documents the idle ones go. */
function touchDocument(store: CaptureStore, documentId: string): void {
  store.activeDocuments.delete(documentId);
  store.activeDocuments.add(documentId);
  if (store.activeDocuments.size > store.forgetAbove) forgetIdleDocuments(store);
}

function onTopLevelDocument(store: CaptureStore, document: DocumentInfo): void {
  const hadEarlier = [...store.documents.value.values()].some(
    (known) => known.frameId === 0 && known.startedAt < document.startedAt,
  );
  if (!hadEarlier) return;
  if (!store.preserveLog.value) {
    replaceRows(
      store,
      store.rows.filter((row) => row.time >= document.startedAt),
    );
    return;
  }
  insertByTime(store, {
    kind: 'navigation',
    key: `navigation:${document.documentId}`,
    time: document.startedAt,
    frameId: 0,
    documentId: document.documentId,
    url: document.url,
  });
  store.revision.value++;
}

/** Per document, the number below which every record came before now (what the flood hold's `readAll` returns). */
export type RecordsBefore = ReadonlyMap<string, number>;

function raise(marks: Map<string, number>, before: RecordsBefore): void {
  for (const [documentId, below] of before) marks.set(documentId, Math.max(marks.get(documentId) ?? 0, below));
}

/**
 * Empties the capture (the Clear button), and leaves out the records numbered `before` that arrive later. Documents
 * stay known, so later records still find their frame.
 */
export function clearCapture(store: CaptureStore, before: RecordsBefore = new Map()): void {
  store.imported.value = undefined;
  raise(store.clearedBelow, before);
  replaceRows(store, []);
}

/** Pauses or resumes recording; a pause still records the records numbered `before` that arrive later. */
export function setRecording(store: CaptureStore, on: boolean, before: RecordsBefore = new Map()): void {
  if (!on) raise(store.pausedBelow, before);
  store.recording.value = on;
}

/**
 * Replaces the capture with rows read from a file (Import), with the documents of the workers it names; live records
 * are left out until Clear.
 */
export function loadCapture(
  store: CaptureStore,
  rows: readonly CapturedRow[],
  fileName: string,
  workerDocuments: readonly DocumentInfo[] = [],
): void {
  if (workerDocuments.length > 0) {
    const documents = new Map(store.documents.value);
    for (const document of workerDocuments)
      documents.set(document.documentId, { ...document, frameId: WORKER_FRAME_ID });
    store.documents.value = documents;
  }
  store.imported.value = fileName;
  replaceRows(store, rows);
}

/** Lets the oldest `count` rows go (the timeline let their packets go): not a change of layout, nothing re-decoded. */
export function releaseRows(store: CaptureStore, count: number): void {
  if (count <= 0) return;
  store.rows.splice(0, count);
  store.releasedRows += count;
  store.revision.value++;
}

function onDocument(store: CaptureStore, message: Extract<PanelMessage, { type: 'document' }>): void {
  const known = store.documents.value.has(message.document.documentId);
  if (!known && message.frameId === 0) onTopLevelDocument(store, message.document);
  const documents = new Map(store.documents.value);
  documents.set(message.document.documentId, { ...message.document, frameId: message.frameId });
  store.documents.value = documents;
  touchDocument(store, message.document.documentId);
}

function onRecords(store: CaptureStore, message: Extract<PanelMessage, { type: 'records' }>): void {
  if (store.imported.value !== undefined) return;
  const { documentId, frameId } = message;
  touchDocument(store, documentId);
  let seen = store.seen.get(documentId);
  if (!seen) store.seen.set(documentId, (seen = createSeqSet()));
  const missingBefore = seen.missing();
  let added = 0;
  let duplicates = 0;
  const recording = store.recording.value;
  const clearedBelow = store.clearedBelow.get(documentId) ?? 0;
  const pausedBelow = store.pausedBelow.get(documentId) ?? 0;
  /** Whether a record numbered `seq` is shown: recorded (or came before the pause) and not before the last Clear. */
  const shown = (seq: number) => (recording || seq < pausedBelow) && seq >= clearedBelow;
  for (const record of message.records) {
    if (record.kind === 'gap') {
      const notKept = seen.addRange(record.from, record.to);
      store.notKept.value += notKept;
      if (notKept === 0 || !shown(record.from)) continue;
      const key = `${documentId}:gap:${record.from}`;
      insertByTime(store, { kind: 'gap', key, time: record.time, frameId, documentId, gap: record, notKept });
      added++;
      continue;
    }
    if (!seen.add(record.seq)) {
      if (recording) duplicates++;
      continue;
    }
    if (!shown(record.seq)) continue;
    insertByTime(store, store.makeRow(frameId, documentId, record));
    added++;
  }
  if (message.dropped > 0) store.dropped.value += message.dropped;
  if (duplicates > 0) store.duplicates.value += duplicates;
  const missing = seen.missing();
  if (missing !== missingBefore) store.missing.value += missing - missingBefore;
  if (added > 0) store.revision.value++;
}

/** The one reducer that feeds the capture from background messages: one case per message type. */
export function applyMessage(store: CaptureStore, message: PanelMessage): void {
  switch (message.type) {
    case 'document':
      return onDocument(store, message);
    case 'records':
      return onRecords(store, message);
    case 'status': {
      const { documentId, captureErrors, refusedCommands } = message;
      store.status.value = new Map(store.status.value).set(documentId, { captureErrors, refusedCommands });
      return touchDocument(store, documentId);
    }
    case 'tabs':
      return;
  }
}
