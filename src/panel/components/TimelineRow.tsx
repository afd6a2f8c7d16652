import { boundedText, NAME_CHARS } from '../bounded';
import { formatSize, packetSummary } from '../format-packet';
import { completedLateBy, deltaText, formatDuration, timeText } from '../row-time';
import { interceptMarkText } from '../intercept/marks';
import type { ColumnId, TimeMode } from '../store/columns';
import type { TimelineEntry, TimelineMarker, TimelinePacket } from '../store/timeline';
import { formatCount } from '../../count-text';
import { fitsIn } from './cell-fit';

/** The transport column's short names. */
const TRANSPORT_TEXT = { websocket: 'ws', polling: 'poll', webtransport: 'wt' } as const;

export const ROW_HEIGHT = 20;

/** What every row of one render shares: the columns shown, and how the Time column reads. */
export interface RowContext {
  columns: readonly ColumnId[];
  /** Per column shown, how many characters it shows whole (see cell-fit.ts). */
  capacity: Partial<Record<ColumnId, number>>;
  timeMode: TimeMode;
  origin: number | undefined;
}

/** A flag in a cell: a symbol, with its meaning as its accessible name. */
function Flag({ name, symbol, kind }: { name: string; symbol: string; kind: string }) {
  return (
    <span class={`marker ${kind}`} role="img" aria-label={name} title={name}>
      {symbol}{' '}
    </span>
  );
}

function packetCell(id: ColumnId, entry: TimelinePacket, previous: TimelineEntry | undefined, context: RowContext) {
  const { packet, session } = entry;
  const summary = packetSummary(packet);
  switch (id) {
    case 'time': {
      const late = completedLateBy(entry);
      const time = timeText(packet.time, context.timeMode, context.origin);
      // Most cells are their text alone: a render of rows that come at thousands a second diffs no fragment for them.
      if (late <= 0) return time;
      return (
        <>
          <Flag name={`Completed ${formatDuration(late)} after it began`} symbol="⧗" kind="completed-late" />
          {time}
        </>
      );
    }
    case 'delta':
      return deltaText(entry, previous);
    case 'direction':
      return packet.direction === 'sent' ? '↑' : '↓';
    case 'session':
      return session.id;
    case 'transport':
      return TRANSPORT_TEXT[packet.transport];
    case 'type':
      return summary.type;
    case 'namespace':
      return boundedText(packet.namespace ?? '', NAME_CHARS);
    case 'event':
      return summary.name;
    case 'arguments': {
      if (!packet.error && !packet.attachments && !packet.rawTruncated && !entry.injected && !entry.intercept) {
        return summary.preview;
      }
      const attachments = packet.attachments ? `${formatCount(packet.attachments)} binary attachments` : '';
      return (
        <>
          {packet.error ? <Flag name="Error" symbol="⚠" kind="error" /> : null}
          {attachments ? <Flag name={attachments} symbol={`◆${packet.attachments}`} kind="binary" /> : null}
          {packet.rawTruncated ? <Flag name="Truncated" symbol="…" kind="truncated" /> : null}
          {entry.injected ? <Flag name="Injected" symbol="✎" kind="injected" /> : null}
          {entry.intercept ? (
            <Flag name={`Intercepted: ${interceptMarkText(entry.intercept)}`} symbol="⏸" kind="intercepted" />
          ) : null}
          {summary.preview}
        </>
      );
    }
    case 'size':
      return formatSize(packet.size);
    case 'rtt':
      return packet.rtt === undefined ? '' : formatDuration(packet.rtt);
  }
}

interface RowProps {
  entry: TimelinePacket;
  /** The entry above it in the shown list, for the delta. */
  previous: TimelineEntry | undefined;
  /** The row's place in the shown list. */
  position: number;
  selected: boolean;
  context: RowContext;
  onSelect: (entry: TimelinePacket) => void;
}

/**
 * The id of the selected packet's row, for the grid's aria-activedescendant (no other row has one: as rows are reused
 * for the next packets, a render sets no id).
 */
export const rowId = (entry: TimelineEntry) => `packet-row-${entry.index}`;

export function PacketRow({ entry, previous, position, selected, context, onSelect }: RowProps) {
  const { packet } = entry;
  // The direction on its cell: as rows are reused for the next packets, a class that restyles the row's cells changes
  // only when it is selected or flagged (the stripe restyles the row alone).
  const classes = ['packet', position % 2 ? 'odd' : '', selected ? 'selected' : ''];
  if (packet.error) classes.push('flagged');
  return (
    <div
      id={selected ? rowId(entry) : undefined}
      class={classes.join(' ')}
      role="row"
      aria-rowindex={position + 2}
      aria-selected={selected}
      style={{ top: `${position * ROW_HEIGHT}px` }}
      onMouseDown={() => onSelect(entry)}
      title={packet.error ? boundedText(packet.error, NAME_CHARS) : ''}
    >
      {context.columns.map((id) => {
        const content = packetCell(id, entry, previous, context);
        // A text that fits is not clipped (see cell-fit.ts).
        const fits = typeof content === 'string' && fitsIn(content, context.capacity[id] ?? 0) ? ' fits' : '';
        const direction = id === 'direction' ? ` ${packet.direction}` : '';
        return (
          <span key={id} class={`cell ${id}${direction}${fits}`} role="gridcell">
            {content}
          </span>
        );
      })}
    </div>
  );
}

/** A row that is not a packet (a navigation, a record that could not be decoded): its time, then one wide cell. */
export function MarkerRow({
  entry,
  position,
  context,
}: {
  entry: TimelineMarker;
  position: number;
  context: RowContext;
}) {
  return (
    <div
      class={`timeline-marker ${entry.reason}`}
      role="row"
      aria-rowindex={position + 2}
      style={{ top: `${position * ROW_HEIGHT}px` }}
    >
      <span class="cell time" role="gridcell">
        {timeText(entry.time, context.timeMode, context.origin)}
      </span>
      <span class="cell marker-text" role="gridcell" aria-colspan={Math.max(1, context.columns.length - 1)}>
        {boundedText(entry.text, NAME_CHARS * 2)}
      </span>
    </div>
  );
}
