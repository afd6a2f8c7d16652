import type { GapRecord, RelayedBatch } from '../messages';
import type { Batch, createBacklog } from './backlog';

/**
 * Kept batches go, their oldest first, once they take this share of the room the backlog's tail leaves them, until
 * they take KEEP_AFTER_SENDING: the tail lets its oldest batches go first, the ones already sent, so kept batches (its
 * newest) go only past that room. Sending a part at a time keeps those messages few.
 */
export const KEEP_AT_MOST = 0.9;
export const KEEP_AFTER_SENDING = 0.6;

/**
 * The batches a relay keeps in its backlog, unsent, while every panel inspecting its tab holds a flood (see the
 * background's `hold`), oldest first: their numbers and heap only, the backlog holding their text.
 */
export function createKeptBatches(backlog: ReturnType<typeof createBacklog>) {
  let kept: { firstSeq: number; bytes: number }[] = [];
  let bytes = 0;
  return {
    /** Keeps a batch the backlog took; says whether the oldest kept must be sent now (see KEEP_AT_MOST). */
    keep(batch: Batch): boolean {
      kept.push({ firstSeq: batch.firstSeq, bytes: batch.bytes });
      bytes += batch.bytes;
      return bytes > backlog.tailRoom() * KEEP_AT_MOST;
    },
    /**
     * The backlog's entries of the kept batches (and gaps where some went), oldest first, until those still kept take
     * at most `leave` of the tail's room (by default, all of them): they are kept no more.
     */
    take(leave = 0): (RelayedBatch | GapRecord)[] {
      if (kept.length === 0) return [];
      const from = kept[0].firstSeq;
      const limit = backlog.tailRoom() * leave;
      let taken = 0;
      while (taken < kept.length && bytes > limit) bytes -= kept[taken++].bytes;
      const until = kept[taken]?.firstSeq;
      kept = kept.slice(taken);
      const entries = backlog.all(from);
      if (until === undefined) return entries;
      return entries.filter((entry) => (entry.kind === 'batch' ? entry.firstSeq : entry.from) < until);
    },
    /** Keeps nothing more (what was kept stays in the backlog, for the next replay). */
    clear(): void {
      kept = [];
      bytes = 0;
    },
  };
}
