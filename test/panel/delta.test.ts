import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { Timeline } from '../../src/panel/components/Timeline';
import { deltaMs, deltaText, timeText } from '../../src/panel/row-time';
import { createColumnStore } from '../../src/panel/store/columns';
import { useDom } from './dom';
import { allByRole, byRole, rowsOf } from './queries';
import { decodedStores, OPEN, wsBinary, wsFrame } from './records';

const dom = useDom();

/**
 * A received BINARY_EVENT whose attachment comes 2 ms after its header, after a sent EVENT in between: it completes
 * (and takes its row) after the later EVENT, though it began before it.
 */
function decoded() {
  return decodedStores([
    wsFrame(0, 'received', OPEN),
    wsFrame(1, 'received', '451-["file",{"_placeholder":true,"num":0}]'),
    wsFrame(2, 'sent', '42["typing"]'),
    wsBinary(3, 'received', new Uint8Array([1, 2, 3])),
    wsFrame(9, 'sent', '42["done"]'),
  ]);
}

describe('the Time and Delta columns', () => {
  it('take the delta between completion times in the shown order: never negative', () => {
    const { entries } = decoded().timeline;
    const [open, typing, file, done] = entries;
    assert.deepEqual(
      entries.map((entry) => (entry.kind === 'packet' ? (entry.packet.event ?? entry.packet.eioType) : '')),
      ['open', 'typing', 'file', 'done'],
    );
    assert.equal(file.kind === 'packet' && file.packet.time, 1001, 'the BINARY_EVENT began before "typing"');
    assert.equal(deltaMs(typing, open), 2);
    assert.equal(deltaMs(file, typing), 1, 'not 1001 - 1002 = -1');
    assert.equal(deltaText(file, typing), '+1.0 ms');
    assert.equal(deltaMs(done, file), 6);
    assert.equal(deltaText(open, undefined), '');
    // Shown without the row between, the delta is to the row above in the shown order.
    assert.equal(deltaMs(done, open), 9);
  });

  it('mark in its row a packet that completed after it began, and read relative to the first packet', async () => {
    const stores = decoded();
    const columns = createColumnStore(undefined);
    const shown = stores.shown.value;
    const draw = () =>
      act(() => render(h(Timeline, { shown, selected: undefined, columns, onSelect: () => undefined }), dom.root));
    await draw();
    const grid = byRole(dom.root, 'grid', 'Packets');
    const rows = rowsOf(grid);
    assert.deepEqual(
      rows.map((row) => row['Delta']),
      ['', '+2.0 ms', '+1.0 ms', '+6.0 ms'],
    );
    assert.ok(rows[2]['Time'].startsWith('Completed 2.0 ms after it began '), rows[2]['Time']);
    assert.equal(allByRole(grid, 'img', /^Completed/).length, 1, 'only the late packet is marked');

    await act(() => columns.setTimeMode('relative'));
    await draw();
    assert.deepEqual(
      rowsOf(byRole(dom.root, 'grid', 'Packets')).map((row) => row['Time'].replace(/^Completed .* began /, '')),
      ['0.000 s', '0.002 s', '0.001 s', '0.009 s'],
    );
    assert.equal(timeText(1500, 'relative', 1000), '0.500 s');
  });
});
