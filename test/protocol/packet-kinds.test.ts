// A packet's kinds (direction, transport, layer, types, parser) and its error flag, packed in one number: each reads
// back as set, independently of the others, and a value outside its kind is refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Packet } from '../../src/protocol/packet.ts';

const KINDS = {
  direction: ['sent', 'received'],
  transport: ['websocket', 'polling', 'webtransport'],
  layer: ['socket.io', 'engine.io', 'websocket', 'http'],
  eioType: [undefined, 'open', 'close', 'ping', 'pong', 'message', 'upgrade', 'noop'],
  sioType: [undefined, 'CONNECT', 'DISCONNECT', 'EVENT', 'ACK', 'CONNECT_ERROR', 'BINARY_EVENT', 'BINARY_ACK', 'ERROR'],
  parser: [undefined, 'default', 'msgpack'],
} as const;
type Kind = keyof typeof KINDS;
const names = Object.keys(KINDS) as Kind[];

const kindsOf = (packet: Packet) => names.map((name) => packet[name]);

test('each kind reads back as set, the others unchanged', () => {
  const packet = new Packet(0, 'received', 'polling', 5, 'engine.io', 10, '2');
  assert.deepEqual(kindsOf(packet), ['received', 'polling', 'engine.io', undefined, undefined, undefined]);
  for (const name of names) {
    for (const value of KINDS[name]) {
      const before = kindsOf(packet);
      (packet as unknown as Record<Kind, unknown>)[name] = value;
      const expected = before.slice();
      expected[names.indexOf(name)] = value;
      assert.deepEqual(kindsOf(packet), expected, `${name} = ${String(value)}`);
    }
  }
  assert.equal(packet.error, undefined);
});

test('a value outside its kind is refused, naming it', () => {
  const packet = new Packet(0, 'sent', 'websocket', 0, 'socket.io', 0, '');
  assert.throws(
    () => ((packet as unknown as { eioType: string }).eioType = 'pong2'),
    /pong2 is not a packet Engine\.IO type/,
  );
  assert.throws(() => ((packet as unknown as { direction: string }).direction = 'up'), /up is not a packet direction/);
  assert.deepEqual(kindsOf(packet), ['sent', 'websocket', 'socket.io', undefined, undefined, undefined]);
});

test('an error reads as set until unset, beside its kinds and its kind of error', () => {
  const packet = new Packet(0, 'sent', 'websocket', 0, 'socket.io', 0, '');
  packet.sioType = 'EVENT';
  packet.error = 'invalid JSON';
  packet.errorKind = 'bad-packet';
  assert.deepEqual([packet.error, packet.errorKind, packet.sioType], ['invalid JSON', 'bad-packet', 'EVENT']);
  packet.error = undefined;
  assert.deepEqual([packet.error, packet.errorKind, packet.sioType], [undefined, 'bad-packet', 'EVENT']);
  packet.error = '';
  assert.equal(packet.error, '');
});
