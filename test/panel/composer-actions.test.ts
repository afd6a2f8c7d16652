import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MESSAGE_PROTOCOL_VERSION, type RelayedRecord } from '../../src/messages';
import type { PanelMessage } from '../../src/panel/bridge';
import { createMemoryHistoryStorage } from '../../src/panel/history';
import { createMemoryBridge } from '../../src/panel/memory-bridge';
import { createPanelStores } from '../../src/panel/store';
import { applyMessage } from '../../src/panel/store/capture';
import { createComposerActions } from '../../src/panel/store/composer-actions';
import { syncTimeline } from '../../src/panel/store/timeline';

const version = MESSAGE_PROTOCOL_VERSION;
/** Both sites talk to the same socket server. */
const server = 'wss://socket.shared.example/socket.io/?EIO=4&transport=websocket';
const open = '0{"sid":"abc","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}';

function page(documentId: string, url: string, startedAt: number, frameId = 0): PanelMessage {
  return { type: 'document', version, tabId: 1, frameId, document: { documentId, url, title: '', startedAt } };
}

function connected(documentId: string, time: number): PanelMessage {
  const frame = (seq: number, direction: 'sent' | 'received', text: string): RelayedRecord => ({
    kind: 'frame',
    seq,
    time: time + seq,
    connection: 'ws1',
    transport: 'websocket',
    url: server,
    direction,
    payload: { text, size: text.length, truncated: false },
  });
  const records = [frame(0, 'received', open), frame(1, 'sent', '40'), frame(2, 'received', '40{"sid":"x"}')];
  return { type: 'records', version, tabId: 1, frameId: 0, documentId, dropped: 0, records };
}

/** Lets the history storage's promises settle. */
const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('composer actions', () => {
  it('keeps the history per origin of the inspected page, not of the socket server', async () => {
    const stores = createPanelStores();
    const history = createMemoryHistoryStorage();
    const { bridge, sent } = createMemoryBridge();
    const actions = createComposerActions({ tabId: 1, bridge, history }, stores);
    const stop = actions.followPageOrigin();
    try {
      applyMessage(stores.capture, page('a', 'https://site-a.example/chat?room=1', 0));
      // A subframe of another origin does not make the page's origin.
      applyMessage(stores.capture, page('ad', 'https://ads.example/frame', 1, 3));
      applyMessage(stores.capture, connected('a', 10));
      syncTimeline(stores.timeline, stores.capture);
      assert.equal(actions.pageOrigin.value, 'https://site-a.example');
      stores.composer.event.value = 'secret of a';
      stores.composer.argsText.value = '["token-a"]';
      assert.equal(actions.submit('emit'), true);
      assert.equal(sent.length, 1);
      assert.deepEqual([...history.saved.keys()], ['https://site-a.example']);

      // The tab navigates to another site using the same server: its composer starts with its own (empty) history.
      applyMessage(stores.capture, page('b', 'https://site-b.example/', 100));
      applyMessage(stores.capture, connected('b', 110));
      syncTimeline(stores.timeline, stores.capture);
      await settled();
      assert.equal(stores.composer.historyOrigin.value, 'https://site-b.example');
      assert.equal(stores.composer.history.value.length, 0);
      stores.composer.event.value = 'hello from b';
      stores.composer.argsText.value = '[]';
      actions.submit('emit');
      assert.deepEqual(
        history.saved.get('https://site-b.example')?.map((entry) => entry.event),
        ['hello from b'],
      );
      assert.deepEqual(
        history.saved.get('https://site-a.example')?.map((entry) => entry.event),
        ['secret of a'],
      );

      // Back on site A (a reload): its own history comes back.
      applyMessage(stores.capture, page('a2', 'https://site-a.example/chat', 200));
      await settled();
      assert.deepEqual(
        stores.composer.history.value.map((entry) => entry.event),
        ['secret of a'],
      );
    } finally {
      stop();
    }
  });

  it('loads a captured EVENT nested 100,000 levels deep, and says why it cannot emit it', () => {
    const stores = createPanelStores();
    const { bridge, sent } = createMemoryBridge();
    const actions = createComposerActions({ tabId: 1, bridge, history: createMemoryHistoryStorage() }, stores);
    applyMessage(stores.capture, connected('a', 0));
    const deep = `${'['.repeat(100_000)}1${']'.repeat(100_000)}`;
    const record: RelayedRecord = {
      kind: 'frame',
      seq: 3,
      time: 5,
      connection: 'ws1',
      transport: 'websocket',
      url: server,
      direction: 'sent',
      payload: { text: `42["deep",${deep}]`, size: 0, truncated: false },
    };
    applyMessage(stores.capture, {
      type: 'records',
      version,
      tabId: 1,
      frameId: 0,
      documentId: 'a',
      dropped: 0,
      records: [record],
    });
    syncTimeline(stores.timeline, stores.capture);
    const entry = stores.timeline.entries.at(-1)!;
    assert.ok(entry.kind === 'packet' && entry.packet.event === 'deep');
    actions.load(entry);
    assert.equal(stores.composer.argsText.value, `[${deep}]`);
    assert.equal(actions.submit('emit'), false);
    assert.deepEqual(stores.composer.error.value, {
      field: 'args',
      message: 'Arguments nested deeper than 512 levels cannot be encoded',
    });
    assert.equal(sent.length, 0);
  });
});
