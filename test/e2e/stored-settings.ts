/** The extension's settings as the e2e tests set them: stored under readSettings' key, as the options page does. */
import type { Page } from 'puppeteer-core';
import { DEFAULT_SETTINGS, SETTINGS_KEY, type Settings } from '../../src/settings/schema';
import { navigate, type ExtensionBrowser } from './browsers';

/** Stores the defaults but for `changes` (from an extension page); with undefined, removes the stored settings. */
export async function storeSettings(
  extension: ExtensionBrowser,
  changes: Partial<Settings> | undefined,
): Promise<void> {
  const page: Page = await extension.browser.newPage();
  try {
    await navigate(page, `${extension.extensionOrigin}/panel.html`);
    const settings = changes && { ...DEFAULT_SETTINGS, ...changes };
    await page.evaluate(
      async (key, value) => {
        type Storage = {
          storage: { local: { set(items: object): Promise<void>; remove(key: string): Promise<void> } };
        };
        const scope = globalThis as never as { browser?: Storage; chrome: Storage };
        const { local } = (scope.browser ?? scope.chrome).storage;
        await (value === null ? local.remove(key) : local.set({ [key]: value }));
      },
      SETTINGS_KEY,
      settings ?? null,
    );
  } finally {
    await page.close();
  }
}
