import type { TimelineEntry } from './store/timeline';

export interface TrafficBucket {
  from: number;
  to: number;
  sent: number;
  received: number;
}

/** Packets per time bucket and direction, over the time the packets span, for the traffic strip. */
export function trafficBuckets(entries: readonly TimelineEntry[], count: number): TrafficBucket[] {
  let first = Infinity;
  let last = -Infinity;
  for (const entry of entries) {
    if (entry.kind !== 'packet') continue;
    if (entry.packet.time < first) first = entry.packet.time;
    if (entry.packet.time > last) last = entry.packet.time;
  }
  if (first > last) return [];
  const width = Math.max(1, (last - first) / count);
  const buckets = Array.from({ length: count }, (_, index) => ({
    from: first + index * width,
    to: first + (index + 1) * width,
    sent: 0,
    received: 0,
  }));
  for (const entry of entries) {
    if (entry.kind !== 'packet') continue;
    const { packet } = entry;
    buckets[Math.min(count - 1, Math.floor((packet.time - first) / width))][packet.direction]++;
  }
  return buckets;
}

/** The traffic index's counts start with room for this many positions… */
const FIRST_CAPACITY = 1024;
/** …and are made smaller, when counted afresh (a cleared timeline), once they are this many times what they need. */
const SHRINK_FACTOR = 4;

/** The time of an entry: a packet's, or a marker's. */
const timeOf = (entry: TimelineEntry) => (entry.kind === 'packet' ? entry.packet.time : entry.time);

/**
 * trafficBuckets for a timeline that grows at its end and is cut at its front, at a cost per call that does not grow
 * with it: it counts the packets and the sent ones before each position as entries come (8 to 12 B per entry), and while
 * the entries' times never go back (the capture keeps its rows in time order), finds each bucket's first entry by a
 * binary search, with the scan's own arithmetic, so the buckets are the scan's. Entries out of time order make it
 * scan. A new entries array (the timeline decoded afresh) is counted afresh, in counts no larger than it needs (a
 * cleared timeline lets go of what a long one took). `capacity` tells the positions the counts have room for.
 */
export function createTrafficIndex(): ((entries: readonly TimelineEntry[], count: number) => TrafficBucket[]) & {
  capacity(): number;
} {
  let counted: readonly TimelineEntry[] | undefined;
  /** The index (TimelineEntry.index) of the first entry counted, and how many are. */
  let firstIndex = 0;
  let length = 0;
  /**
   * At position i: the packets, and the sent packets, counted before it (`length + 1` of each); the counts of the
   * entries in [i, j) are their differences.
   */
  let packets = new Uint32Array(FIRST_CAPACITY);
  let sent = new Uint32Array(FIRST_CAPACITY);
  let ordered = true;

  const recount = (entries: readonly TimelineEntry[]) => {
    counted = entries;
    firstIndex = entries[0]?.index ?? 0;
    length = 0;
    ordered = true;
    const needed = Math.max(FIRST_CAPACITY, entries.length + 1);
    if (packets.length > SHRINK_FACTOR * needed) {
      packets = new Uint32Array(needed);
      sent = new Uint32Array(needed);
    }
  };
  /** Drops the first `cut` positions (entries let go at the front); only differences of the counts are read. */
  const dropFront = (cut: number) => {
    packets.copyWithin(0, cut, length + 1);
    sent.copyWithin(0, cut, length + 1);
    length -= cut;
    firstIndex += cut;
  };
  const append = (entries: readonly TimelineEntry[]) => {
    if (entries.length + 1 > packets.length) {
      const size = Math.max(entries.length + 1, Math.ceil(packets.length * 1.5));
      const grownPackets = new Uint32Array(size);
      const grownSent = new Uint32Array(size);
      grownPackets.set(packets.subarray(0, length + 1));
      grownSent.set(sent.subarray(0, length + 1));
      packets = grownPackets;
      sent = grownSent;
    }
    for (let at = length; at < entries.length; at++) {
      const entry = entries[at];
      if (at > 0 && timeOf(entry) < timeOf(entries[at - 1])) ordered = false;
      const isPacket = entry.kind === 'packet';
      packets[at + 1] = packets[at] + (isPacket ? 1 : 0);
      sent[at + 1] = sent[at] + (isPacket && entry.packet.direction === 'sent' ? 1 : 0);
    }
    length = entries.length;
  };
  const update = (entries: readonly TimelineEntry[]) => {
    const start = entries[0]?.index ?? firstIndex;
    const cut = start - firstIndex;
    // Entries are numbered in a row: the counted ones, less some at the front, then new ones. Anything else (a new
    // array, gaps in the numbers, entries before the counted ones or fewer than are left of them) is counted afresh.
    const contiguous = entries.length === 0 || entries[entries.length - 1].index - start === entries.length - 1;
    if (entries !== counted || !contiguous || cut < 0 || cut > length || entries.length < length - cut) {
      recount(entries);
    } else if (cut > 0) dropFront(cut);
    append(entries);
  };

  const bucketsOf = (entries: readonly TimelineEntry[], count: number): TrafficBucket[] => {
    update(entries);
    if (!ordered) return trafficBuckets(entries, count);
    let head = 0;
    while (head < length && entries[head].kind !== 'packet') head++;
    let tail = length - 1;
    while (tail >= head && entries[tail].kind !== 'packet') tail--;
    if (head > tail) return [];
    const first = timeOf(entries[head]);
    const width = Math.max(1, (timeOf(entries[tail]) - first) / count);
    /** The first position from `low` whose entry is in bucket `bucket` or later (as trafficBuckets places it). */
    const startOf = (bucket: number, low: number) => {
      let high = length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if ((timeOf(entries[middle]) - first) / width >= bucket) high = middle;
        else low = middle + 1;
      }
      return low;
    };
    const buckets: TrafficBucket[] = [];
    let from = 0;
    for (let index = 0; index < count; index++) {
      const to = index === count - 1 ? length : startOf(index + 1, from);
      const sentIn = sent[to] - sent[from];
      buckets.push({
        from: first + index * width,
        to: first + (index + 1) * width,
        sent: sentIn,
        received: packets[to] - packets[from] - sentIn,
      });
      from = to;
    }
    return buckets;
  };
  return Object.assign(bucketsOf, { capacity: () => packets.length });
}
