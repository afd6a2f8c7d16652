import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { signal } from '@preact/signals';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { MESSAGE_PROTOCOL_VERSION, type HeldPacket, type PanelToBackground } from '../../src/messages';
import { InterceptPanel } from '../../src/panel/intercept/InterceptPanel';
import { createInterceptStore, toWireBreakpoint } from '../../src/panel/intercept/store';
import { createMemoryBridge } from '../../src/panel/memory-bridge';
import { createMemoryRulesStorage, createRulesStore } from '../../src/panel/intercept/rules-store';
import { useDom, actOn } from './dom';
import { allByRole, byRole, queryByRole } from './queries';

const version = MESSAGE_PROTOCOL_VERSION;
const dom = useDom();
const V4 = 'ws://127.0.0.1/socket.io/?EIO=4&transport=websocket&sid=a';
const V3 = 'ws://127.0.0.1/socket.io/?EIO=3&transport=websocket&sid=a';

const held = (hold: string, text: string, url = V4, base64: string[] = []): HeldPacket => ({
  hold,
  connection: 'ws1',
  url,
  direction: 'sent',
  frames: [
    { text, size: text.length, truncated: false },
    ...base64.map((data) => ({ base64: data, size: 3, truncated: false })),
  ],
  time: Date.now(),
});

async function renderPanel() {
  const memory = createMemoryBridge();
  const rules = createRulesStore(createMemoryRulesStorage(), signal('http://127.0.0.1'));
  const store = createInterceptStore(7, memory.bridge, rules);
  const stop = store.listen();
  await act(() => render(h(InterceptPanel, { store }), dom.root));
  const news = (list: HeldPacket[], released: string[] = []) =>
    actOn(() =>
      memory.deliver({ type: 'intercept', version, tabId: 7, frameId: 3, documentId: 'doc', held: list, released }),
    );
  return { ...memory, store, stop, news };
}

