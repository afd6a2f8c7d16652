import type { GapRecord, RelayedBatch } from '../messages';
import type { BatchHead } from '../page-batch';

/**
 * One batch as the hook handed it over: its JSON text, never parsed here (the panel parses it). Kept as text, a batch
 * costs the page's thread no parsing and its heap one string instead of objects to trace.
 */
export interface Batch {
  text: string;
  /** The number of the batch's first record; the others are numbered on from it. */
  firstSeq: number;
  /** How many records the batch holds, and how many of them are frames, as its head declares. */
  count: number;
  frames: number;
  /** Beginnings of connections and sessions (see the hook's HEAD_FRAMES): kept apart, in the head store. */
  head: boolean;
  /** The time of its first record. */
  time: number;
  /** What it costs the page's heap (see heapBytes). */
  bytes: number;
}

/** The batch as it goes to the panel: its text and the numbers of its records. */
export const relayed = ({ firstSeq, count, text }: Batch): RelayedBatch => ({ kind: 'batch', firstSeq, count, text });

/** Records the backlog let go, `from`..`to` in seq order, merged while they touch. */
interface Span {
  from: number;
  to: number;
  frames: number;
  chars: number;
  time: number;
}

/** The heap a batch's bookkeeping costs besides its text (the object, its string headers, the list slot). */
export const BATCH_OVERHEAD_BYTES = 160;
/** The heap a span costs. */
const SPAN_BYTES = 96;
/** The head store's share of the budget: the beginnings of sessions never take more than this. */
const HEAD_SHARE = 0.25;
const TWO_BYTE = /[^\0-\xff]/;

/** Makes `span` cover `next`, which starts right after it. */
function extend(span: Span, next: Span): void {
  span.to = next.to;
  span.frames += next.frames;
  span.chars += next.chars;
}

/**
 * The heap a string of the page's V8 (the isolated world shares it) takes: one byte per character when every character
 * fits in Latin-1, two otherwise; plus the overhead of the batch that holds it.
 */
export function heapBytes(text: string): number {
  return text.length * (TWO_BYTE.test(text) ? 2 : 1) + BATCH_OVERHEAD_BYTES;
}

/**
 * Batches in arrival order, dropped from the front: a queue without shifting the array on every drop. A dropped slot
 * is cleared at once (the batch's text must not outlive it), the array compacted once mostly empty.
 */
function createQueue() {
  let items: (Batch | undefined)[] = [];
  let first = 0;
  return {
    push: (batch: Batch) => void items.push(batch),
    peek: (): Batch | undefined => items[first],
    shift(): Batch | undefined {
      const batch = items[first];
      items[first++] = undefined;
      if (first > 1024 && first * 2 > items.length) {
        items = items.slice(first);
        first = 0;
      }
      return batch;
    },
    kept: (): Batch[] => items.slice(first) as Batch[],
  };
}

/**
 * The records of one document since it loaded, numbered in order, within a budget of page heap (this document's share
 * of its tab's idle budget, told by the background). The head store keeps the batches the hook marked as beginnings
 * (at most a quarter of the budget, oldest out first); the tail keeps the newest of the others in the rest, oldest out
 * first. What goes out is remembered as spans, replayed as gap records at their place.
 */
