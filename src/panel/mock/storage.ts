import { browser } from '../../platform';
import type { MockStorage } from './store';

/** Armed mocks in the extension's local storage, where every relay reads them at document start. */
export const extensionMockStorage: MockStorage = {
  async get(key) {
    const stored = await browser.storage.local.get(key).catch(() => ({}));
    return (stored as Record<string, unknown>)[key];
  },
  set: (key, value) => browser.storage.local.set({ [key]: value }).catch(() => undefined),
  remove: (key) => browser.storage.local.remove(key).catch(() => undefined),
  listen(changed) {
    const listener = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local') Object.keys(changes).forEach(changed);
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  },
};
