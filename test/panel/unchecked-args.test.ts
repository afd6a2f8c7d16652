// A packet whose arguments are not JSON, though its head reads well (`42["chat",{…` cut short, `42["a"]99`), is
// decoded for its row without its arguments being parsed: every path that shows or uses it still finds it flagged,
// with its raw text, as a packet flagged on arrival (an EVENT keeps the name its row was decoded with): the row, its
// details, the Errors chip, the export, and the Problems view.
import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { App } from '../../src/panel/components/App';
import { exportCapture } from '../../src/panel/export/sio-json';
import { createMemoryBridge } from '../../src/panel/memory-bridge';
import { createPanelStores } from '../../src/panel/store';
import { applyFilters } from '../../src/panel/store/filters';
import { diagnose, ofRule, openPacket, syntheticCapture } from './diagnose/support';
import { useDom, actOn, catchUp } from './dom';
import { allByRole, byRole, rowsOf } from './queries';
import { APP_TAB, decodedStores, OPEN, recordsMessage, testContext, wsFrame } from './records';

const dom = useDom();
const CUT = '42["chat",{"text":"hi"';
const TRAILING = '431["ok"]99';
const records = [
  wsFrame(0, 'received', OPEN),
  wsFrame(1, 'sent', '40'),
  wsFrame(2, 'received', '40{"sid":"s1"}'),
  wsFrame(3, 'received', CUT),
  wsFrame(4, 'sent', TRAILING),
  wsFrame(5, 'received', '42["chat",{"text":"fine"}]'),
];
const NOT_JSON = /^invalid payload: not JSON \(/;

describe('packets whose arguments are not JSON, checked when first used', () => {
  it('are flagged rows with their raw text, and their details say why', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const { bridge, deliver } = createMemoryBridge();
    await act(() => render(h(App, { context: testContext(bridge), stores: createPanelStores() }), dom.root));
    await actOn(() => deliver(recordsMessage(records, { tabId: APP_TAB })));
    await catchUp();
    mock.timers.reset();
    const grid = byRole(dom.root, 'grid', 'Packets');
    const rows = rowsOf(grid);
    const flagged = rows.filter((row) => row['Arguments'].startsWith('Error'));
    assert.deepEqual(
      flagged.map((row) => [row['Type'], row['Event']]),
      [
        ['EVENT', 'chat'],
        ['ACK', 'ack 1'],
      ],
    );
    assert.equal(rows.at(-1)?.['Arguments'].startsWith('Error'), false, 'the good packet is not flagged');
    const at = rows.findIndex((row) => row['Type'] === 'EVENT' && row['Arguments'].startsWith('Error'));
    await act(() => {
      const row = allByRole(grid, 'row').slice(1)[at];
      row.dispatchEvent(new (dom.window.MouseEvent as unknown as typeof MouseEvent)('mousedown', { bubbles: true }));
    });
    const details = byRole(dom.root, 'complementary', 'Packet details');
    assert.match(details.textContent, /invalid payload: not JSON/);
    await act(() => byRole(details, 'tab', 'Raw').click());
    assert.ok(byRole(dom.root, 'complementary', 'Packet details').textContent.includes(CUT.slice(1)));
  });

  it('are what the Errors chip shows', () => {
    const stores = decodedStores(records);
    stores.filters.chips.value = new Set(['errors']);
    const shown = applyFilters(stores.timeline.entries, stores.filters);
    assert.deepEqual(
      shown.map((entry) => (entry.kind === 'packet' ? [entry.packet.raw, entry.packet.errorKind] : [])),
      [
        [CUT, 'bad-packet'],
        [TRAILING, 'bad-packet'],
      ],
    );
  });

  it('are exported flagged, with their raw text', () => {
    const stores = decodedStores(records);
    const text = exportCapture(stores.capture.rows, new Date(0)).join('');
    const packets = (JSON.parse(text) as { packets: { raw: string; error?: string; errorKind?: string }[] }).packets;
    const flagged = packets.filter((packet) => packet.error !== undefined);
    assert.deepEqual(
      flagged.map((packet) => [packet.raw, packet.errorKind]),
      [
        [CUT, 'bad-packet'],
        [TRAILING, 'bad-packet'],
      ],
    );
    for (const packet of flagged) assert.match(packet.error ?? '', NOT_JSON);
  });

  it('are the parse error the Problems view gives as the reason a session ended', () => {
    const capture = syntheticCapture();
    capture.ws('w', 'received', openPacket('a', { upgrades: [] }), 0);
    capture.ws('w', 'sent', '40', 1);
    capture.ws('w', 'received', '40{"sid":"b"}', 2);
    capture.ws('w', 'received', CUT, 10);
    capture.close('w', 1005, 11);
    const [problem] = ofRule(diagnose(capture.rows()).list, 'disconnect');
    assert.equal(problem?.title, 'Disconnected: "parse error"');
    assert.match(problem.detail, /cannot decode \(invalid payload: not JSON \(/);
  });

  it('are checked by the Problems rules only when a session ends, the few received last', () => {
    const capture = syntheticCapture();
    capture.ws('w', 'received', openPacket('a', { upgrades: [] }), 0);
    capture.ws('w', 'sent', '40', 1);
    capture.ws('w', 'received', '40{"sid":"b"}', 2);
    for (let i = 0; i < 20; i++) capture.ws('w', i % 2 ? 'sent' : 'received', `42["chat",{"n":${i}}]`, 3 + i);
    const live = diagnose(capture.rows());
    const events = live.timeline.entries.flatMap((entry) =>
      entry.kind === 'packet' && entry.packet.event === 'chat' ? [entry.packet] : [],
    );
    assert.equal(events.length, 20);
    assert.ok(
      events.every((packet) => packet.argsUnchecked),
      'the rules took 20 events in without checking them',
    );
    // A packet the client cannot parse, then more in the same body or batch, then the end: still the reason.
    capture.ws('w', 'received', CUT, 30);
    capture.ws('w', 'received', '42["chat",{"n":"after"}]', 30);
    capture.close('w', 1005, 31);
    const [problem] = ofRule(diagnose(capture.rows()).list, 'disconnect');
    assert.equal(problem?.title, 'Disconnected: "parse error"');
  });
});
