import { browser } from '../../platform';
import type { RulesStorage } from './rules-store';

const key = (origin: string) => `interceptRules:${origin}`;

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
