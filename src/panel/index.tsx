/** The panel's entry: in DevTools it inspects the inspected window's tab; in a tab, the one named by `?tabId=`. */
import { render } from 'preact';
import { browser } from '../platform';
import { App } from './components/App';
import { TabPicker } from './components/TabPicker';
import { createPortTransport } from './port-transport';
import { extensionHistoryStorage } from './history-storage';
import { onSettingsChanged, readSettings } from '../settings/storage';
import { applyPanelSettings, createPanelStores } from './store';

function inspectedTabId(): number | undefined {
  const fromQuery = new URLSearchParams(location.search).get('tabId');
  if (fromQuery !== null && /^\d+$/.test(fromQuery)) return Number(fromQuery);
  return browser.devtools?.inspectedWindow?.tabId;
}

/** DevTools' theme when the panel runs in DevTools; the system's in a tab. */
const devtoolsTheme = browser.devtools?.panels?.themeName;
const dark = devtoolsTheme ? devtoolsTheme === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
document.documentElement.dataset['theme'] = dark ? 'dark' : 'light';

const transport = createPortTransport();
const tabId = inspectedTabId();
const root = document.getElementById('root')!;
if (tabId === undefined) render(<TabPicker transport={transport} />, root);
else {
  const stores = createPanelStores();
  void readSettings().then((settings) => applyPanelSettings(stores, settings));
  onSettingsChanged((settings) => applyPanelSettings(stores, settings));
  const context = {
    tabId,
    transport,
    history: extensionHistoryStorage,
    openOptionsPage: () => void browser.runtime.openOptionsPage(),
  };
  render(<App context={context} stores={stores} />, root);
}
