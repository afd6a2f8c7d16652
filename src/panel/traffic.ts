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
