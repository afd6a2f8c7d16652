import { browser } from '../platform';
import type { HistoryEntry, HistoryStorage } from './history';

const key = (origin: string) => `composerHistory:${origin}`;

/** The composer's history in the extension's local storage, one key per origin. */
export const extensionHistoryStorage: HistoryStorage = {
  async load(origin) {
    const stored = await browser.storage.local.get(key(origin)).catch(() => ({}));
    const entries = (stored as Record<string, unknown>)[key(origin)];
    return Array.isArray(entries) ? (entries as HistoryEntry[]) : [];
  },
  async save(origin, entries) {
    await browser.storage.local.set({ [key(origin)]: entries }).catch(() => undefined);
  },
};
