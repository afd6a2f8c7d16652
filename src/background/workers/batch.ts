import type { PageRecord, RelayedBatch } from '../../messages';
import { writeRecordsBatch } from '../../written-batch';

/** A worker's records as a batch in the hook's own text, numbered from `firstSeq` (see writeRecordsBatch). */
export function workerBatch(records: PageRecord[], firstSeq: number): RelayedBatch {
  return { kind: 'batch', firstSeq, count: records.length, text: writeRecordsBatch(records) };
}