export function createBacklog(initialBudget: number) {
  let budget = initialBudget;
  const head = createQueue();
  const tail = createQueue();
  let headBytes = 0;
  let tailBytes = 0;
  /** Spans let go, in seq order; each costs SPAN_BYTES. */
  const spans: Span[] = [];
  let nextSeq = 0;
  /** Messages without a batch head, not yet reported. */
  let dropped = 0;

  const used = () => headBytes + tailBytes + spans.length * SPAN_BYTES;

  /** Remembers a batch let go, merging it with the spans it touches. */
  function remember(batch: Batch): void {
    const span: Span = {
      from: batch.firstSeq,
      to: batch.firstSeq + batch.count - 1,
      frames: batch.frames,
      chars: batch.text.length,
      time: batch.time,
    };
    let at = spans.length;
    while (at > 0 && spans[at - 1].from > span.from) at--;
    let merged = spans[at - 1];
    if (merged && merged.to + 1 === span.from) extend(merged, span);
    else {
      spans.splice(at++, 0, span);
      merged = span;
    }
    const after = spans[at];
    if (after && merged.to + 1 === after.from) {
      extend(merged, after);
      spans.splice(at, 1);
    }
  }

  function evict(): void {
    while (headBytes > budget * HEAD_SHARE && head.peek()) {
      const batch = head.shift()!;
      headBytes -= batch.bytes;
      remember(batch);
    }
    while (used() > budget && tail.peek()) {
      const batch = tail.shift()!;
      tailBytes -= batch.bytes;
      remember(batch);
    }
  }

  /**
   * The part of `span` from record `seq` on: its frames and characters as the whole span's, at most one per record
   * (a span does not tell which of its records were frames, nor their lengths).
   */
  const clipped = (span: Span, seq: number): Span => ({
    ...span,
    from: seq,
    frames: Math.min(span.frames, span.to - seq + 1),
  });

  const gap = ({ from, to, frames, chars, time }: Span): GapRecord => ({
    kind: 'gap',
    seq: from,
    from,
    to,
    count: to - from + 1,
    frames,
    chars,
    time,
  });

  return {
    /**
     * Keeps one message of the hook (the `detail` it posted) as it came, unparsed, with what its head declares (see
     * readBatchHead); returns its batch, or undefined (counted as dropped) when it has no such head. The batch may go
     * at once if it does not fit the budget.
     */
    append(detail: unknown, declared: BatchHead | undefined): Batch | undefined {
      if (typeof detail !== 'string' || !declared) {
        dropped++;
        return undefined;
      }
      const { count, frames, head: isHead, time } = declared;
      const batch: Batch = {
        text: detail,
        firstSeq: nextSeq,
        count,
        frames,
        head: isHead,
        time,
        bytes: heapBytes(detail),
      };
      nextSeq += batch.count;
      // A batch larger than its store's whole room goes at once, rather than after everything older.
      if (batch.bytes > (isHead ? budget * HEAD_SHARE : budget - headBytes)) remember(batch);
      else if (isHead) {
        head.push(batch);
        headBytes += batch.bytes;
      } else {
        tail.push(batch);
        tailBytes += batch.bytes;
      }
      evict();
      return batch;
    },
    /** Takes a new budget (this document's share), evicting at once if it is lower. */
    setBudget(bytes: number): void {
      budget = bytes;
      evict();
    },
    /**
     * Every batch still kept, and a gap record where records went, in seq order; from record `seq` on if told (a gap
     * that began before it is told from `seq`).
     */
    all(seq = 0): (RelayedBatch | GapRecord)[] {
      const kept = [...head.kept(), ...tail.kept()]
        .filter((batch) => batch.firstSeq >= seq)
        .sort((a, b) => a.firstSeq - b.firstSeq);
      const entries: (RelayedBatch | GapRecord)[] = [];
      const told = spans.filter((span) => span.to >= seq).map((span) => (span.from >= seq ? span : clipped(span, seq)));
      let span = 0;
      for (const batch of kept) {
        for (; span < told.length && told[span].from < batch.firstSeq; span++) entries.push(gap(told[span]));
        entries.push(relayed(batch));
      }
      for (; span < told.length; span++) entries.push(gap(told[span]));
      return entries;
    },
    /** The heap its tail may take before it lets its oldest batches go (bytes, as it counts them). */
    tailRoom: () => budget - headBytes - spans.length * SPAN_BYTES,
    /** The heap the backlog holds now (bytes, as it counts them). */
    usedBytes: used,
    /** How many messages were dropped as malformed (no batch head) since the last call. */
    takeDropped(): number {
      const count = dropped;
      dropped = 0;
      return count;
    },
  };
}
