import { browser } from '../platform';
import { SETTINGS_KEY, validateSettings, type Settings } from './schema';

/** The settings as stored, validated; the defaults when nothing (or nothing valid) is stored. */
export async function readSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(SETTINGS_KEY).catch(() => ({}));
  return validateSettings((stored as Record<string, unknown>)[SETTINGS_KEY]);
}

/** Stores the settings (validated first: what is stored is always what `readSettings` gives back). */
export async function writeSettings(settings: Settings): Promise<void> {
  await browser.storage.local.set({ [SETTINGS_KEY]: validateSettings(settings) });
}

/** Calls `changed` with the new settings whenever they are stored; returns the function that stops listening. */
export function onSettingsChanged(changed: (settings: Settings) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && SETTINGS_KEY in changes) changed(validateSettings(changes[SETTINGS_KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
