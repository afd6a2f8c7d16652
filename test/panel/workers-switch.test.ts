import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { MESSAGE_PROTOCOL_VERSION as version, type WorkersState } from '../../src/messages';
import { createMemoryBridge } from '../../src/panel/memory-bridge';
import { isBackgroundToPanel } from '../../src/panel/validate';
import { WorkersSwitch } from '../../src/panel/workers/WorkersSwitch';
import { useDom, actOn } from './dom';
import { byRole, queryByRole } from './queries';

const dom = useDom();
const TAB = 7;

async function renderSwitch() {
  const { bridge, sent, deliver } = createMemoryBridge();
  await act(() => render(h(WorkersSwitch, { context: { tabId: TAB, bridge } }), dom.root));
  const tell = (state: WorkersState, tabId = TAB) =>
    actOn(() => deliver({ type: 'workers', version, tabId, ...state }));
  return { sent, tell };
}

describe('the "Capture workers" switch', () => {
  it('is absent until the background says, and for another tab', async () => {
    const { tell } = await renderSwitch();
    assert.equal(queryByRole(dom.root, 'switch', 'Capture workers'), undefined);
    await tell({ state: 'off', workers: [] }, 8);
    assert.equal(queryByRole(dom.root, 'switch', 'Capture workers'), undefined);
  });

  it('asks the background to capture the tab’s workers, and says what the browser shows meanwhile', async () => {
    const { sent, tell } = await renderSwitch();
    await tell({ state: 'off', workers: [] });
    const control = byRole(dom.root, 'switch', 'Capture workers') as HTMLInputElement;
    assert.equal(control.checked, false);
    await act(() => control.click());
    assert.deepEqual(sent.at(-1), { type: 'capture-workers', version, tabId: TAB, on: true });
    const url = 'http://127.0.0.1:3000/shared.js';
    await tell({ state: 'on', workers: [{ kind: 'shared', url }] });
    assert.equal((byRole(dom.root, 'switch', 'Capture workers') as HTMLInputElement).checked, true);
    assert.equal(
      byRole(dom.root, 'status').textContent,
      'While this is on, the browser shows a bar saying that Socket.IO Inspector started debugging this browser. ' +
        `Workers: shared worker · ${url}.`,
    );
  });

  it('says why it went off when the user did not ask (the debugging bar cancelled)', async () => {
    const { tell } = await renderSwitch();
    await tell({ state: 'off', reason: 'the debugger was detached (canceled_by_user)', workers: [] });
    assert.equal(
      byRole(dom.root, 'status').textContent,
      'Capture workers went off: the debugger was detached (canceled_by_user).',
    );
  });

  it('is replaced by the reason where the browser cannot capture workers', async () => {
    const { tell } = await renderSwitch();
    await tell({ state: 'unavailable', reason: 'not available in this browser', workers: [] });
    assert.equal(queryByRole(dom.root, 'switch', 'Capture workers'), undefined);
    assert.equal(dom.root.textContent, 'Capture workers: not available in this browser');
  });

  it('takes only well-formed workers messages from the background', () => {
    const base = { type: 'workers', version, tabId: TAB };
    assert.equal(isBackgroundToPanel({ ...base, state: 'on', workers: [{ kind: 'shared', url: 'x' }] }), true);
    assert.equal(isBackgroundToPanel({ ...base, state: 'maybe', workers: [] }), false);
    assert.equal(isBackgroundToPanel({ ...base, state: 'on', workers: [{ kind: 'iframe', url: 'x' }] }), false);
    assert.equal(isBackgroundToPanel({ ...base, state: 'off', reason: 3, workers: [] }), false);
    const document = { documentId: 'w', url: 'x', title: 't', startedAt: 1 };
    const documentMessage = { type: 'document', version, tabId: TAB, frameId: -1 };
    assert.equal(isBackgroundToPanel({ ...documentMessage, document: { ...document, worker: { kind: 'x' } } }), false);
    assert.equal(
      isBackgroundToPanel({ ...documentMessage, document: { ...document, worker: { kind: 'service', url: 'x' } } }),
      true,
    );
  });
});
