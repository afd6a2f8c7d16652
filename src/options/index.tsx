/** The options page's entry: the settings in extension storage, and the composer histories stored beside them. */
import { render } from 'preact';
import { extensionHistoryStorage } from '../panel/history-storage';
import { readSettings, writeSettings } from '../settings/storage';
import { OptionsPage } from './OptionsPage';
import { createOptionsStore } from './store';

const store = createOptionsStore({ read: readSettings, write: writeSettings }, extensionHistoryStorage);
render(<OptionsPage store={store} />, document.getElementById('root')!);
