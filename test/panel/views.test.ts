import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { computed } from '@preact/signals';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import type { RelayedRecord } from '../../src/messages';
import { App } from '../../src/panel/components/App';
import { ErrorBoundary } from '../../src/panel/components/ErrorBoundary';
import { createMemoryBridge } from '../../src/panel/memory-bridge';
import { applyPanelSettings, createPanelStores, type PanelStores } from '../../src/panel/store';
import { DEFAULT_SETTINGS } from '../../src/settings/schema';
import { useDom, actOn, catchUp } from './dom';
import { APP_TAB, OPEN, recordsMessage, testContext, wsFrame } from './records';
import { allByRole, byRole, queryByRole, rowsOf } from './queries';

const dom = useDom();

/** Received frames, numbered from 0. */
const texts = (list: string[]): RelayedRecord[] => list.map((text, seq) => wsFrame(seq, 'received', text));

const open = OPEN;

async function renderApp(stores: PanelStores, records: RelayedRecord[]) {
  mock.timers.enable({ apis: ['setTimeout'] });
  const { bridge, deliver } = createMemoryBridge();
  const context = testContext(bridge);
  await act(() => render(h(App, { context, stores }), dom.root));
  await actOn(() => deliver(recordsMessage(records, { tabId: APP_TAB })));
  await catchUp();
  mock.timers.reset();
  return deliver;
}

async function select(name: string) {
  const grid = byRole(dom.root, 'grid', 'Packets');
  const at = rowsOf(grid).findIndex((row) => row['Event'] === name);
  assert.ok(at >= 0, `a row named ${name}`);
  const row = allByRole(grid, 'row')[at + 1];
  await act(() => {
    row.dispatchEvent(new (dom.window.MouseEvent as unknown as typeof MouseEvent)('mousedown', { bubbles: true }));
  });
  return byRole(dom.root, 'complementary', 'Packet details');
}

function Throws(): never {
  throw new Error('the view broke');
}

