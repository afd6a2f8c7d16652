import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPanelStores } from '../../src/panel/store';
import { applyFilters, type TypeChip } from '../../src/panel/store/filters';
import { parseTextFilter } from '../../src/panel/store/text-filter';
import type { TimelineEntry } from '../../src/panel/store/timeline';
import { decodedStores, OPEN, wsFrame } from './records';

/** A session with the main namespace and /admin, acks, pings, a big payload and a malformed packet. */
function capture() {
  const texts: ['sent' | 'received', string][] = [
    ['received', OPEN],
    ['sent', '40'],
    ['received', '40{"sid":"main-socket"}'],
    ['sent', '40/admin,'],
    ['received', '40/admin,{"sid":"admin-socket"}'],
    ['sent', '427["chat message","hi"]'],
    ['received', '437["ok"]'],
    ['sent', `42/admin,["kick",{"user":"bob","why":"${'x'.repeat(2000)}"}]`],
    ['received', '2'],
    ['sent', '3'],
    ['received', '42["chat message","hello world"]'],
    ['received', '42["typing"]'],
    ['received', '42{broken'],
  ];
  return decodedStores(texts.map(([direction, text], seq) => wsFrame(seq, direction, text)));
}

/** Each shown packet as `type name`. */
const rows = (entries: readonly TimelineEntry[]) =>
  entries.map((entry) =>
    entry.kind === 'marker'
      ? entry.text
      : `${entry.packet.sioType ?? entry.packet.eioType} ${entry.packet.event ?? entry.packet.ackIdDigits ?? ''}`.trim(),
  );

function shown(setup: (stores: ReturnType<typeof createPanelStores>) => void): string[] {
  const stores = capture();
  setup(stores);
  return rows(applyFilters(stores.timeline.entries, stores.filters));
}

const chips =
  (...list: TypeChip[]) =>
  (stores: ReturnType<typeof createPanelStores>) =>
    void (stores.filters.chips.value = new Set(list));
const text =
  (value: string, invert = false) =>
  (stores: ReturnType<typeof createPanelStores>) => {
    stores.filters.text.value = value;
    stores.filters.invert.value = invert;
  };

describe('the filters', () => {
  it('type chips: Sent and Received leave control packets out, Control is ping/pong, Errors the flagged', () => {
    assert.deepEqual(shown(chips('sent')), ['CONNECT', 'CONNECT', 'EVENT chat message', 'EVENT kick']);
    assert.deepEqual(shown(chips('control')), ['ping', 'pong']);
    assert.deepEqual(shown(chips('errors')), ['EVENT']);
    assert.deepEqual(shown(chips('sent', 'errors')), [
      'CONNECT',
      'CONNECT',
      'EVENT chat message',
      'EVENT kick',
      'EVENT',
    ]);
    assert.equal(shown(chips('sent', 'received', 'control')).length, 13, 'the three kinds together are All');
  });

  it('field filters: event, nsp, sid, type, dir, ack, size, with wildcards, quotes and negation', () => {
    assert.deepEqual(shown(text('event:"chat message"')), ['EVENT chat message', 'EVENT chat message']);
    assert.deepEqual(shown(text('event:chat*')), ['EVENT chat message', 'EVENT chat message']);
    assert.deepEqual(shown(text('nsp:/admin')), ['CONNECT', 'CONNECT', 'EVENT kick']);
    assert.deepEqual(shown(text('nsp:/admin -type:connect')), ['EVENT kick']);
    assert.deepEqual(shown(text('type:ack')), ['ACK 7']);
    assert.deepEqual(shown(text('ack:7')), ['EVENT chat message', 'ACK 7']);
    assert.deepEqual(shown(text('dir:sent type:EVENT')), ['EVENT chat message', 'EVENT kick']);
    assert.deepEqual(shown(text('size>1k')), ['EVENT kick']);
    assert.deepEqual(shown(text('size<2 -dir:sent')), ['ping']);
    assert.deepEqual(shown(text('sid:abc event:typing')), ['EVENT typing'], 'sid: is the Engine.IO sid');
    assert.deepEqual(shown(text('sid:s1 world')), ['EVENT chat message'], 'or the session, with text beside');
    assert.deepEqual(shown(text('event:chat* /wor.d/')), ['EVENT chat message'], 'and a regex beside');
  });

  it('keep the text and regex syntax, and say what is not valid', () => {
    assert.deepEqual(shown(text('HELLO')), ['EVENT chat message']);
    assert.deepEqual(shown(text('Chat Message')), ['EVENT chat message', 'EVENT chat message'], 'any case');
    assert.deepEqual(shown(text('"hi"]')), ['EVENT chat message'], 'punctuation, no letters: as written');
    assert.deepEqual(shown(text('[.*]')), [], 'regex characters in plain text are plain');
    assert.deepEqual(shown(text('/ok|typ/')), ['ACK 7', 'EVENT typing', 'EVENT'], '42{br-ok-en matches too');
    assert.deepEqual(shown(text('/event:x/')), [], 'a whole /regex/ is a regex, field names and all');
    assert.deepEqual(shown(text('unknown:field')), [], 'an unknown field is text');
    assert.deepEqual(parseTextFilter('dir:up x')?.errors, ['dir:up is not dir:sent or dir:received']);
    assert.deepEqual(parseTextFilter('/(/')?.errors.length, 1);
    assert.equal(parseTextFilter('   '), undefined);
  });

  it('Invert shows what the text filter leaves out; the chips still apply', () => {
    assert.deepEqual(shown(text('chat', true)), [
      'open',
      'CONNECT',
      'CONNECT',
      'CONNECT',
      'CONNECT',
      'ACK 7',
      'EVENT kick',
      'ping',
      'pong',
      'EVENT typing',
      'EVENT',
    ]);
    assert.deepEqual(
      shown((stores) => {
        text('chat', true)(stores);
        chips('sent')(stores);
      }),
      ['CONNECT', 'CONNECT', 'EVENT kick'],
    );
    assert.equal(shown(text('', true)).length, 13, 'Invert without text hides nothing');
  });

  it('namespace and event quick filters narrow to one value', () => {
    assert.deepEqual(
      shown((stores) => (stores.filters.namespace.value = '/admin')),
      ['CONNECT', 'CONNECT', 'EVENT kick'],
    );
    assert.deepEqual(
      shown((stores) => (stores.filters.event.value = 'typing')),
      ['EVENT typing'],
    );
  });
});
