import { useEffect, useState } from 'preact/hooks';
import { MESSAGE_PROTOCOL_VERSION, type InspectedTab } from '../../messages';
import type { PanelBridge } from '../bridge';

/** Shown when the panel runs in a tab without `?tabId=`: the tabs with Socket.IO traffic, to pick one to inspect. */
export function TabPicker({ bridge }: { bridge: PanelBridge }) {
  const [tabs, setTabs] = useState<InspectedTab[] | undefined>(undefined);
  useEffect(() => {
    const stop = bridge.listen((message) => {
      if (message.type === 'tabs') setTabs(message.tabs);
    });
    const stopConnect = bridge.onConnect(() => bridge.send({ type: 'list-tabs', version: MESSAGE_PROTOCOL_VERSION }));
    return () => {
      stop();
      stopConnect();
    };
  }, [bridge]);
  if (!tabs) return <p class="empty">Looking for tabs…</p>;
  if (tabs.length === 0) return <p class="empty">No tab has Socket.IO traffic yet.</p>;
  return (
    <nav class="tab-picker" aria-label="Tabs with Socket.IO traffic">
      <h1>Inspect a tab</h1>
      <ul>
        {tabs.map((tab) => (
          <li key={tab.tabId}>
            <a href={`?tabId=${tab.tabId}`} data-tab-id={tab.tabId} data-url={tab.url}>
              {tab.title || tab.url}
            </a>{' '}
            <span class="url">{tab.url}</span>
          </li>
        ))}
      </ul>
    </nav>
  );
}
