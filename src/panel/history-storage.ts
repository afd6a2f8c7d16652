import { browser } from '../platform';
import type { HistoryEntry, HistoryStorage } from './history';

const PREFIX = 'composerHistory:';
const key = (origin: string) => `${PREFIX}${origin}`;

/** The composer's history in the extension's local storage, one key per origin; an empty history removes its key. */
export const extensionHistoryStorage: HistoryStorage = {
  async load(origin) {
    const stored = await browser.storage.local.get(key(origin)).catch(() => ({}));
    const entries = (stored as Record<string, unknown>)[key(origin)];
    return Array.isArray(entries) ? (entries as HistoryEntry[]) : [];
  },
  async save(origin, entries) {
    const saved =
      entries.length > 0
        ? browser.storage.local.set({ [key(origin)]: entries })
        : browser.storage.local.remove(key(origin));
    await saved.catch(() => undefined);
  },
  async list() {
    const stored = (await browser.storage.local.get(null).catch(() => ({}))) as Record<string, unknown>;
    return Object.entries(stored)
      .filter(([name, entries]) => name.startsWith(PREFIX) && Array.isArray(entries) && entries.length > 0)
      .map(([name, entries]) => ({ origin: name.slice(PREFIX.length), entries: (entries as unknown[]).length }))
      .sort((a, b) => a.origin.localeCompare(b.origin));
  },
};
