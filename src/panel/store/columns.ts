import { computed, signal } from '@preact/signals';

/** The Packets table's columns, in their order. */
export type ColumnId =
  | 'time'
  | 'delta'
  | 'direction'
  | 'session'
  | 'transport'
  | 'type'
  | 'namespace'
  | 'event'
  | 'arguments'
  | 'size'
  | 'rtt';

export interface ColumnSpec {
  id: ColumnId;
  /** The header's text: tests and screen readers read cells by it. */
  title: string;
  /** What the column shows, on hover of its header and in the columns menu. */
  description: string;
  /** Width in px before the user resizes it. */
  width: number;
  shownByDefault: boolean;
}

export const COLUMNS: readonly ColumnSpec[] = [
  { id: 'time', title: 'Time', description: 'When the packet began', width: 96, shownByDefault: true },
  {
    id: 'delta',
    title: 'Delta',
    description: 'Time since the row above (never negative)',
    width: 60,
    shownByDefault: true,
  },
  { id: 'direction', title: 'Direction', description: 'Sent ↑ or received ↓', width: 36, shownByDefault: true },
  { id: 'session', title: 'Session', description: 'The Engine.IO session', width: 40, shownByDefault: true },
  {
    id: 'transport',
    title: 'Transport',
    description: 'WebSocket or HTTP long-polling',
    width: 44,
    shownByDefault: false,
  },
  { id: 'type', title: 'Type', description: 'Socket.IO or Engine.IO packet type', width: 96, shownByDefault: true },
  { id: 'namespace', title: 'Namespace', description: 'Socket.IO namespace', width: 64, shownByDefault: true },
  { id: 'event', title: 'Event', description: 'Event name, or the ack id', width: 100, shownByDefault: true },
  { id: 'arguments', title: 'Arguments', description: 'Arguments or payload', width: 80, shownByDefault: true },
  { id: 'size', title: 'Size', description: 'Bytes on the wire', width: 56, shownByDefault: true },
  { id: 'rtt', title: 'RTT', description: 'Round trip to its ack or pong', width: 56, shownByDefault: false },
];

export const MIN_COLUMN_WIDTH = 28;
export const MAX_COLUMN_WIDTH = 2000;
/** The column that takes the width left over (its width is then its minimum). */
export const FILL_COLUMN: ColumnId = 'arguments';

/** How the Time column reads: the time of day, or the seconds since the first packet kept. */
export type TimeMode = 'absolute' | 'relative';

interface ColumnSettings {
  shown: ColumnId[];
  widths: Partial<Record<ColumnId, number>>;
  time: TimeMode;
}

/** Where the settings are remembered: the panel page's localStorage (the extension's origin, for every site). */
export type SettingsStorage = Pick<Storage, 'getItem' | 'setItem'>;

export const COLUMNS_STORAGE_KEY = 'sio-inspector.packet-columns';

const ids = new Set<string>(COLUMNS.map((column) => column.id));
const defaults = (): ColumnSettings => ({
  shown: COLUMNS.filter((column) => column.shownByDefault).map((column) => column.id),
  widths: {},
  time: 'absolute',
});

export const clampWidth = (width: number) => Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, width)));

/** Settings read back from storage, every part checked: what is not valid falls back to its default. */
export function parseColumnSettings(text: string | null): ColumnSettings {
  const settings = defaults();
  let json: unknown;
  try {
    json = text === null ? undefined : JSON.parse(text);
  } catch {
    return settings; // written by an older or broken panel: the defaults, as on first use
  }
  if (typeof json !== 'object' || json === null) return settings;
  const { shown, widths, time } = json as Record<string, unknown>;
  if (Array.isArray(shown)) {
    const valid = COLUMNS.map((column) => column.id).filter((id) => shown.includes(id));
    if (valid.length > 0) settings.shown = valid;
  }
  if (typeof widths === 'object' && widths !== null) {
    for (const [id, width] of Object.entries(widths))
      if (ids.has(id) && typeof width === 'number' && Number.isFinite(width))
        settings.widths[id as ColumnId] = clampWidth(width);
  }
  if (time === 'absolute' || time === 'relative') settings.time = time;
  return settings;
}

/** The panel page's localStorage, or none where it cannot be reached (a test, a browser that refuses it). */
function pageStorage(): SettingsStorage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // storage refused: the columns still work, and are forgotten on reload
  }
}

function readStored(storage: SettingsStorage | undefined): string | null {
  try {
    return storage?.getItem(COLUMNS_STORAGE_KEY) ?? null;
  } catch {
    return null; // storage refused: start from the defaults
  }
}

/**
 * Which columns the Packets table shows, their widths and the Time column's mode, remembered in `storage` (the
 * panel page's localStorage: one setting for every inspected site, as DevTools' own column settings).
 */
export function createColumnStore(storage: SettingsStorage | undefined = pageStorage()) {
  const settings = signal(parseColumnSettings(readStored(storage)));
  const update = (change: (current: ColumnSettings) => ColumnSettings) => {
    settings.value = change(settings.value);
    try {
      storage?.setItem(COLUMNS_STORAGE_KEY, JSON.stringify(settings.value));
    } catch {
      // storage full or refused: the change holds until the panel reloads
    }
  };
  const widthOf = (id: ColumnId) => settings.value.widths[id] ?? COLUMNS.find((column) => column.id === id)!.width;
  return {
    settings,
    /** The shown columns, in table order, with their widths. */
    shown: computed(() =>
      COLUMNS.filter((column) => settings.value.shown.includes(column.id)).map((column) => ({
        ...column,
        width: widthOf(column.id),
      })),
    ),
    widthOf,
    /** Shows or hides a column; the last shown column stays. */
    toggle(id: ColumnId): void {
      update((current) => {
        const on = current.shown.includes(id);
        if (on && current.shown.length === 1) return current;
        const shown = on ? current.shown.filter((other) => other !== id) : [...current.shown, id];
        return { ...current, shown };
      });
    },
    resize(id: ColumnId, width: number): void {
      update((current) => ({ ...current, widths: { ...current.widths, [id]: clampWidth(width) } }));
    },
    setTimeMode(time: TimeMode): void {
      update((current) => ({ ...current, time }));
    },
    reset(): void {
      update(defaults);
    },
  };
}

export type ColumnStore = ReturnType<typeof createColumnStore>;

/**
 * The shown columns' widths, as one CSS rule per column for its cells under `scope` (the header's and the rows' alike):
 * each its width, and the fill column at least its width, taking the width left over. Rows are flex rows of cells of
 * fixed widths, which lay out in less time than a grid each: in 3 alternated pairs of `profile-browser.ts --trace` at
 * 10,000 events/s (2026-12-06 22:04), the panel's layout took a mean 2.41, 2.75 and 2.47 ms a frame against 3.59,
 * 3.16 and 2.86, and its work per frame was p95 22.7, 25.5 and 19.8 ms against 30.4, 23.3 and 21.7.
 */
export function columnRules(scope: string, columns: readonly { id: ColumnId; width: number }[]): string {
  return columns
    .map(({ id, width }) => `${scope} .cell.${id} { width: ${width}px${id === FILL_COLUMN ? '; flex-grow: 1' : ''} }`)
    .join('\n');
}

/** The table's least width: the sum of its columns'. */
export const gridWidth = (columns: readonly { width: number }[]) =>
  columns.reduce((total, column) => total + column.width, 0);