async function type(label: string, value: string) {
  const field = byRole(dom.root, label === 'Paused arguments' ? 'textbox' : 'textbox', label) as HTMLInputElement;
  await act(() => {
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

const press = (name: string) => act(() => byRole(dom.root, 'button', name).click());
const commands = (sent: PanelToBackground[]) => sent.filter((message) => message.type === 'command');

describe('intercept panel', () => {
  it('turns "Break on" into what the hook matches: an event name, or a /regex/ over the wire text', () => {
    assert.deepEqual(toWireBreakpoint({ on: ' chat message ', direction: 'sent' }), {
      ok: true,
      wire: { direction: 'sent', eventJson: '"chat message"', types: [2, 5] },
    });
    assert.deepEqual(toWireBreakpoint({ on: '/sec(ret/', direction: 'both' }).ok, false);
    assert.deepEqual(toWireBreakpoint({ on: '/secret/', direction: 'received' }), {
      ok: true,
      wire: { direction: 'received', pattern: 'secret' },
    });
    assert.equal(toWireBreakpoint({ on: '  ', direction: 'both' }).ok, false);
    assert.deepEqual(toWireBreakpoint({ on: '', direction: 'both', namespace: '/admin', type: 'ACK' }), {
      ok: true,
      wire: { direction: 'both', namespace: '/admin', types: [3, 6] },
    });
    assert.deepEqual(toWireBreakpoint({ on: '/x/', direction: 'sent', type: 'CONNECT' }), {
      ok: true,
      wire: { direction: 'sent', pattern: 'x', types: [0] },
    });
    assert.match(toWireBreakpoint({ on: 'a', direction: 'both', type: 'ACK' }).ok ? '' : 'refused', /refused/);
    assert.match(
      (toWireBreakpoint({ on: '', direction: 'both', namespace: 'admin' }) as { error: string }).error,
      /starts with \//,
    );
  });

  it('breaks on a packet type in a namespace, from the Breakpoints region', async () => {
    const { sent, stop } = await renderPanel();
    const region = byRole(dom.root, 'region', 'Breakpoints');
    await type('Break namespace', '/admin');
    const select = byRole(region, 'combobox', 'Break type') as HTMLSelectElement;
    assert.deepEqual(
      Array.from(select.options, (option) => option.textContent),
      ['Any', 'EVENT', 'ACK', 'CONNECT', 'DISCONNECT', 'CONNECT_ERROR'],
    );
    await act(() => {
      select.value = 'ACK';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await press('Add breakpoint');
    assert.deepEqual(sent.at(-1), {
      type: 'intercept',
      version,
      tabId: 7,
      breakpoints: [{ direction: 'both', namespace: '/admin', types: [3, 6] }],
    });
    assert.ok(byRole(region, 'button', 'Remove breakpoint: ACK /admin'));
    stop();
  });

  it('adds breakpoints from the Breakpoints region, sends them for the tab, again for each new document', async () => {
    const { sent, deliver, stop } = await renderPanel();
    const region = byRole(dom.root, 'region', 'Breakpoints');
    const select = byRole(region, 'combobox', 'Break direction') as HTMLSelectElement;
    assert.deepEqual(
      Array.from(select.options, (option) => option.textContent),
      ['Sent', 'Received', 'Both'],
    );
    await press('Add breakpoint');
    assert.match(byRole(region, 'alert').textContent ?? '', /Name an event/);
    assert.equal(sent.length, 0, 'nothing sent for an empty breakpoint');
    await type('Break on', 'note');
    await act(() => {
      select.value = 'sent';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await press('Add breakpoint');
    const wire = [{ direction: 'sent', eventJson: '"note"', types: [2, 5] }];
    assert.deepEqual(sent, [{ type: 'intercept', version, tabId: 7, breakpoints: wire }]);
    assert.equal(queryByRole(region, 'alert'), undefined);
    assert.match(byRole(region, 'listitem').textContent ?? '', /↑ note/);
    await actOn(() => deliver({ type: 'document', version, tabId: 7, frameId: 0, document: {} as never }));
    assert.deepEqual(sent.at(-1), { type: 'intercept', version, tabId: 7, breakpoints: wire });
    await press('Remove breakpoint: note');
    assert.deepEqual(sent.at(-1), { type: 'intercept', version, tabId: 7, breakpoints: [] });
    stop();
  });

  it('shows the oldest held packet with its arguments, forwards it edited (re-encoded), as it was, or drops it', async () => {
    const { sent, news, stop } = await renderPanel();
    await news([
      held('h1', '42["note","original",1]'),
      held('h2', '42/admin,5["note",{"a":1}]'),
      held('h3', '43["x"]'),
    ]);
    const paused = byRole(dom.root, 'region', 'Paused packets');
    assert.equal(byRole(paused, 'status').textContent, '3 packets held');
    assert.equal((byRole(paused, 'textbox', 'Paused arguments') as HTMLTextAreaElement).value, '["original",1]');
    await type('Paused arguments', '["edited ✓"');
    await press('Forward');
    assert.match(byRole(dom.root, 'alert').textContent ?? '', /Not JSON/);
    assert.equal(commands(sent).length, 0, 'nothing released while the arguments do not parse');
    await type('Paused arguments', '["edited ✓", 2]');
    await press('Forward');
    const frames = [{ text: '42["note","edited ✓",2]' }];
    const release = { type: 'command', version, tabId: 7, frameId: 3, documentId: 'doc' };
    assert.deepEqual(commands(sent), [
      { ...release, command: { action: 'release', hold: 'h1', verdict: 'forward', mark: 'edited', frames } },
    ]);
    assert.equal(byRole(paused, 'status').textContent, '2 packets held');
    assert.equal((byRole(paused, 'textbox', 'Paused arguments') as HTMLTextAreaElement).value, '[{"a":1}]');
    await press('Forward');
    assert.deepEqual(commands(sent).at(-1), {
      ...release,
      command: { action: 'release', hold: 'h2', verdict: 'forward', mark: 'forwarded' },
    });
    await press('Drop');
    assert.deepEqual(commands(sent).at(-1), {
      ...release,
      command: { action: 'release', hold: 'h3', verdict: 'drop', mark: 'dropped' },
    });
    assert.equal(queryByRole(dom.root, 'region', 'Paused packets'), undefined);
    const marks = allByRole(byRole(dom.root, 'region', 'Intercepted'), 'listitem').map((item) => item.textContent);
    assert.equal(marks.length, 3);
    assert.match(marks[0] ?? '', /^↑ ACK: dropped, held 0\.\d s$/);
    assert.match(marks[1] ?? '', /^↑ EVENT \/admin note: forwarded, held/);
    assert.match(marks[2] ?? '', /^↑ EVENT note: edited, held .* \(was \["original",1\], sent \["edited ✓", 2\]\)$/);
    stop();
  });

  it('edits binary arguments as {"$binary"} and encodes them for Engine.IO v3 (attachments with their type byte)', async () => {
    const { sent, news, stop } = await renderPanel();
    // EIO 3 binary frames start with the message type byte 4: AQID = 01 02 03 is read as 02 03.
    await news([held('h1', '451-["file",{"_placeholder":true,"num":0}]', V3, ['BAID'])]);
    assert.equal(
      (byRole(dom.root, 'textbox', 'Paused arguments') as HTMLTextAreaElement).value,
      '[{"$binary":"AgM="}]',
    );
    await type('Paused arguments', '[{"$binary": "CQk="}]');
    await press('Forward');
    const command = commands(sent)[0];
    assert.ok(command.type === 'command' && command.command.action === 'release');
    assert.deepEqual(command.command.frames, [
      { text: '451-["file",{"_placeholder":true,"num":0}]' },
      { base64: 'BAkJ' },
    ]);
    stop();
  });

  it('forwards all in order; lets go what the hook released itself; a reconnect clears breakpoints and holds', async () => {
    const { sent, news, reconnect, store, stop } = await renderPanel();
    await news([held('h1', '42["a"]'), held('h2', '42["b"]'), held('h3', '42["c"]')]);
    await news([], ['h2']);
    assert.equal(byRole(byRole(dom.root, 'region', 'Paused packets'), 'status').textContent, '2 packets held');
    await press('Forward all');
    assert.deepEqual(
      commands(sent).map(
        (message) => message.type === 'command' && message.command.action === 'release' && message.command.hold,
      ),
      ['h1', 'h3'],
    );
    await type('Break on', '/x/');
    await press('Add breakpoint');
    await news([held('h4', '42["d"]')]);
    await act(() => reconnect());
    assert.deepEqual(store.breakpoints.value, []);
    assert.equal(queryByRole(dom.root, 'region', 'Paused packets'), undefined);
    stop();
  });
});
