import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import type { PanelToBackground, RelayedRecord } from '../../src/messages';
import { App } from '../../src/panel/components/App';
import { createMemoryBridge } from '../../src/panel/memory-bridge';
import { createPanelStores } from '../../src/panel/store';
import { useDom, actOn, catchUp } from './dom';
import { allByRole, byRole, rowsOf } from './queries';
import { APP_TAB, OPEN, recordsMessage, testContext, wsBinary, wsFrame } from './records';

const dom = useDom();

/** A session whose server sent three events (one binary, one asking for an ack) around the page's own emit. */
const SESSION: RelayedRecord[] = [
  wsFrame(0, 'received', OPEN),
  wsFrame(1, 'sent', '40'),
  wsFrame(2, 'received', '40{"sid":"s1"}'),
  wsFrame(3, 'received', '42["news",1]'),
  wsFrame(4, 'sent', '421["hi"]'),
  wsFrame(5, 'received', '431["ok"]'),
  wsFrame(6, 'received', '451-["file",{"_placeholder":true,"num":0}]'),
  wsBinary(7, 'received', Uint8Array.of(1, 2, 3)),
  wsFrame(8, 'received', '427["ask"]'),
];

async function renderWith(records: RelayedRecord[]) {
  mock.timers.enable({ apis: ['setTimeout'] });
  const { bridge, sent, deliver } = createMemoryBridge();
  const stores = createPanelStores();
  await act(() => render(h(App, { context: testContext(bridge), stores }), dom.root));
  await actOn(() => deliver(recordsMessage(records, { documentId: 'doc', tabId: APP_TAB })));
  await catchUp();
  return { stores, sent };
}

/** What the panel asked the page to deliver, frame by frame. */
const delivered = (sent: PanelToBackground[]) =>
  sent.flatMap((message) =>
    message.type === 'command' && message.command.action === 'deliver'
      ? [message.command.frames.map((frame) => ('text' in frame ? frame.text : `<${frame.base64}>`)).join(' + ')]
      : [],
  );

const replay = () => byRole(dom.root, 'region', 'Replay');
const press = (name: string) => act(() => byRole(replay(), 'button', name).click());
const status = () => byRole(replay(), 'status').textContent;

describe('replay toolbar', () => {
  it("replays a session's server events into the page at ×10, each encoded for the live session", async () => {
    const { sent } = await renderWith(SESSION);
    try {
      await press('Replay server side');
      assert.equal(status(), '0 of 3 delivered (idle): 3 server events of s1');
      assert.equal((byRole(replay(), 'combobox', 'Replay speed') as HTMLSelectElement).value, '10');
      await press('Play');
      await act(() => mock.timers.tick(0));
      assert.deepEqual(delivered(sent), ['42["news",1]']);
      assert.ok(byRole(replay(), 'button', 'Pause replay'), 'Play becomes Pause while playing');
      await act(() => mock.timers.tick(0.3)); // 3 ms recorded between the news and the file: 0.3 ms at ×10
      await act(() => mock.timers.tick(0.2));
      assert.deepEqual(delivered(sent), [
        '42["news",1]',
        '451-["file",{"_placeholder":true,"num":0}] + <AQID>',
        '421000000000["ask"]',
      ]);
      assert.equal(status(), '3 of 3 delivered (done): 3 server events of s1');
      assert.ok(byRole(replay(), 'button', 'Play again'));
    } finally {
      mock.timers.reset();
    }
  });

  it('steps one event at a time, and replays only the events added from the selection', async () => {
    const { stores, sent } = await renderWith(SESSION);
    try {
      await press('Replay server side');
      await press('Step');
      assert.deepEqual(delivered(sent), ['42["news",1]']);
      assert.equal(status(), '1 of 3 delivered (paused): 3 server events of s1');
      assert.ok(byRole(replay(), 'button', 'Resume'));
      await press('Stop');
      assert.equal(status(), '0 of 3 delivered (idle): 3 server events of s1');

      const grid = byRole(dom.root, 'grid', 'Packets');
      const rows = allByRole(grid, 'row').slice(1);
      const at = rowsOf(grid).findIndex((row) => row['Event'] === 'news');
      assert.equal((byRole(replay(), 'button', 'Add to replay') as HTMLButtonElement).disabled, true);
      await act(() => void rows[at].dispatchEvent(new MouseEvent('mousedown', { bubbles: true })));
      assert.equal(stores.timeline.selected.value?.packet.event, 'news');
      await press('Add to replay');
      assert.equal(status(), '0 of 1 delivered (idle): 1 selected server events');
      await press('Step');
      assert.deepEqual(delivered(sent), ['42["news",1]', '42["news",1]']);
      assert.equal((byRole(replay(), 'button', 'Step') as HTMLButtonElement).disabled, true);
    } finally {
      mock.timers.reset();
    }
  });

  it('says why a step cannot be delivered: the session has closed its WebSocket', async () => {
    const closed: RelayedRecord = {
      kind: 'close',
      transport: 'websocket',
      seq: 9,
      time: 1009,
      connection: 'ws1',
      code: 1000,
      reason: '',
      wasClean: true,
    };
    const { sent } = await renderWith([...SESSION, closed]);
    try {
      await press('Replay server side');
      await press('Step');
      assert.deepEqual(delivered(sent), []);
      assert.match(byRole(replay(), 'alert').textContent ?? '', /^Step 1 of 3 \(news\) not delivered: /);
    } finally {
      mock.timers.reset();
    }
  });
});
