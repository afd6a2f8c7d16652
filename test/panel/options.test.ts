import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { formFromSettings, readForm } from '../../src/options/form';
import { OptionsPage } from '../../src/options/OptionsPage';
import { createOptionsStore, type SettingsStorage } from '../../src/options/store';
import { createMemoryHistoryStorage } from '../../src/panel/history';
import { DEFAULT_SETTINGS, validateSettings, type Settings } from '../../src/settings/schema';
import { useDom } from './dom';
import { accessibleName, allByRole, byRole, rowsOf } from './queries';

const MiB = 1024 * 1024;
const dom = useDom();

/** Settings in memory, validated as extension storage validates them. */
function memorySettings(initial: Settings = DEFAULT_SETTINGS): SettingsStorage & { stored: Settings; writes: number } {
  const storage = {
    stored: initial,
    writes: 0,
    read: () => Promise.resolve(storage.stored),
    write: (settings: Settings) => {
      storage.writes++;
      storage.stored = validateSettings(settings);
      return Promise.resolve();
    },
  };
  return storage;
}

const settled = () => act(() => new Promise((resolve) => setImmediate(resolve)));

async function type(name: string, value: string) {
  const field = byRole(dom.root, 'textbox', name) as HTMLInputElement;
  await act(() => {
    field.value = value;
    field.dispatchEvent(new dom.window.Event('input', { bubbles: true }) as unknown as Event);
  });
}

async function press(name: string) {
  await act(() => byRole(dom.root, 'button', name).click());
  await settled();
}

/** A field's error, read as a screen reader does: its description after the hint. */
function describedAs(name: string): string {
  const field = byRole(dom.root, 'textbox', name);
  return (field.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => dom.window.document.getElementById(id)?.textContent ?? '')
    .join(' | ');
}

