import { MESSAGE_PROTOCOL_VERSION, type FramePayload, type RelayedEntry, type RelayedRecord } from '../../src/messages';
import type { PanelContext } from '../../src/panel/store/composer-actions';
import { createMemoryHistoryStorage } from '../../src/panel/history';
import type { PanelBridge, RecordsMessage } from '../../src/panel/bridge';
import { createPanelStores } from '../../src/panel/store';
import { applyMessage } from '../../src/panel/store/capture';
import { syncTimeline } from '../../src/panel/store/timeline';

export const WS_URL = 'ws://127.0.0.1/socket.io/?EIO=4&transport=websocket';
export const OPEN = '0{"sid":"abc","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}';

/** A WebSocket frame of connection `ws1`, numbered `seq`, at 1000 + seq ms. */
function wsRecord(seq: number, direction: 'sent' | 'received', payload: FramePayload): RelayedRecord {
  return {
    kind: 'frame',
    seq,
    time: 1000 + seq,
    connection: 'ws1',
    transport: 'websocket',
    url: WS_URL,
    direction,
    payload,
  };
}

/** A text WebSocket frame of connection `ws1`, numbered `seq`, at 1000 + seq ms. */
export const wsFrame = (seq: number, direction: 'sent' | 'received', text: string): RelayedRecord =>
  wsRecord(seq, direction, { text, size: text.length, truncated: false });

/** A binary WebSocket frame of connection `ws1` (an attachment), numbered `seq`, at 1000 + seq ms. */
export const wsBinary = (seq: number, direction: 'sent' | 'received', bytes: Uint8Array): RelayedRecord =>
  wsRecord(seq, direction, { base64: btoa(String.fromCharCode(...bytes)), size: bytes.length, truncated: false });

/** The tab the App of the panel's tests inspects (testContext). */
export const APP_TAB = 7;

/**
 * The background's message that brings these records, of document `documentId` in frame `frameId` (the top frame) of
 * tab `tabId` (1; the App's is APP_TAB).
 */
export const recordsMessage = (
  records: RelayedEntry[],
  { documentId = 'd', tabId = 1, frameId = 0, dropped = 0 } = {},
): RecordsMessage => ({
  type: 'records',
  version: MESSAGE_PROTOCOL_VERSION,
  tabId,
  frameId,
  documentId,
  dropped,
  records,
});

/** The panel's stores with these records captured (one document, the top frame) and decoded. */
export function decodedStores(records: RelayedRecord[]) {
  const stores = createPanelStores();
  applyMessage(stores.capture, recordsMessage(records));
  syncTimeline(stores.timeline, stores.capture);
  return stores;
}

/** What the App acts through, for tab 7, with stand-ins for the options page and the reload. */
export function testContext(bridge: PanelBridge, overrides: Partial<PanelContext> = {}): PanelContext {
  return {
    tabId: APP_TAB,
    bridge,
    history: createMemoryHistoryStorage(),
    openOptionsPage: () => undefined,
    reloadInspectedPage: () => undefined,
    ...overrides,
  };
}
