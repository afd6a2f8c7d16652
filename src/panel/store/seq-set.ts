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
    /** Numbers below the highest seen that were not seen. */
    missing(): number {
      return highest + 1 - (below - givenUp) - above.size;
    },
  };
}

export type SeqSet = ReturnType<typeof createSeqSet>;
