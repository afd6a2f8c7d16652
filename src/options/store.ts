import { signal } from '@preact/signals';
import type { HistoryStorage } from '../panel/history';
import { DEFAULT_SETTINGS, type Settings } from '../settings/schema';
import { formFromSettings, readForm, type FormErrors, type SettingsForm } from './form';

/** Where the options page reads and writes the settings: extension storage, or memory in tests. */
export interface SettingsStorage {
  read(): Promise<Settings>;
  write(settings: Settings): Promise<void>;
}

/** The options page's state: the form, its errors, what the last action did, and the composer histories stored. */
export function createOptionsStore(storage: SettingsStorage, history: HistoryStorage) {
  const store = {
    form: signal<SettingsForm>(formFromSettings(DEFAULT_SETTINGS)),
    errors: signal<FormErrors>({}),
    /** The outcome of the last load, save or restore, for the status line. */
    status: signal(''),
    loaded: signal(false),
    /** The origins whose composer history is stored, and its entries. */
    histories: signal<{ origin: string; entries: number }[]>([]),

    async load(): Promise<void> {
      store.form.value = formFromSettings(await storage.read());
      store.loaded.value = true;
      await store.loadHistories();
    },
    async loadHistories(): Promise<void> {
      store.histories.value = await history.list();
    },
    edit(change: Partial<SettingsForm>): void {
      store.form.value = { ...store.form.value, ...change };
    },
    /** Writes the form's settings; false (with a message per field) when some field is invalid. */
    async save(): Promise<boolean> {
      const read = readForm(store.form.value);
      if (!read.ok) {
        store.errors.value = read.errors;
        const fields = Object.keys(read.errors).length;
        store.status.value = `Not saved: ${fields === 1 ? 'one field needs' : `${fields} fields need`} a fix`;
        return false;
      }
      store.errors.value = {};
      try {
        await storage.write(read.settings);
      } catch (error) {
        store.status.value = `Not saved: ${error instanceof Error ? error.message : String(error)}`;
        return false;
      }
      store.form.value = formFromSettings(read.settings);
      store.status.value = 'Saved. Changes apply to pages loaded after saving.';
      return true;
    },
    async restoreDefaults(): Promise<void> {
      await storage.write({ ...DEFAULT_SETTINGS });
      store.form.value = formFromSettings(DEFAULT_SETTINGS);
      store.errors.value = {};
      store.status.value = 'Defaults restored. Changes apply to pages loaded after saving.';
    },
    async clearHistory(origin: string): Promise<void> {
      await history.save(origin, []);
      await store.loadHistories();
      store.status.value = `Composer history of ${origin} cleared`;
    },
  };
  return store;
}

export type OptionsStore = ReturnType<typeof createOptionsStore>;