describe('options page', () => {
  it('reads a form back into settings, or says what is wrong with each field', () => {
    const form = formFromSettings(DEFAULT_SETTINGS);
    assert.deepEqual(form, {
      idleBudget: '16',
      panelMaxPackets: '1000000',
      maxFrame: '4',
      maxFrameUnit: 'MiB',
      sitesMode: 'all',
      origins: '',
      ackTimeout: '10',
      holdFloods: true,
    });
    assert.deepEqual(readForm(form), { ok: true, settings: DEFAULT_SETTINGS });
    const read = readForm({
      ...form,
      idleBudget: '0.5',
      panelMaxPackets: '2,000,000',
      maxFrame: '1.5',
      maxFrameUnit: 'KiB',
      sitesMode: 'listed',
      origins: 'https://Example.com/path\n\nhttp://localhost:3000\nhttps://example.com',
    });
    assert.deepEqual(read, {
      ok: false,
      errors: { idleBudget: 'Enter a number of MiB from 1 to 1,024 MiB' },
    });
    const fixed = readForm({
      ...form,
      ackTimeout: '2.5',
      holdFloods: false,
      panelMaxPackets: '2,000,000',
      maxFrame: '1.5',
      maxFrameUnit: 'KiB',
      sitesMode: 'listed',
      origins: 'https://Example.com/path\n\nhttp://localhost:3000\nhttps://example.com',
    });
    assert.deepEqual(fixed, {
      ok: true,
      settings: {
        idleBudgetBytes: 16 * MiB,
        panelMaxPackets: 2_000_000,
        maxFrameSize: 1536,
        capturedSites: { mode: 'listed', origins: ['https://example.com', 'http://localhost:3000'] },
        ackTimeoutMs: 2_500,
        holdFloods: false,
      },
    });
    const wrong = readForm({
      ...form,
      panelMaxPackets: '999',
      maxFrame: '17',
      ackTimeout: '0.5',
      sitesMode: 'listed',
      origins: 'example.com\nhttps://ok.example\nnot a url',
    });
    assert.deepEqual(wrong, {
      ok: false,
      errors: {
        panelMaxPackets: 'Enter a whole number from 1,000 to 10,000,000',
        maxFrame: 'Enter a size from 1 KiB to 16 MiB',
        ackTimeout: 'Enter a number of seconds from 1 to 600 s',
        origins:
          'Not an origin: line 1 ("example.com"), line 3 ("not a url"). Write one origin per line, such as https://example.com',
      },
    });
    assert.deepEqual(readForm({ ...form, sitesMode: 'listed', origins: ' \n' }), {
      ok: false,
      errors: { origins: 'List at least one origin, such as https://example.com, or capture every site' },
    });
  });

  it('keeps a stored Hold floods that is a boolean, and holds floods when it is not', () => {
    assert.equal(validateSettings({ holdFloods: false }).holdFloods, false);
    assert.equal(validateSettings({ holdFloods: 'no' }).holdFloods, true);
    assert.equal(validateSettings({}).holdFloods, true);
  });

  it('shows the stored settings with labels, units and ranges, and saves what is valid', async () => {
    const storage = memorySettings({ ...DEFAULT_SETTINGS, maxFrameSize: 64 * 1024 });
    const store = createOptionsStore(storage, createMemoryHistoryStorage());
    await act(() => render(h(OptionsPage, { store }), dom.root));
    await settled();
    assert.equal((byRole(dom.root, 'textbox', 'Frame size cap') as HTMLInputElement).value, '64');
    assert.equal((byRole(dom.root, 'combobox', 'Frame size cap unit') as HTMLSelectElement).value, 'KiB');
    assert.equal((byRole(dom.root, 'textbox', 'Maximum packets in the panel') as HTMLInputElement).value, '1000000');
    assert.match(describedAs('Budget before a panel opens'), /from 1 to 1,024 MiB\. Default: 16 MiB/);
    assert.ok(byRole(dom.root, 'radio', 'Every site').matches(':checked'));
    assert.match(dom.root.textContent, /Changes apply to pages loaded after saving/);

    await type('Maximum packets in the panel', 'many');
    await press('Save');
    assert.equal(storage.writes, 0, 'nothing is written while a field is invalid');
    assert.equal(byRole(dom.root, 'status').textContent, 'Not saved: one field needs a fix');
    const packets = byRole(dom.root, 'textbox', 'Maximum packets in the panel');
    assert.equal(packets.getAttribute('aria-invalid'), 'true');
    assert.match(describedAs('Maximum packets in the panel'), /\| Enter a whole number from 1,000 to 10,000,000$/);
    assert.equal(dom.window.document.activeElement, packets, 'the first invalid field gets the focus');

    const hold = byRole(dom.root, 'checkbox', 'Hold floods until they end') as HTMLInputElement;
    assert.ok(hold.checked, 'on by default');
    assert.match(hold.getAttribute('aria-describedby') ?? '', /holdFloods-hint/);
    assert.match(
      dom.window.document.getElementById('holdFloods-hint')?.textContent ?? '',
      /^Above 15,000 records a second \(above 10,000 when reading them slows the page\), the panel holds the records unread .* Default: on\.$/,
    );
    await act(() => hold.click());
    await type('Maximum packets in the panel', '5,000');
    await act(() => byRole(dom.root, 'radio', 'Only the sites listed below').click());
    await type('Listed origins, one per line', 'http://127.0.0.1:3000/chat');
    await press('Save');
    assert.deepEqual(storage.stored, {
      ...DEFAULT_SETTINGS,
      maxFrameSize: 64 * 1024,
      panelMaxPackets: 5_000,
      capturedSites: { mode: 'listed', origins: ['http://127.0.0.1:3000'] },
      holdFloods: false,
    });
    assert.equal(byRole(dom.root, 'status').textContent, 'Saved. Changes apply to pages loaded after saving.');
    assert.equal(packets.getAttribute('aria-invalid'), 'false');
    assert.equal(
      (byRole(dom.root, 'textbox', 'Listed origins, one per line') as HTMLTextAreaElement).value,
      'http://127.0.0.1:3000',
    );

    await press('Restore defaults');
    assert.deepEqual(storage.stored, DEFAULT_SETTINGS);
    assert.equal((byRole(dom.root, 'textbox', 'Maximum packets in the panel') as HTMLInputElement).value, '1000000');
    assert.equal((byRole(dom.root, 'textbox', 'Frame size cap') as HTMLInputElement).value, '4');
    assert.match(byRole(dom.root, 'status').textContent, /^Defaults restored/);
  });

  it('keeps its fields disabled until the stored settings are read, so nothing typed is overwritten', async () => {
    const storage = memorySettings({ ...DEFAULT_SETTINGS, maxFrameSize: 64 * 1024 });
    let finishRead: (settings: Settings) => void = () => undefined;
    storage.read = () => new Promise((resolve) => (finishRead = resolve));
    const store = createOptionsStore(storage, createMemoryHistoryStorage());
    await act(() => render(h(OptionsPage, { store }), dom.root));
    const field = byRole(dom.root, 'textbox', 'Frame size cap') as HTMLInputElement;
    const fields = field.closest('fieldset')!;
    assert.ok(fields.matches(':disabled'), 'the fields wait for the stored settings');
    assert.ok(fields.contains(byRole(dom.root, 'button', 'Save')));
    await act(() => finishRead(storage.stored));
    await settled();
    assert.ok(!fields.matches(':disabled'));
    assert.equal(field.value, '64');
  });

  it('lists the composer histories per page origin, each to clear', async () => {
    const history = createMemoryHistoryStorage();
    const entry = { action: 'emit' as const, namespace: '/', event: 'e', argsText: '[]', ack: false };
    await history.save('https://a.example', [entry, { ...entry, event: 'f' }]);
    await history.save('https://b.example', [entry]);
    const store = createOptionsStore(memorySettings(), history);
    await act(() => render(h(OptionsPage, { store }), dom.root));
    await settled();
    const table = byRole(dom.root, 'table', 'Composer history');
    assert.deepEqual(
      rowsOf(table).map((row) => [row['Origin'], row['Entries']]),
      [
        ['https://a.example', '2'],
        ['https://b.example', '1'],
      ],
    );
    await press('Clear the history of https://a.example');
    assert.deepEqual(history.saved.get('https://a.example'), []);
    assert.deepEqual(allByRole(dom.root, 'rowheader').map(accessibleName), ['https://b.example']);
  });
});
