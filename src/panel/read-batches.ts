import { isCount } from '../message-guards';
import type { BackgroundToPanel, GapRecord, RelayedBatch, RelayedEntry, RelayedRecord } from '../messages';
import { parsePageMessage } from '../page-batch';
import { isPlainObject } from '../protocol';
import type { RecordsMessage } from './bridge';
import { setRecent } from './recent-documents';

type BatchesMessage = Extract<BackgroundToPanel, { type: 'batches' }>;

function isGap(entry: Record<string, unknown>): entry is Record<string, unknown> & GapRecord {
  const { from, to, count, frames, chars, time } = entry;
  if (entry.kind !== 'gap' || !isCount(from) || !isCount(to) || !isCount(count) || !isCount(frames)) return false;
  return (
    isCount(chars) &&
    entry.seq === from &&
    to >= from &&
    count === to - from + 1 &&
    frames <= count &&
    typeof time === 'number' &&
    Number.isFinite(time)
  );
}

const isBatch = (entry: Record<string, unknown>): entry is Record<string, unknown> & RelayedBatch =>
  entry.kind === 'batch' &&
  isCount(entry.firstSeq) &&
  isCount(entry.count) &&
  entry.count > 0 &&
  typeof entry.text === 'string';

/**
 * Reads the relays' `batches` messages into records: each batch's text is parsed and validated (page-batch.ts), its
 * valid records numbered on from its first number, at most as many as its head declared. What validation left out is
 * counted as dropped once per batch: a replayed batch (below the numbers already read of its document) is read again
 * but not counted again.
 */
export function createBatchReader() {
  /** Per recent document, the number after the last batch whose drops were counted. */
  const countedUpTo = new Map<string, number>();

  return function readBatches(message: BatchesMessage): RecordsMessage {
    const { version, tabId, frameId, documentId } = message;
    const records: RelayedEntry[] = [];
    let dropped = message.dropped;
    let counted = countedUpTo.get(documentId) ?? 0;
    for (const entry of message.batches as unknown[]) {
      if (!isPlainObject(entry)) dropped++;
      else if (isGap(entry)) records.push(entry);
      else if (!isBatch(entry)) dropped++;
      else {
        const parsed = parsePageMessage(entry.text);
        const valid = parsed.records as RelayedRecord[];
        const end = Math.min(valid.length, entry.count);
        for (let index = 0; index < end; index++) {
          valid[index].seq = entry.firstSeq + index;
          records.push(valid[index]);
        }
        if (entry.firstSeq < counted) continue;
        dropped += parsed.dropped + valid.length - end;
        counted = entry.firstSeq + entry.count;
      }
    }
    setRecent(countedUpTo, documentId, counted);
    return { type: 'records', version, tabId, frameId, documentId, records, dropped };
  };
}
