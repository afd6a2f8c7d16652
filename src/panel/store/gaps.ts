/**
 * The seq ranges a document's gap records covered (what its backlog let go), so that a gap replayed again, or one
 * covering records the panel already has (streamed before the backlog let them go), is counted once, and only for
 * the records the panel never had.
 */
export interface GapLedger {
  /** Disjoint, in order. */
  ranges: { from: number; to: number }[];
  /** How many of their seqs the panel never had. */
  notKept: number;
}

export const createGapLedger = (): GapLedger => ({ ranges: [], notKept: 0 });

/** The parts of from..to that no range covers, in order. */
function uncovered(ranges: GapLedger['ranges'], from: number, to: number): GapLedger['ranges'] {
  const parts: GapLedger['ranges'] = [];
  let next = from;
  for (const range of ranges) {
    if (range.to < next) continue;
    if (range.from > to) break;
    if (range.from > next) parts.push({ from: next, to: range.from - 1 });
    next = range.to + 1;
  }
  if (next <= to) parts.push({ from: next, to });
  return parts;
}

function merge(ranges: GapLedger['ranges'], from: number, to: number): GapLedger['ranges'] {
  const merged: GapLedger['ranges'] = [];
  let added = { from, to };
  for (const range of ranges) {
    if (range.to + 1 < added.from) merged.push(range);
    else if (added.to + 1 < range.from) {
      merged.push(added);
      added = range;
    } else added = { from: Math.min(range.from, added.from), to: Math.max(range.to, added.to) };
  }
  merged.push(added);
  return merged;
}

/**
 * Takes a gap of from..to into the ledger; returns how many of its seqs are newly known as not kept: neither
 * `seen` (records the panel has) nor covered by an earlier gap.
 */
export function accountGap(ledger: GapLedger, seen: ReadonlySet<number>, from: number, to: number): number {
  const parts = uncovered(ledger.ranges, from, to);
  const fresh = parts.reduce((sum, part) => sum + part.to - part.from + 1, 0);
  const inParts = (seq: number) => parts.some((part) => seq >= part.from && seq <= part.to);
  let alreadySeen = 0;
  // Whichever is smaller: the panel's records, or the seqs the gap newly covers.
  if (seen.size < fresh) for (const seq of seen) alreadySeen += inParts(seq) ? 1 : 0;
  else for (const part of parts) for (let seq = part.from; seq <= part.to; seq++) alreadySeen += seen.has(seq) ? 1 : 0;
  ledger.ranges = merge(ledger.ranges, from, to);
  ledger.notKept += fresh - alreadySeen;
  return fresh - alreadySeen;
}
