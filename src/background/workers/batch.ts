import { MESSAGE_PROTOCOL_VERSION, type PageRecord, type PageToContent, type RelayedBatch } from '../../messages';

/**
 * A worker's records as a batch in the hook's own text (PageToContent, its head's keys in their order), numbered from
 * `firstSeq`: the panel reads it as it reads the page's batches (src/page-batch.ts), validation included.
 */
export function workerBatch(records: PageRecord[], firstSeq: number): RelayedBatch {
  const message: Extract<PageToContent, { type: 'records' }> = {
    type: 'records',
    version: MESSAGE_PROTOCOL_VERSION,
    count: records.length,
    frames: records.filter((record) => record.kind === 'frame').length,
    head: false,
    time: records[0]?.time ?? 0,
    errors: {},
    records,
  };
  return { kind: 'batch', firstSeq, count: records.length, text: JSON.stringify(message) };
}
