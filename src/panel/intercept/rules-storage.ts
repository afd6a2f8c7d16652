import { browser } from '../../platform';
import { rulesStorageKey as key } from '../../intercept/rules';
import type { RulesStorage } from './rules-store';

/** The intercept rules in the extension's local storage, one key per origin; no rules removes its key. */
export const extensionRulesStorage: RulesStorage = {
  async load(origin) {
    const stored = await browser.storage.local.get(key(origin)).catch(() => ({}));
    return (stored as Record<string, unknown>)[key(origin)];
  },
  async save(origin, rules) {
    const saved =
      rules.length > 0
        ? browser.storage.local.set({ [key(origin)]: rules })
        : browser.storage.local.remove(key(origin));
    await saved.catch(() => undefined);
  },
};
