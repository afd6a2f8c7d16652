/** The panel's entry: in DevTools it inspects the inspected window's tab; in a tab, the one named by `?tabId=`. */
import { render } from 'preact';
import { browser } from '../platform';
import { App } from './components/App';
import { TabPicker } from './components/TabPicker';
import { createPortBridge } from './port-bridge';
import { extensionHistoryStorage } from './history-storage';
import { extensionRulesStorage } from './intercept/rules-storage';
import { extensionMockStorage } from './mock/storage';
import { onSettingsChanged, readSettings } from '../settings/storage';
import { applyPanelSettings, createPanelStores } from './store';
import { applyTheme, reloadTab } from './theme';
import { pageRecordsHad, warmUpWhenIdle } from './warm-up';

function inspectedTabId(): number | undefined {
  const fromQuery = new URLSearchParams(location.search).get('tabId');
  if (fromQuery !== null && /^\d+$/.test(fromQuery)) return Number(fromQuery);
  return browser.devtools?.inspectedWindow?.tabId;
}

applyTheme(document.documentElement);

const bridge = createPortBridge();
const tabId = inspectedTabId();
const root = document.getElementById('root')!;
if (tabId === undefined) render(<TabPicker bridge={bridge} />, root);
else {
  const stores = createPanelStores(() => bridge.flood.readAll());
  void readSettings().then((settings) => applyPanelSettings(stores, settings));
  onSettingsChanged((settings) => applyPanelSettings(stores, settings));
  const context = {
    tabId,
    bridge,
    history: extensionHistoryStorage,
    rules: extensionRulesStorage,
    mocks: extensionMockStorage,
    openOptionsPage: () => void browser.runtime.openOptionsPage(),
    reloadInspectedPage: () => reloadTab(tabId),
  };
  render(<App context={context} stores={stores} />, root);
  warmUpWhenIdle(() => pageRecordsHad(stores.capture, bridge.flood.state.peek()));
}
