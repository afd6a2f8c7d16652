import { useState } from 'preact/hooks';
import { TRAFFIC_BUCKETS as BUCKETS, type PanelStores } from '../store';
import { SUMMARY_INTERVAL_MS } from '../throttle';
import type { TrafficBucket } from '../traffic';
import { useThrottled } from './use-throttled';

const HEIGHT = 36;

/**
 * Packets over time, sent above the line and received below. Dragging across it filters the timeline to that time
 * range; a click without dragging clears the range.
 */
export function TrafficStrip({ stores }: { stores: PanelStores }) {
  const { filters } = stores;
  const [drag, setDrag] = useState<[number, number] | undefined>(undefined);
  const buckets = useThrottled(stores.traffic, SUMMARY_INTERVAL_MS);
  if (buckets.length === 0) return null;
  let peak = 1;
  let packets = 0;
  for (const bucket of buckets) {
    peak = Math.max(peak, bucket.sent, bucket.received);
    packets += bucket.sent + bucket.received;
  }
  const range = filters.timeRange.value;
  const at = (event: MouseEvent): number => {
    const box = (event.currentTarget as SVGElement).getBoundingClientRect();
    return Math.max(
      0,
      Math.min(BUCKETS - 1, Math.floor(((event.clientX - box.left) / Math.max(1, box.width)) * BUCKETS)),
    );
  };
  const finish = (event: MouseEvent) => {
    if (!drag) return;
    const [start] = drag;
    const end = at(event);
    setDrag(undefined);
    if (start === end) {
      filters.timeRange.value = undefined;
      return;
    }
    const [low, high] = start < end ? [start, end] : [end, start];
    filters.timeRange.value = [buckets[low].from, buckets[high].to];
  };
  const selected = (bucket: TrafficBucket, index: number) =>
    drag
      ? index >= Math.min(...drag) && index <= Math.max(...drag)
      : range !== undefined && bucket.to > range[0] && bucket.from < range[1];
  return (
    <svg
      class="traffic"
      role="img"
      aria-label={`Traffic: ${packets} packets${range ? ', a time range is selected' : ''}`}
      viewBox={`0 0 ${BUCKETS} ${HEIGHT}`}
      preserveAspectRatio="none"
      onMouseDown={(event) => setDrag([at(event), at(event)])}
      onMouseMove={(event) => drag && setDrag([drag[0], at(event)])}
      onMouseUp={finish}
    >
      {buckets.map((bucket, index) => (
        <g key={index} class={selected(bucket, index) ? 'selected' : ''}>
          <rect
            class="sent"
            x={index}
            width={0.8}
            y={HEIGHT / 2 - (bucket.sent / peak) * (HEIGHT / 2)}
            height={(bucket.sent / peak) * (HEIGHT / 2)}
          />
          <rect
            class="received"
            x={index}
            width={0.8}
            y={HEIGHT / 2}
            height={(bucket.received / peak) * (HEIGHT / 2)}
          />
        </g>
      ))}
    </svg>
  );
}
