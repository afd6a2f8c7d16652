/**
 * Per event name: how many packets, how many bytes, when last seen, over the packets the timeline holds. Bounded: at
 * most `maxNames` names are told apart (names past it are summed in one "other names" row until some leave), and a
 * name leaves when its last packet is let go. The most frequent `topSize` are kept sorted as packets come, so a batch
 * costs a few comparisons per packet, never a sort of every name.
 */

export interface EventStats {
  name: string;
  count: number;
  bytes: number;
  lastSeen: number;
}

/** Names told apart at most; a page that names an event per request (`res:<uuid>`) reaches it. */
export const MAX_EVENT_NAMES = 100_000;
/** Rows the table shows at most (the most frequent, or the most frequent matches of its search). */
export const TOP_EVENTS = 100;

interface Tracked extends EventStats {
  /** Whether it is in `top`. */
  top: boolean;
}

/**
 * The `size` highest counts, highest first, kept as counts go up one at a time (every name outside has a count no
 * higher than its last); when a count in it goes down, it is rebuilt from every name when next read.
 */
function createTop(size: number, all: () => Iterable<Tracked>) {
  let top: Tracked[] = [];
  let stale = false;
  function rebuild(): void {
    for (const stats of top) stats.top = false;
    top = highest(all(), size, () => true) as Tracked[];
    for (const stats of top) stats.top = true;
    stale = false;
  }
  return {
    /** Moves a name whose count went up by one to its place, or into the top. */
    raised(stats: Tracked): void {
      if (stale) return;
      let at = stats.top ? top.indexOf(stats) : -1;
      if (at === -1) {
        if (top.length >= size && stats.count <= top[top.length - 1].count) return;
        if (top.length >= size) top.pop()!.top = false;
        stats.top = true;
        top.push(stats);
        at = top.length - 1;
      }
      while (at > 0 && top[at - 1].count < stats.count) {
        top[at] = top[at - 1];
        at--;
      }
      top[at] = stats;
    },
    lowered(stats: Tracked): void {
      if (stats.top) stale = true;
    },
    clear(): void {
      top = [];
      stale = false;
    },
    read(): readonly EventStats[] {
      if (stale) rebuild();
      return top;
    },
  };
}

export function createEventCounts(maxNames = MAX_EVENT_NAMES, topSize = TOP_EVENTS) {
  const names = new Map<string, Tracked>();
  const top = createTop(topSize, () => names.values());
  /** Packets of names past `maxNames`. */
  const other: EventStats = { name: '', count: 0, bytes: 0, lastSeen: 0 };
  const count = (stats: EventStats, bytes: number, time: number) => {
    stats.count++;
    stats.bytes += bytes;
    stats.lastSeen = Math.max(stats.lastSeen, time);
  };
  return {
    /** Counts one packet of `name`. */
    add(name: string, bytes: number, time: number): void {
      let stats = names.get(name);
      if (!stats && names.size >= maxNames) return count(other, bytes, time);
      if (!stats) names.set(name, (stats = { name, count: 0, bytes: 0, lastSeen: 0, top: false }));
      count(stats, bytes, time);
      top.raised(stats);
    },
    /** Uncounts one packet of `name` (let go by the timeline). */
    remove(name: string, bytes: number): void {
      const stats = names.get(name) ?? other;
      stats.count = Math.max(0, stats.count - 1);
      stats.bytes = Math.max(0, stats.bytes - bytes);
      if (stats === other) return;
      if (stats.count === 0) names.delete(name);
      top.lowered(stats as Tracked);
    },
    clear(): void {
      names.clear();
      top.clear();
      Object.assign(other, { count: 0, bytes: 0, lastSeen: 0 });
    },
    /** The most frequent names, highest first. */
    top: () => top.read(),
    /** The most frequent names that contain `query` (case-insensitive), and how many names match. */
    search(query: string): { rows: EventStats[]; matches: number } {
      const needle = query.toLowerCase();
      let matches = 0;
      const rows = highest(names.values(), topSize, (stats) => {
        const found = stats.name.toLowerCase().includes(needle);
        if (found) matches++;
        return found;
      });
      return { rows, matches };
    },
    get names(): number {
      return names.size;
    },
    /** Packets of the names past the limit, summed. */
    get other(): Readonly<EventStats> {
      return other;
    },
  };
}

export type EventCounts = ReturnType<typeof createEventCounts>;

/** The `size` highest counts among the stats that `keep` accepts, highest first, in one pass. */
function highest(all: Iterable<EventStats>, size: number, keep: (stats: EventStats) => boolean): EventStats[] {
  const rows: EventStats[] = [];
  for (const stats of all) {
    if (!keep(stats)) continue;
    if (rows.length >= size && stats.count <= rows[rows.length - 1].count) continue;
    let at = rows.length < size ? rows.length : size - 1;
    while (at > 0 && rows[at - 1].count < stats.count) {
      rows[at] = rows[at - 1];
      at--;
    }
    rows[at] = stats;
  }
  return rows;
}
