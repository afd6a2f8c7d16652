import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { Timeline } from '../../src/panel/components/Timeline';
import {
  COLUMNS,
  COLUMNS_STORAGE_KEY,
  createColumnStore,
  columnRules,
  MAX_COLUMN_WIDTH,
  MIN_COLUMN_WIDTH,
  parseColumnSettings,
  type SettingsStorage,
} from '../../src/panel/store/columns';
import { useDom } from './dom';
import { accessibleName, allByRole, byRole, queryByRole } from './queries';

const dom = useDom();

/** A localStorage stand-in: what one panel writes, the next one reads. */
function memoryStorage(): SettingsStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

const headers = () => allByRole(dom.root, 'columnheader').map(accessibleName);

async function renderHeader(columns: ReturnType<typeof createColumnStore>) {
  const shown = { entries: [], total: 0, origin: undefined };
  await act(() => render(h(Timeline, { shown, selected: undefined, columns, onSelect: () => undefined }), dom.root));
}

function key(target: Element, init: KeyboardEventInit) {
  const KeyboardEvent = dom.window.KeyboardEvent as unknown as typeof globalThis.KeyboardEvent;
  target.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, ...init }));
}

describe('the Packets table columns', () => {
  it('show every column of the issue, Transport and RTT hidden at first, in table order', () => {
    const columns = createColumnStore(memoryStorage());
    assert.deepEqual(
      COLUMNS.map((column) => column.title),
      ['Time', 'Delta', 'Direction', 'Session', 'Transport', 'Type', 'Namespace', 'Event', 'Arguments', 'Size', 'RTT'],
    );
    assert.deepEqual(
      columns.shown.value.map((column) => column.title),
      ['Time', 'Delta', 'Direction', 'Session', 'Type', 'Namespace', 'Event', 'Arguments', 'Size'],
    );
    columns.toggle('rtt');
    columns.toggle('delta');
    assert.deepEqual(
      columns.shown.value.map((column) => column.id),
      ['time', 'direction', 'session', 'type', 'namespace', 'event', 'arguments', 'size', 'rtt'],
      'a column shown again takes its place in the table order',
    );
  });

  it('keep the last column shown, and widths within their bounds', () => {
    const columns = createColumnStore(memoryStorage());
    for (const column of columns.shown.value) columns.toggle(column.id);
    assert.deepEqual(
      columns.shown.value.map((column) => column.id),
      ['size'],
      'the last shown column stays',
    );
    columns.resize('size', 1);
    assert.equal(columns.widthOf('size'), MIN_COLUMN_WIDTH);
    columns.resize('size', 1e9);
    assert.equal(columns.widthOf('size'), MAX_COLUMN_WIDTH);
  });

  it('are remembered in storage, and read back by the next panel; bad settings fall back to the defaults', () => {
    const storage = memoryStorage();
    const first = createColumnStore(storage);
    first.toggle('transport');
    first.resize('event', 222.4);
    first.setTimeMode('relative');
    const next = createColumnStore(storage);
    assert.ok(next.shown.value.some((column) => column.id === 'transport'));
    assert.equal(next.widthOf('event'), 222);
    assert.equal(next.settings.value.time, 'relative');
    next.reset();
    assert.deepEqual(createColumnStore(storage).settings.value, parseColumnSettings(null));

    const defaults = parseColumnSettings(null);
    for (const text of ['not json', '[]', '{"shown":["nope"],"widths":{"time":"wide","nope":3},"time":"later"}'])
      assert.deepEqual(parseColumnSettings(text), defaults, text);
    const refusing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    const columns = createColumnStore(refusing);
    columns.toggle('rtt');
    assert.ok(
      columns.shown.value.some((column) => column.id === 'rtt'),
      'works without storage',
    );
  });

  it('give each shown column a rule of its width, the Arguments column taking the width left', () => {
    assert.equal(
      columnRules('.table', [
        { id: 'time', width: 90 },
        { id: 'arguments', width: 80 },
        { id: 'size', width: 50 },
      ]),
      [
        '.table .cell.time { width: 90px }',
        '.table .cell.arguments { width: 80px; flex-grow: 1 }',
        '.table .cell.size { width: 50px }',
      ].join('\n'),
    );
  });

  it('render column headers with resizers that the keyboard moves, and a context menu that chooses', async () => {
    const storage = memoryStorage();
    const columns = createColumnStore(storage);
    await renderHeader(columns);
    assert.deepEqual(headers(), [
      'Time',
      'Delta',
      'Direction',
      'Session',
      'Type',
      'Namespace',
      'Event',
      'Arguments',
      'Size',
    ]);

    const resizer = byRole(dom.root, 'separator', 'Resize Event');
    assert.equal(resizer.getAttribute('aria-valuenow'), '100');
    await act(() => key(resizer, { key: 'ArrowRight' }));
    await act(() => key(byRole(dom.root, 'separator', 'Resize Event'), { key: 'ArrowRight', shiftKey: true }));
    assert.equal(byRole(dom.root, 'separator', 'Resize Event').getAttribute('aria-valuenow'), '140');
    assert.match(dom.root.querySelector('style')?.textContent ?? '', /\.timeline \.cell\.event \{ width: 140px \}/);

    // Shift+F10 on a header's resizer opens the menu, focused on its first item.
    await act(() => key(byRole(dom.root, 'separator', 'Resize Time'), { key: 'F10', shiftKey: true }));
    const menu = byRole(dom.root, 'menu', 'Columns');
    assert.equal(dom.window.document.activeElement, byRole(menu, 'menuitemcheckbox', 'Time'));
    assert.equal(byRole(menu, 'menuitemcheckbox', 'RTT').getAttribute('aria-checked'), 'false');
    await act(() => key(menu, { key: 'End' }));
    assert.equal(accessibleName(dom.window.document.activeElement as unknown as Element), 'Reset columns');
    await act(() => byRole(menu, 'menuitemcheckbox', 'RTT').click());
    assert.equal(queryByRole(dom.root, 'menu'), undefined, 'picking closes the menu');
    assert.equal(headers().at(-1), 'RTT');

    // A right click opens it too; Escape closes it.
    const MouseEvent = dom.window.MouseEvent as unknown as typeof globalThis.MouseEvent;
    await act(() => {
      byRole(dom.root, 'columnheader', 'Delta').dispatchEvent(new MouseEvent('contextmenu', { bubbles: true }));
    });
    await act(() => byRole(dom.root, 'menuitemcheckbox', 'Delta').click());
    assert.ok(!headers().includes('Delta'));
    await act(() => {
      byRole(dom.root, 'columnheader', 'Time').dispatchEvent(new MouseEvent('contextmenu', { bubbles: true }));
    });
    await act(() => byRole(dom.root, 'menuitemradio', 'Time since first packet').click());
    assert.equal(columns.settings.value.time, 'relative');
    await act(() => {
      byRole(dom.root, 'columnheader', 'Time').dispatchEvent(new MouseEvent('contextmenu', { bubbles: true }));
    });
    await act(() => key(byRole(dom.root, 'menu', 'Columns'), { key: 'Escape' }));
    assert.equal(queryByRole(dom.root, 'menu'), undefined);

    const saved = JSON.parse(storage.items.get(COLUMNS_STORAGE_KEY)!) as { widths: Record<string, number> };
    assert.equal(saved.widths['event'], 140, 'the width is remembered');
  });
});
