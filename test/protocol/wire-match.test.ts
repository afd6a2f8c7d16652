import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchesWire, readWireHeader, type WireMatcher } from '../../src/protocol/wire-match';

const matches = (matcher: WireMatcher, text: string, direction: 'sent' | 'received' = 'sent') => {
  const header = readWireHeader(text);
  return header !== undefined && matchesWire(matcher, direction, text, header);
};

const note: WireMatcher = { direction: 'both', eventJson: '"note"', types: [2, 5] };

describe('wire matcher', () => {
  it('reads the Socket.IO header of an Engine.IO message frame', () => {
    assert.deepEqual(readWireHeader('42["a"]'), {
      type: 2,
      attachments: 0,
      namespaceStart: 2,
      namespaceEnd: 2,
      dataStart: 2,
    });
    assert.deepEqual(readWireHeader('452-/admin,17["a",{"_placeholder":true,"num":0}]'), {
      type: 5,
      attachments: 2,
      namespaceStart: 4,
      namespaceEnd: 10,
      dataStart: 13,
    });
    assert.equal(readWireHeader('43/admin,9[]')?.dataStart, 10);
  });

  it('never matches Engine.IO control packets or what is not a Socket.IO packet', () => {
    const all: WireMatcher = { direction: 'both', test: () => true };
    for (const text of ['2', '3', '2probe', '3probe', '5', '6', '0{"sid":"x"}', '1', '4', '4hello', '47', '45x', ''])
      assert.equal(matches(all, text), false, text);
  });

  it('matches an event by its name in any namespace, with or without an ack id, not a longer name', () => {
    assert.equal(matches(note, '42["note","x"]'), true);
    assert.equal(matches(note, '42["note"]'), true);
    assert.equal(matches(note, '42/admin,12["note",1]'), true);
    assert.equal(matches(note, '451-["note",{"_placeholder":true,"num":0}]'), true);
    assert.equal(matches(note, '42["notes"]'), false);
    assert.equal(matches(note, '42["other","note"]'), false);
    assert.equal(matches(note, '43["note"]'), false, 'an ACK has no event name');
    const quoted: WireMatcher = { direction: 'both', eventJson: JSON.stringify('say "hi" ✓') };
    assert.equal(matches(quoted, `42[${JSON.stringify('say "hi" ✓')},1]`), true);
  });

  it('matches by direction, namespace, packet type and regular expression', () => {
    assert.equal(matches({ ...note, direction: 'received' }, '42["note"]', 'sent'), false);
    assert.equal(matches({ ...note, direction: 'received' }, '42["note"]', 'received'), true);
    assert.equal(matches({ direction: 'both', namespace: '/' }, '42["x"]'), true);
    assert.equal(matches({ direction: 'both', namespace: '/' }, '42/admin,["x"]'), false);
    assert.equal(matches({ direction: 'both', namespace: '/admin' }, '42/admin,["x"]'), true);
    assert.equal(matches({ direction: 'both', namespace: '/admin' }, '42/administrator,["x"]'), false);
    assert.equal(matches({ direction: 'both', types: [3, 6] }, '43["x"]'), true);
    assert.equal(matches({ direction: 'both', types: [3, 6] }, '42["x"]'), false);
    const secret: WireMatcher = { direction: 'both', test: (text) => /secret/.test(text) };
    assert.equal(matches(secret, '42["x","my secret"]'), true);
    assert.equal(matches(secret, '42["x"]'), false);
  });
});
