import type { PageRecord, RelayedRecord } from '../messages';

export interface BacklogLimits {
  maxRecords: number;
  maxBytes: number;
}

export const DEFAULT_BACKLOG_LIMITS: BacklogLimits = { maxRecords: 200_000, maxBytes: 256 * 1024 * 1024 };

/** The characters of a record's payload (text, or base64 for binary); 0 for open/close/error records. */
export function payloadChars(record: PageRecord): number {
  return record.kind === 'frame' ? (record.payload.text ?? record.payload.base64 ?? '').length : 0;
}

function recordBytes(record: PageRecord): number {
  return 64 + payloadChars(record);
}

/**
 * The records of one document since it loaded, numbered in order, so that a panel opened late (or reconnecting after
 * the background was stopped) gets everything. When full, the oldest records go first; the numbers of those kept
 * show how many went (the panel counts them so).
 */
export function createBacklog(initialLimits: BacklogLimits = DEFAULT_BACKLOG_LIMITS) {
  let limits = initialLimits;
  const records: RelayedRecord[] = [];
  const sizes: number[] = [];
  let head = 0;
  let bytes = 0;
  let nextSeq = 0;

  function evict(): void {
    while (records.length - head > limits.maxRecords || (bytes > limits.maxBytes && records.length - head > 1)) {
      bytes -= sizes[head]!;
      head++;
    }
    if (head > 1024 && head * 2 > records.length) {
      records.splice(0, head);
      sizes.splice(0, head);
      head = 0;
    }
  }

  return {
    /** Numbers the records (in place: they are the relay's own, just parsed), keeps them, and returns them numbered. */
    append(batch: PageRecord[]): RelayedRecord[] {
      const numbered = batch as RelayedRecord[];
      for (const record of numbered) {
        record.seq = nextSeq++;
        const size = recordBytes(record);
        records.push(record);
        sizes.push(size);
        bytes += size;
      }
      evict();
      return numbered;
    },
    /** Applies new limits (from the extension's settings), evicting at once if they are lower. */
    setLimits(next: BacklogLimits): void {
      limits = next;
      evict();
    },
    /** Everything still kept, oldest first. */
    all(): RelayedRecord[] {
      return records.slice(head);
    },
  };
}
