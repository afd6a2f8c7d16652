import { formatTime } from '../format';
import { formatSize, packetSummary } from '../format-packet';
import type { TimelinePacket } from '../store/timeline';
import { useVirtualWindow } from './use-virtual-window';

export const ROW_HEIGHT = 20;

interface Props {
  packets: readonly TimelinePacket[];
  selected: TimelinePacket | undefined;
  onSelect: (packet: TimelinePacket) => void;
}

interface RowProps {
  entry: TimelinePacket;
  /** The packet before it in the list, for the time delta. */
  previous: TimelinePacket | undefined;
  /** The row's place in the filtered list. */
  position: number;
  selected: boolean;
  onSelect: (entry: TimelinePacket) => void;
}

function delta(entry: TimelinePacket, previous: TimelinePacket | undefined): string {
  if (!previous) return '';
  const ms = entry.packet.time - previous.packet.time;
  return ms < 1000 ? `+${ms.toFixed(ms < 10 ? 1 : 0)}ms` : `+${(ms / 1000).toFixed(1)}s`;
}

function Row({ entry, previous, position, selected, onSelect }: RowProps) {
  const { packet, session } = entry;
  const summary = packetSummary(packet);
  const classes = [
    'packet',
    packet.direction,
    selected ? 'selected' : '',
    packet.error ? 'flagged' : '',
    entry.injected ? 'injected' : '',
  ].join(' ');
  return (
    <div
      class={classes}
      role="row"
      aria-selected={selected}
      data-index={entry.index}
      style={{ top: `${position * ROW_HEIGHT}px` }}
      onMouseDown={() => onSelect(entry)}
      title={packet.error ?? ''}
    >
      <span class="time" role="cell">
        {formatTime(packet.time)}
      </span>
      <span class="delta" role="cell">
        {delta(entry, previous)}
      </span>
      <span class="direction" role="cell">
        {packet.direction === 'sent' ? '↑' : '↓'}
      </span>
      <span class="session" role="cell">
        {session.id}
      </span>
      <span class="transport" role="cell">
        {packet.transport === 'websocket' ? 'ws' : 'poll'}
      </span>
      <span class="type" role="cell">
        {summary.type}
      </span>
      <span class="nsp" role="cell">
        {packet.namespace ?? ''}
      </span>
      <span class="name" role="cell">
        {summary.name}
      </span>
      <span class="preview" role="cell">
        {packet.error ? <span class="marker error">⚠ </span> : null}
        {packet.attachments ? <span class="marker binary">◆{packet.attachments} </span> : null}
        {packet.rawTruncated ? <span class="marker truncated">… </span> : null}
        {entry.injected ? <span class="marker injected">✎ </span> : null}
        {summary.preview}
      </span>
      <span class="size" role="cell">
        {formatSize(packet.size)}
      </span>
    </div>
  );
}

/**
 * The decoded packets, one row each, virtualized: only the rows in view are in the DOM, so a million packets scroll
 * as smoothly as ten. It follows new packets while scrolled to the bottom, and stops following once the user scrolls up.
 */
export function Timeline({ packets, selected, onSelect }: Props) {
  // `packets` may be the timeline's own array, appended to in place: its length tells the window it grew.
  const { viewport, onScroll, first, last } = useVirtualWindow<HTMLDivElement>(packets.length, ROW_HEIGHT, packets);
  const visible = packets.slice(first, last);
  return (
    <div
      class="timeline"
      role="grid"
      aria-label="Packets"
      aria-rowcount={packets.length}
      ref={viewport}
      onScroll={onScroll}
    >
      <div class="spacer" style={{ height: `${packets.length * ROW_HEIGHT}px` }}>
        {visible.map((entry, offset) => (
          <Row
            key={entry.index}
            entry={entry}
            previous={packets[first + offset - 1]}
            position={first + offset}
            selected={entry === selected}
            onSelect={onSelect}
          />
        ))}
      </div>
    </div>
  );
}
