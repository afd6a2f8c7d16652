import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import type { RelayedRecord } from '../../src/messages';
import { App } from '../../src/panel/components/App';
import { createMemoryBridge } from '../../src/panel/memory-bridge';
import { createMemoryMockStorage } from '../../src/panel/mock/store';
import { createPanelStores } from '../../src/panel/store';
import { MOCKS_KEY, mockStatusKey, type MockConfig } from '../../src/protocol/mock-config';
import { useDom, actOn, catchUp } from './dom';
import { byRole } from './queries';
import { APP_TAB, OPEN, recordsMessage, testContext, wsFrame } from './records';

const dom = useDom();
const URL_KEY = 'http://127.0.0.1/socket.io/';

/** A session whose page emits 'hi' with an ack, which the server answers. */
const SESSION: RelayedRecord[] = [
  wsFrame(0, 'received', OPEN),
  wsFrame(1, 'sent', '40'),
  wsFrame(2, 'received', '40{"sid":"s1"}'),
  wsFrame(3, 'received', '42["news",1]'),
  wsFrame(4, 'sent', '421["hi"]'),
  wsFrame(5, 'received', '431["ok"]'),
];

async function renderWith(records: RelayedRecord[]) {
  mock.timers.enable({ apis: ['setTimeout'] });
  const { bridge, deliver } = createMemoryBridge();
  const storage = createMemoryMockStorage();
  const stores = createPanelStores();
  await act(() => render(h(App, { context: testContext(bridge, { mocks: storage }), stores }), dom.root));
  await actOn(() => deliver(recordsMessage(records, { documentId: 'doc', tabId: APP_TAB })));
  await catchUp();
  return { storage };
}

const section = () => byRole(dom.root, 'region', 'Mock server');
/** Lets the storage's promises settle (setImmediate is not among the mocked timers). */
const settle = () => act(() => new Promise<void>((resolve) => setImmediate(resolve)));
async function press(name: string): Promise<void> {
  await act(() => byRole(section(), 'button', name).click());
  await settle();
}
const statuses = () => Array.from(section().querySelectorAll('[role="status"]')).map((line) => line.textContent);
const armed = (storage: ReturnType<typeof createMemoryMockStorage>) =>
  storage.items.get(MOCKS_KEY) as Record<string, MockConfig> | undefined;

describe('mock server controls', () => {
  it("arms the session's URL with its recording, shows it armed, pins and stops it", async () => {
    const { storage } = await renderWith(SESSION);
    try {
      await press('Mock this session');
      const config = armed(storage)?.[URL_KEY];
      assert.equal(config?.tabId, 7);
      assert.equal(config?.pinned, false);
      assert.equal(config?.recording.eio, 4);
      assert.deepEqual(
        config?.recording.server.map((step) => ('ack' in step ? `ack ${step.ack.event}#${step.ack.order}` : 'event')),
        ['event', 'event', 'ack hi#0'],
      );
      assert.deepEqual(statuses(), [
        'Mocked s1: reload the page to use the mock',
        `Mock armed: ${URL_KEY} (Waiting for the next load)`,
      ]);

      await act(() => byRole(section(), 'checkbox', 'Pin mock (kept when DevTools closes)').click());
      await settle();
      assert.equal(armed(storage)?.[URL_KEY]?.pinned, true);

      await act(() => storage.set(mockStatusKey(URL_KEY), { connections: 1, unmatched: ['bye'], tooLate: false }));
      await settle();
      assert.match(statuses()[1] ?? '', /Answered 1 connection\)$/);
      assert.deepEqual(byRole(section(), 'list', 'Unmatched emits').textContent, 'bye');
      await act(() => storage.set(mockStatusKey(URL_KEY), { connections: 0, unmatched: [], tooLate: true }));
      await settle();
      assert.match(statuses()[1] ?? '', /Armed too late/);

      await press('Stop mock');
      assert.deepEqual(armed(storage), {});
      assert.equal(storage.items.has(mockStatusKey(URL_KEY)), false);
      assert.deepEqual(statuses(), ['Mock stopped: the next load reaches the real server']);
    } finally {
      mock.timers.reset();
    }
  });

  it('says why when there is no Socket.IO session to mock', async () => {
    const { storage } = await renderWith([]);
    try {
      await press('Mock this session');
      assert.equal(armed(storage), undefined);
      assert.deepEqual(statuses(), ['Mock this session: Pick a packet of a Socket.IO session first']);
    } finally {
      mock.timers.reset();
    }
  });
});
