import { boundedText, NAME_CHARS } from '../bounded';
import { formatTime } from '../format';
import { formatSize, packetSummary } from '../format-packet';
import type { ShownEntries } from '../store/filters';
import type { TimelineEntry, TimelineMarker, TimelinePacket } from '../store/timeline';
import { useVirtualWindow } from './use-virtual-window';

export const ROW_HEIGHT = 20;

/** The columns, as their headers name them (tests and screen readers read cells by these). */
const COLUMNS = [
  ['time', 'Time'],
  ['delta', 'Delta'],
  ['direction', 'Direction'],
  ['session', 'Session'],
  ['transport', 'Transport'],
  ['type', 'Type'],
  ['nsp', 'Namespace'],
  ['name', 'Name'],
  ['preview', 'Data'],
  ['size', 'Size'],
] as const;

interface Props {
  shown: ShownEntries;
  selected: TimelinePacket | undefined;
  onSelect: (packet: TimelinePacket) => void;
}

interface RowProps {
  entry: TimelinePacket;
  /** The entry before it in the list, for the time delta. */
  previous: TimelineEntry | undefined;
  /** The row's place in the filtered list. */
  position: number;
  selected: boolean;
  onSelect: (entry: TimelinePacket) => void;
}

const timeOf = (entry: TimelineEntry) => (entry.kind === 'packet' ? entry.packet.time : entry.time);

function delta(entry: TimelinePacket, previous: TimelineEntry | undefined): string {
  if (!previous) return '';
  const ms = entry.packet.time - timeOf(previous);
  return ms < 1000 ? `+${ms.toFixed(ms < 10 ? 1 : 0)}ms` : `+${(ms / 1000).toFixed(1)}s`;
}

/** A flag before the data: a symbol, with its meaning as its accessible name. */
function Flag({ name, symbol, kind }: { name: string; symbol: string; kind: string }) {
  return (
    <span class={`marker ${kind}`} role="img" aria-label={name} title={name}>
      {symbol}{' '}
    </span>
  );
}

function Row({ entry, previous, position, selected, onSelect }: RowProps) {
  const { packet, session } = entry;
  const summary = packetSummary(packet);
  const classes = ['packet', packet.direction, selected ? 'selected' : '', packet.error ? 'flagged' : ''].join(' ');
  const attachments = packet.attachments ? `${packet.attachments.toLocaleString('en')} binary attachments` : '';
  return (
    <div
      class={classes}
      role="row"
      aria-rowindex={position + 2}
      aria-selected={selected}
      style={{ top: `${position * ROW_HEIGHT}px` }}
      onMouseDown={() => onSelect(entry)}
      title={packet.error ? boundedText(packet.error, NAME_CHARS) : ''}
    >
      <span class="time" role="gridcell">
        {formatTime(packet.time)}
      </span>
      <span class="delta" role="gridcell">
        {delta(entry, previous)}
      </span>
      <span class="direction" role="gridcell">
        {packet.direction === 'sent' ? '↑' : '↓'}
      </span>
      <span class="session" role="gridcell">
        {session.id}
      </span>
      <span class="transport" role="gridcell">
        {packet.transport === 'websocket' ? 'ws' : 'poll'}
      </span>
      <span class="type" role="gridcell">
        {summary.type}
      </span>
      <span class="nsp" role="gridcell">
        {boundedText(packet.namespace ?? '', NAME_CHARS)}
      </span>
      <span class="name" role="gridcell">
        {summary.name}
      </span>
      <span class="preview" role="gridcell">
        {packet.error ? <Flag name="Error" symbol="⚠" kind="error" /> : null}
        {attachments ? <Flag name={attachments} symbol={`◆${packet.attachments}`} kind="binary" /> : null}
        {packet.rawTruncated ? <Flag name="Truncated" symbol="…" kind="truncated" /> : null}
        {entry.injected ? <Flag name="Injected" symbol="✎" kind="injected" /> : null}
        {summary.preview}
      </span>
      <span class="size" role="gridcell">
        {formatSize(packet.size)}
      </span>
    </div>
  );
}

/** A row that is not a packet (a navigation, a record that could not be decoded): one cell across the row. */
function MarkerRow({ entry, position }: { entry: TimelineMarker; position: number }) {
  return (
    <div
      class={`timeline-marker ${entry.reason}`}
      role="row"
      aria-rowindex={position + 2}
      style={{ top: `${position * ROW_HEIGHT}px` }}
    >
      <span class="time" role="gridcell">
        {formatTime(entry.time)}
      </span>
      <span class="marker-text" role="gridcell" aria-colspan={COLUMNS.length - 1}>
        {boundedText(entry.text, NAME_CHARS * 2)}
      </span>
    </div>
  );
}

/**
 * The decoded packets, one row each, with markers between them, virtualized: only the rows in view are in the DOM, so a
 * million packets scroll as smoothly as ten. It follows new packets while scrolled to the bottom, and stops following
 * once the user scrolls up.
 */
export function Timeline({ shown, selected, onSelect }: Props) {
  const { entries } = shown;
  // `shown` is new whenever the list changed (which may be appended to in place): it tells the window so.
  const { viewport, onScroll, first, last } = useVirtualWindow<HTMLDivElement>(entries.length, ROW_HEIGHT, shown);
  const visible = entries.slice(first, last);
  return (
    <div class="timeline" role="grid" aria-label="Packets" aria-rowcount={entries.length + 1}>
      <div class="timeline-header" role="row" aria-rowindex={1}>
        {COLUMNS.map(([key, label]) => (
          <span key={key} class={key} role="columnheader">
            {label}
          </span>
        ))}
      </div>
      <div class="timeline-rows" role="rowgroup" ref={viewport} onScroll={onScroll}>
        <div class="spacer" role="presentation" style={{ height: `${entries.length * ROW_HEIGHT}px` }}>
          {visible.map((entry, offset) =>
            entry.kind === 'packet' ? (
              <Row
                key={entry.index}
                entry={entry}
                previous={entries[first + offset - 1]}
                position={first + offset}
                selected={entry === selected}
                onSelect={onSelect}
              />
            ) : (
              <MarkerRow key={entry.index} entry={entry} position={first + offset} />
            ),
          )}
        </div>
      </div>
    </div>
  );
}
