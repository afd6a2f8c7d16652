import type { RelayedRecord } from '../messages';
import { declaredRecordCount, parsePageMessage } from './validate';

export interface BacklogLimits {
  maxRecords: number;
  maxBytes: number;
}

export const DEFAULT_BACKLOG_LIMITS: BacklogLimits = { maxRecords: 200_000, maxBytes: 256 * 1024 * 1024 };

/**
 * One batch as the hook handed it over: its JSON text, parsed only when a panel asks for its records (or never).
 * Kept as text, a batch costs the page's thread no parsing and its heap one string instead of objects to trace.
 */
export interface Batch {
  text: string;
  /** The number of the batch's first record; the others are numbered on from it. */
  firstSeq: number;
  /** How many records the batch holds, as its head declares. */
  count: number;
  /** How many of its first records were let go (limits). */
  evicted: number;
  /** Set once parsed: the records its validation left out are then counted as dropped, once. */
  validated?: true;
}

/**
 * The records of one document since it loaded, numbered in order, so that a panel opened late (or reconnecting after
 * the background was stopped) gets everything. When full, the oldest records go first; the numbers of those kept
 * show how many went (the panel counts them so). The byte limit counts batch texts, and lets whole batches go.
 */
export function createBacklog(initialLimits: BacklogLimits = DEFAULT_BACKLOG_LIMITS) {
  let limits = initialLimits;
  const batches: Batch[] = [];
  let head = 0;
  let records = 0;
  let bytes = 0;
  let nextSeq = 0;
  /** Messages and records that failed validation, not yet reported. */
  let dropped = 0;

  const keptIn = (batch: Batch) => batch.count - batch.evicted;

  function dropHead(): void {
    const batch = batches[head++];
    records -= keptIn(batch);
    bytes -= batch.text.length;
  }

  function evict(): void {
    while (
      batches.length - head > 1 &&
      (bytes > limits.maxBytes || records - keptIn(batches[head]) >= limits.maxRecords)
    )
      dropHead();
    if (records > limits.maxRecords && head < batches.length) {
      const batch = batches[head];
      const excess = records - limits.maxRecords;
      batch.evicted += excess;
      records -= excess;
    }
    if (head > 1024 && head * 2 > batches.length) {
      batches.splice(0, head);
      head = 0;
    }
  }

  /** The batch's records still kept, numbered; parsing it the first time counts what its validation left out. */
  function read(batch: Batch): RelayedRecord[] {
    const parsed = parsePageMessage(batch.text);
    const valid = parsed.records as RelayedRecord[];
    if (!batch.validated) {
      batch.validated = true;
      dropped += parsed.dropped + Math.max(0, valid.length - batch.count);
    }
    const end = Math.min(valid.length, batch.count);
    const kept: RelayedRecord[] = [];
    for (let index = batch.evicted; index < end; index++) {
      const record = valid[index];
      record.seq = batch.firstSeq + index;
      kept.push(record);
    }
    return kept;
  }

  return {
    /**
     * Keeps one message of the hook (the `detail` it posted) as it came, unparsed; returns its batch, or undefined
     * (counted as dropped) when it does not start as a records batch does.
     */
    append(detail: unknown): Batch | undefined {
      const count = declaredRecordCount(detail);
      if (count === undefined) {
        dropped++;
        return undefined;
      }
      const batch: Batch = { text: detail as string, firstSeq: nextSeq, count, evicted: 0 };
      nextSeq += count;
      batches.push(batch);
      records += count;
      bytes += batch.text.length;
      evict();
      return batch;
    },
    read,
    /** Applies new limits (from the extension's settings), evicting at once if they are lower. */
    setLimits(next: BacklogLimits): void {
      limits = next;
      evict();
    },
    /** Every record still kept, oldest first. */
    all(): RelayedRecord[] {
      const kept: RelayedRecord[] = [];
      for (let index = head; index < batches.length; index++)
        for (const record of read(batches[index])) kept.push(record);
      return kept;
    },
    /** How many messages and records were dropped as malformed since the last call. */
    takeDropped(): number {
      const count = dropped;
      dropped = 0;
      return count;
    },
  };
}
