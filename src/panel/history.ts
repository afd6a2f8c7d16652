/** One emit or delivery the user sent from the composer, to send again with one click. */
export interface HistoryEntry {
  action: 'emit' | 'deliver';
  namespace: string;
  event: string;
  argsText: string;
  ack: boolean;
}

/** Where the composer's history is kept, per origin of the inspected page: extension storage, or memory in tests. */
export interface HistoryStorage {
  load(origin: string): Promise<HistoryEntry[]>;
  save(origin: string, entries: HistoryEntry[]): Promise<void>;
  /** The origins that have a history, and how many entries each holds (the options page shows them). */
  list(): Promise<{ origin: string; entries: number }[]>;
}

export const MAX_HISTORY = 50;
/** Arguments longer than this are sent but not remembered: the history lives in the extension's small storage. */
export const MAX_HISTORY_ARGS_CHARS = 64 * 1024;

/** The history with `entry` first (an equal earlier entry moves up instead of repeating), at most MAX_HISTORY long. */
export function remember(history: readonly HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  if (entry.argsText.length > MAX_HISTORY_ARGS_CHARS || entry.event.length > MAX_HISTORY_ARGS_CHARS)
    return history.slice();
  const same = (other: HistoryEntry) => JSON.stringify(other) === JSON.stringify(entry);
  return [entry, ...history.filter((other) => !same(other))].slice(0, MAX_HISTORY);
}

export function createMemoryHistoryStorage(): HistoryStorage & { saved: Map<string, HistoryEntry[]> } {
  const saved = new Map<string, HistoryEntry[]>();
  return {
    saved,
    load: (origin) => Promise.resolve(saved.get(origin) ?? []),
    save: (origin, entries) => {
      saved.set(origin, entries);
      return Promise.resolve();
    },
    list: () =>
      Promise.resolve(
        [...saved]
          .filter(([, entries]) => entries.length > 0)
          .map(([origin, entries]) => ({ origin, entries: entries.length })),
      ),
  };
}
