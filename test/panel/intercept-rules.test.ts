import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { signal } from '@preact/signals';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { MESSAGE_PROTOCOL_VERSION, type HeldPacket } from '../../src/messages';
import { decodeHeld } from '../../src/intercept/held';
import { InterceptPanel } from '../../src/panel/intercept/InterceptPanel';
import { applyRule, ruleProblem, type Rule } from '../../src/intercept/rules';
import { createMemoryRulesStorage, createRulesStore } from '../../src/panel/intercept/rules-store';
import { createInterceptStore } from '../../src/panel/intercept/store';
import { createMemoryBridge } from '../../src/panel/memory-bridge';
import { useDom, actOn } from './dom';
import { byRole } from './queries';

const version = MESSAGE_PROTOCOL_VERSION;
const dom = useDom();
const URL4 = 'ws://127.0.0.1/socket.io/?EIO=4&transport=websocket&sid=a';
const ORIGIN = 'http://127.0.0.1:3000';

const held = (hold: string, text: string, direction: 'sent' | 'received' = 'sent'): HeldPacket => ({
  hold,
  connection: 'ws1',
  url: URL4,
  direction,
  frames: [{ text, size: text.length, truncated: false }],
  time: 1,
});
const packet = (text: string, direction: 'sent' | 'received' = 'sent') =>
  decodeHeld(held('h1', text, direction), 0, 'd');
const rule = (action: Rule['action'], value = ''): Rule => ({
  on: 'note',
  direction: 'sent',
  action,
  value,
  enabled: true,
});

describe('intercept rules', () => {
  it('say what each action does with a held packet, encoded for its session', () => {
    assert.deepEqual(applyRule(rule('drop'), packet('42["note",1]')), { verdict: 'drop' });
    assert.deepEqual(applyRule(rule('delay', '250'), packet('42["note",1]')), { verdict: 'forward', delayMs: 250 });
    assert.deepEqual(applyRule(rule('replace', '["new"]'), packet('421["note",1]')), {
      verdict: 'forward',
      frames: [{ text: '421["note","new"]' }],
    });
    assert.deepEqual(applyRule(rule('merge', '{"admin":true}'), packet('42/a,["note",{"u":1},2]')), {
      verdict: 'forward',
      frames: [{ text: '42/a,["note",{"u":1,"admin":true},2]' }],
    });
    assert.deepEqual(applyRule(rule('answer-ack', '["yes"]'), packet('427["note","q"]')), {
      verdict: 'drop',
      deliver: [{ text: '437["yes"]' }],
    });
    assert.deepEqual(applyRule(rule('answer-event', '["news",1]'), packet('42["note"]')), {
      verdict: 'drop',
      deliver: [{ text: '42["news",1]' }],
    });
    // Nothing to answer (no ack id, or a received packet): it goes on as it was.
    assert.deepEqual(applyRule(rule('answer-ack', '["yes"]'), packet('42["note","q"]')), { verdict: 'forward' });
    assert.deepEqual(applyRule(rule('answer-event', '["x"]'), packet('42["note"]', 'received')), {
      verdict: 'forward',
    });
  });

  it('refuse values that do not fit their action', () => {
    assert.match(ruleProblem('delay', '-1') ?? '', /0 to 60000/);
    assert.match(ruleProblem('merge', '[1]') ?? '', /JSON object/);
    assert.match(ruleProblem('replace', '{') ?? '', /Not JSON/);
    assert.match(ruleProblem('answer-event', '[1]') ?? '', /Name the event/);
    assert.equal(ruleProblem('answer-ack', '["ok"]'), undefined);
  });

  it('live in the Rules region, saved per origin, switched on and off; an active rule acts on held packets at once', async () => {
    const storage = createMemoryRulesStorage();
    const memory = createMemoryBridge();
    const origin = signal<string | undefined>(ORIGIN);
    const store = createInterceptStore(7, memory.bridge, createRulesStore(storage, origin));
    const stop = store.listen();
    await act(() => render(h(InterceptPanel, { store }), dom.root));
    const region = byRole(dom.root, 'region', 'Rules');
    const setValue = async (label: string, value: string) => {
      const field = byRole(region, label === 'Rule action' ? 'combobox' : 'textbox', label) as HTMLInputElement;
      await act(() => {
        field.value = value;
        field.dispatchEvent(new Event(field.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
      });
    };
    await setValue('Rule on', 'note');
    await setValue('Rule action', 'replace');
    await setValue('Rule value', '["rewritten"]');
    await act(() => byRole(region, 'button', 'Add rule').click());
    assert.deepEqual(storage.saved.get(ORIGIN), [
      { on: 'note', direction: 'sent', action: 'replace', value: '["rewritten"]', enabled: true },
    ]);
    const sent = memory.sent;
    assert.deepEqual(sent.at(-1), {
      type: 'intercept',
      version,
      tabId: 7,
      breakpoints: [{ direction: 'sent', eventJson: '"note"', types: [2, 5] }],
    });
    await actOn(() =>
      memory.deliver({
        type: 'intercept',
        version,
        tabId: 7,
        frameId: 0,
        documentId: 'd',
        held: [held('h9', '42["note",1]')],
        released: [],
      }),
    );
    assert.deepEqual(sent.at(-1), {
      type: 'command',
      version,
      tabId: 7,
      frameId: 0,
      documentId: 'd',
      command: {
        action: 'release',
        hold: 'h9',
        verdict: 'forward',
        mark: 'rewritten',
        frames: [{ text: '42["note","rewritten"]' }],
      },
    });
    assert.equal(store.paused.value.length, 0, 'a ruled packet is never shown paused');
    assert.match(byRole(dom.root, 'region', 'Intercepted').textContent ?? '', /↑ EVENT note: rewritten, held/);
    const toggle = byRole(region, 'checkbox', /Rule on: ↑ note: Replace arguments/) as HTMLInputElement;
    await act(() => toggle.click());
    assert.equal(storage.saved.get(ORIGIN)?.[0].enabled, false);
    assert.deepEqual(sent.at(-1), { type: 'intercept', version, tabId: 7, breakpoints: [] });
    // Another origin has its own rules; coming back loads these again.
    await act(() => {
      origin.value = 'http://elsewhere';
    });
    assert.equal(store.rules.rules.value.length, 0);
    await act(async () => {
      origin.value = ORIGIN;
      await Promise.resolve();
    });
    assert.equal(store.rules.rules.value.length, 1);
    stop();
  });
});
