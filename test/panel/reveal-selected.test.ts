// A packet selected from elsewhere (a problem's link, ↑/↓ past the window) is scrolled into view in the Packets
// grid at once, even while the grid follows the newest packets of a long capture.
import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import type { RelayedRecord } from '../../src/messages';
import { App } from '../../src/panel/components/App';
import { createMemoryBridge } from '../../src/panel/memory-bridge';
import { createPanelStores } from '../../src/panel/store';
import { useDom, actOn } from './dom';
import { byRole } from './queries';
import { APP_TAB, OPEN, recordsMessage, testContext, wsFrame } from './records';

const dom = useDom();

describe('the selected packet in a long timeline', () => {
  it('is scrolled into view when selected far above the newest rows, and the grid stops following', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const records: RelayedRecord[] = [wsFrame(0, 'received', OPEN)];
      for (let i = 1; i <= 2000; i++) records.push(wsFrame(i, i % 2 ? 'sent' : 'received', `42["tick",${i}]`));
      const { bridge, deliver } = createMemoryBridge();
      const stores = createPanelStores();
      await act(() => render(h(App, { context: testContext(bridge), stores }), dom.root));
      await actOn(() => deliver(recordsMessage(records, { tabId: APP_TAB })));
      await act(() => mock.timers.tick(100));
      const grid = byRole(dom.root, 'grid', 'Packets');
      assert.ok(!grid.textContent?.includes('tick[10]'), 'the grid shows the newest rows');

      const far = stores.timeline.entries.find(
        (entry) => entry.kind === 'packet' && entry.packet.raw === '42["tick",10]',
      );
      assert.ok(far?.kind === 'packet');
      await act(() => {
        stores.timeline.selected.value = far;
      });
      await act(() => mock.timers.tick(100));
      const selected = grid.querySelector('[aria-selected="true"]');
      assert.ok(selected?.textContent?.includes('tick[10]'), 'the selected row is rendered, in view');

      // New packets keep coming: the grid no longer follows them away from the selection.
      await actOn(() => deliver(recordsMessage([wsFrame(2001, 'received', '42["tick",2001]')], { tabId: APP_TAB })));
      await act(() => mock.timers.tick(100));
      assert.ok(grid.querySelector('[aria-selected="true"]')?.textContent?.includes('tick[10]'));
    } finally {
      mock.timers.reset();
    }
  });
});