describe('panel views', () => {
  it('show a failing view its error with "Copy error", while the views beside it keep rendering', async () => {
    const copied: string[] = [];
    Object.defineProperty(dom.window.navigator, 'clipboard', {
      value: { writeText: (text: string) => (copied.push(text), Promise.resolve()) },
      configurable: true,
    });
    await act(() =>
      render(
        h('div', null, [
          h(ErrorBoundary, { name: 'Timeline' }, h(Throws, null)),
          h(ErrorBoundary, { name: 'Sessions' }, h('p', null, 'sessions still here')),
        ]),
        dom.root,
      ),
    );
    const alert = byRole(dom.root, 'alert', 'Timeline failed');
    assert.match(alert.textContent, /Timeline stopped: the view broke/);
    assert.match(dom.root.textContent, /sessions still here/);
    await act(() => byRole(alert, 'button', 'Copy error').click());
    assert.equal(copied.length, 1);
    assert.match(copied[0], /^Timeline: Error: the view broke\n/);
  });

  it('keep the panel working when one view of the App throws', async () => {
    const stores = createPanelStores();
    (stores as { eventTable: PanelStores['eventTable'] }).eventTable = computed(() => {
      throw new Error('counting failed');
    });
    await renderApp(stores, texts([open, '42["hello",1]']));
    assert.match(byRole(dom.root, 'alert', 'Event counts failed').textContent, /counting failed/);
    assert.deepEqual(
      rowsOf(byRole(dom.root, 'grid', 'Packets')).map((row) => row['Event']),
      ['', 'hello'],
    );
    const details = await select('hello');
    assert.match(details.textContent, /Event\s*hello/);
    await act(() => byRole(dom.root, 'button', 'Pause').click());
    assert.ok(byRole(dom.root, 'button', 'Resume'));
  });

  it('render hostile packets within bounds: deep nesting, a megabyte string, a huge ack id, many attachments', async () => {
    const stores = createPanelStores();
    const deep = `${'['.repeat(100_000)}"bottom"${']'.repeat(100_000)}`;
    const long = 'x'.repeat(1024 * 1024);
    await renderApp(
      stores,
      texts([
        open,
        `42["deep",${deep}]`,
        `42["long","${long}"]`,
        `42${'9'.repeat(5000)}["acked"]`,
        '451000000-["many",{"_placeholder":true,"num":0}]',
        '42["bad",{',
      ]),
    );
    const rows = rowsOf(byRole(dom.root, 'grid', 'Packets'));
    assert.deepEqual(
      rows.map((row) => `${row['Type']} ${row['Event']}`),
      ['open ', 'EVENT deep', 'EVENT long', 'EVENT acked', 'BINARY_EVENT ', 'EVENT bad'],
    );
    for (const row of rows)
      assert.ok(row['Arguments'].length < 400, `a row's data is bounded: ${row['Arguments'].length}`);

    assert.match(rows[1]['Arguments'], /\[{64}"… nested deeper than 64 levels"\]{64}$/);
    let details = await select('deep');
    // Opening the JSON tree level by level ends at 64 levels, where it says so.
    for (let level = 0; level < 70; level++) {
      const closed = allByRole(details, 'button', '0').filter(
        (toggle) => toggle.getAttribute('aria-expanded') === 'false',
      );
      if (closed.length === 0) break;
      await act(() => closed[0].click());
    }
    const tree = byRole(details, 'tabpanel', 'Payload').textContent;
    assert.ok(tree.endsWith('0: … nested deeper than 64 levels'), tree.slice(-200));
    details = await select('long');
    assert.ok(details.textContent.includes('… 1,046,576 more characters'), 'the megabyte string is cut');
    assert.ok(details.textContent.length < 100_000, 'the details show a prefix of the megabyte');
    details = await select('acked');
    assert.ok(/Ack id9{2000}… 3,000 more characters/.test(details.textContent), 'the ack id is cut');
    const many = allByRole(byRole(dom.root, 'grid', 'Packets'), 'row')[5];
    await act(() => {
      many.dispatchEvent(new (dom.window.MouseEvent as unknown as typeof MouseEvent)('mousedown', { bubbles: true }));
    });
    assert.match(byRole(dom.root, 'complementary', 'Packet details').textContent, /illegal attachments/);
    assert.equal(queryByRole(dom.root, 'alert', /failed$/), undefined, 'no view failed');
  });

  it('show the top event names of 50,000 made per request, with a search and the total', async () => {
    const stores = createPanelStores();
    const names = Array.from({ length: 50_000 }, (_, index) => `42["res:${index.toString(16).padStart(8, '0')}",1]`);
    await renderApp(stores, texts([open, '42["chat",1]', '42["chat",2]', ...names]));
    const events = byRole(dom.root, 'region', 'Events');
    assert.equal(byRole(events, 'status', 'Event names').textContent, '50,001 event names (top 100 shown)');
    const table = byRole(events, 'table', 'Event counts');
    const shown = rowsOf(table);
    assert.equal(shown.length, 100);
    assert.deepEqual(shown[0], {
      Event: 'chat',
      Count: '2',
      Bytes: shown[0]['Bytes'],
      'Last seen': shown[0]['Last seen'],
    });
    await act(() => {
      const search = byRole(events, 'searchbox', 'Search events') as HTMLInputElement;
      search.value = 'RES:00000FF';
      search.dispatchEvent(new dom.window.Event('input', { bubbles: true }) as unknown as Event);
    });
    assert.equal(byRole(events, 'status', 'Event names').textContent, '16 of 50,001 event names match');
    assert.equal(rowsOf(byRole(events, 'table', 'Event counts')).length, 16);
    await act(() => byRole(events, 'button', 'res:00000ff0').click());
    assert.equal(stores.filters.event.value, 'res:00000ff0');
  });

  it('let the oldest packets go at the maximum the settings give, and say how many in the toolbar', async () => {
    const stores = createPanelStores();
    applyPanelSettings(stores, { ...DEFAULT_SETTINGS, panelMaxPackets: 1_000 });
    const events = Array.from({ length: 1_500 }, (_, index) => `42["tick",${index}]`);
    await renderApp(stores, texts([open, ...events]));
    const kept = stores.timeline.entries.length;
    assert.ok(kept <= 1_000);
    assert.equal(
      byRole(dom.root, 'main').textContent.match(/([\d,]+) oldest packets let go \(panel limit\)/)?.[1],
      (1_501 - kept).toLocaleString('en'),
    );
    assert.equal(byRole(dom.root, 'status', 'Shown packets').textContent, `${kept} packets`);
  });

  it('pair a selected EVENT with its ACK when the ACK is decoded later', async () => {
    const stores = createPanelStores();
    const deliver = await renderApp(stores, texts([open, '421["ask"]']));
    const details = await select('ask');
    assert.doesNotMatch(details.textContent, /Answered by/);
    mock.timers.enable({ apis: ['setTimeout'] });
    const ack = wsFrame(2, 'sent', '431["answer"]');
    await actOn(() => deliver(recordsMessage([ack], { tabId: APP_TAB })));
    await act(() => mock.timers.tick(100));
    mock.timers.reset();
    assert.match(byRole(dom.root, 'complementary', 'Packet details').textContent, /Answered by ACK 1 after 1\.0 ms/);
  });
});
