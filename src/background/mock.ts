import { browser } from '../platform';
import { MOCKS_KEY, mockStatusKey, readMockConfigs } from '../protocol/mock-config';

/** The mocks a tab's panel armed end with its last panel, unless pinned (their status goes with them). */
export async function endUnpinnedMocks(tabId: number): Promise<void> {
  const items = await browser.storage.local.get(MOCKS_KEY);
  const configs = readMockConfigs(items[MOCKS_KEY]);
  const ended = [...configs.values()].filter((config) => config.tabId === tabId && !config.pinned);
  if (ended.length === 0) return;
  for (const config of ended) configs.delete(config.url);
  await browser.storage.local.set({ [MOCKS_KEY]: Object.fromEntries(configs) });
  await browser.storage.local.remove(ended.map((config) => mockStatusKey(config.url)));
}
