import type { TimelinePacket } from './store/timeline';

export interface TrafficBucket {
  from: number;
  to: number;
  sent: number;
  received: number;
}

/** Packets per time bucket and direction, over the time the packets span, for the traffic strip. */
export function trafficBuckets(packets: readonly TimelinePacket[], count: number): TrafficBucket[] {
  if (packets.length === 0) return [];
  let first = Infinity;
  let last = -Infinity;
  for (const { packet } of packets) {
    if (packet.time < first) first = packet.time;
    if (packet.time > last) last = packet.time;
  }
  const width = Math.max(1, (last - first) / count);
  const buckets = Array.from({ length: count }, (_, index) => ({
    from: first + index * width,
    to: first + (index + 1) * width,
    sent: 0,
    received: 0,
  }));
  for (const { packet } of packets) {
    const bucket = buckets[Math.min(count - 1, Math.floor((packet.time - first) / width))];
    bucket[packet.direction]++;
  }
  return buckets;
}
