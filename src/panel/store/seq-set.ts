/**
 * The record numbers seen of one document, in little memory: records nearly always arrive in order, so the set is
 * "every number below `below`" plus the few seen above it. Bounded: when more than `maxAbove` wait above a gap, the
 * gap is given up (its records are counted missing for good, and left out if they ever come).
 */
export const MAX_ABOVE = 10_000;

export function createSeqSet(maxAbove = MAX_ABOVE) {
  /** Every number below it was seen (or given up). */
  let below = 0;
  const above = new Set<number>();
  let highest = -1;
  let givenUp = 0;

  function advance(): void {
    while (above.delete(below)) below++;
  }

  function giveUpGap(): void {
    let lowest = Infinity;
    for (const seq of above) if (seq < lowest) lowest = seq;
    givenUp += lowest - below;
    below = lowest;
    advance();
  }

  return {
    /** Adds a number; false when it was seen before. */
    add(seq: number): boolean {
      if (seq < below || above.has(seq)) return false;
      if (seq > highest) highest = seq;
      if (seq === below) {
        below++;
        advance();
      } else {
        above.add(seq);
        if (above.size > maxAbove) giveUpGap();
      }
      return true;
    },
    /**
     * Takes from..to as seen (a gap record's: those records will never come); returns how many of them were not seen
     * before. Numbers below `from` that did not come yet are given up.
     */
    addRange(from: number, to: number): number {
      const seenBefore = Math.max(0, Math.min(to, below - 1) - from + 1);
      let fresh = to - from + 1 - seenBefore;
      for (const seq of above) if (seq >= from && seq <= to) fresh--;
      if (from > below) {
        let skipped = from - below;
        for (const seq of above) if (seq < from && above.delete(seq)) skipped--;
        givenUp += skipped;
        below = from;
      }
      for (const seq of above) if (seq <= to) above.delete(seq);
      below = Math.max(below, to + 1);
      highest = Math.max(highest, to);
      advance();
      return Math.max(0, fresh);
    },
    /** How many numbers below `to` were seen (or given up). */
    countBelow(to: number): number {
      let count = below < to ? below : to;
      if (to > below) for (const seq of above) if (seq < to) count++;
      return count;
    },
    /** Numbers below the highest seen that were not seen. */
    missing(): number {
      return highest + 1 - (below - givenUp) - above.size;
    },
  };
}

export type SeqSet = ReturnType<typeof createSeqSet>;
