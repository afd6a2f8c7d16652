import { useEffect } from 'preact/hooks';
import { MESSAGE_PROTOCOL_VERSION } from '../../messages';
import { downloadExport } from '../export/download';
import { applyMessage, clearCapture, type CaptureStore } from '../store/capture';
import type { PanelTransport } from '../transport';
import { FrameList } from './FrameList';
import { useThrottled } from './use-throttled';

/** The panel attached to one tab: subscribes to its capture (again after every reconnect) and shows it. */
export function App({ tabId, transport, store }: { tabId: number; transport: PanelTransport; store: CaptureStore }) {
  useEffect(() => {
    const stop = transport.listen((message) => {
      if (message.version === MESSAGE_PROTOCOL_VERSION && message.type !== 'tabs' && message.tabId === tabId) {
        applyMessage(store, message);
      }
    });
    const stopConnect = transport.onConnect(() => transport.send({ type: 'subscribe', version: MESSAGE_PROTOCOL_VERSION, tabId }));
    return () => {
      stop();
      stopConnect();
    };
  }, [tabId, transport, store]);
  return (
    <main data-tab-id={tabId}>
      <header class="toolbar">
        <span class="title">Socket.IO</span>
        <button type="button" onClick={() => clearCapture(store)}>
          Clear
        </button>
        <button type="button" onClick={() => downloadExport(store.rows)}>
          Export
        </button>
        <label>
          <input
            type="checkbox"
            checked={store.preserveLog.value}
            onChange={(event) => (store.preserveLog.value = event.currentTarget.checked)}
          />
          Preserve log
        </label>
        <span class="count" aria-label="Captured records">{useThrottled(store.revision, 100) >= 0 ? `${store.rows.length} rows` : ''}</span>
        {store.dropped.value > 0 && <span class="warning">{store.dropped.value} malformed records dropped</span>}
      </header>
      <FrameList store={store} />
    </main>
  );
}
