import assert from 'node:assert/strict';
import { after, before, describe, it, mock } from 'node:test';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { MESSAGE_PROTOCOL_VERSION } from '../../src/messages';
import { App } from '../../src/panel/components/App';
import { TabPicker } from '../../src/panel/components/TabPicker';
import { createMemoryTransport } from '../../src/panel/memory-transport';
import { createCaptureStore } from '../../src/panel/store/capture';
import { installDom } from './dom';

const version = MESSAGE_PROTOCOL_VERSION;
let dom: ReturnType<typeof installDom>;
before(() => {
  dom = installDom();
});
after(async () => {
  render(null, dom.root);
  await dom.cleanup();
});

describe('panel App', () => {
  it('subscribes to its tab, again after a reconnect, and lists the frames it receives', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const { transport, sent, deliver, reconnect } = createMemoryTransport();
    const store = createCaptureStore();
    await act(() => render(h(App, { tabId: 7, transport, store }), dom.root));
    assert.deepEqual(sent, [{ type: 'subscribe', version, tabId: 7 }]);

    await act(() => {
      deliver({
        type: 'records', version, tabId: 7, frameId: 0, documentId: 'doc', dropped: 0,
        records: [{ kind: 'frame', seq: 0, time: 1, connection: 'ws1', transport: 'websocket', url: 'ws://x/socket.io/', direction: 'sent', payload: { text: '42["chat message","hi"]', size: 23, truncated: false } }],
      });
      deliver({
        type: 'records', version, tabId: 8, frameId: 0, documentId: 'other-tab', dropped: 0,
        records: [{ kind: 'open', seq: 0, time: 2, connection: 'ws1', transport: 'websocket', url: 'ws://other/' }],
      });
    });
    await act(() => mock.timers.tick(100)); // the list re-renders at most every 100 ms
    mock.timers.reset();
    const rows = [...dom.root.querySelectorAll('table.frames tbody tr')];
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.querySelector('.data')!.textContent, '42["chat message","hi"]');
    assert.ok(rows[0]!.classList.contains('sent'));

    reconnect();
    assert.equal(sent.length, 2);
    assert.deepEqual(sent[1], { type: 'subscribe', version, tabId: 7 });
  });

  it('lists the tabs with traffic when no tab is given', async () => {
    const { transport, sent, deliver } = createMemoryTransport();
    await act(() => render(h(TabPicker, { transport }), dom.root));
    assert.deepEqual(sent, [{ type: 'list-tabs', version }]);
    await act(() => deliver({ type: 'tabs', version, tabs: [{ tabId: 3, url: 'http://127.0.0.1:3000/', title: 'Socket.IO chat' }] }));
    const link = dom.root.querySelector('a[data-tab-id="3"]')!;
    assert.equal(link.textContent, 'Socket.IO chat');
    assert.equal(link.getAttribute('href'), '?tabId=3');
  });
});
