// The packet type tables (one per layer, wire id ↔ name), the one rule for an Engine.IO URL, the one plain-object
// test, the one rule for base64 that atob reads.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  EioPacketType,
  eioTypeId,
  eioTypeName,
  isCanonicalBase64,
  isEngineIoUrl,
  isPlainObject,
  SioPacketType,
  sioTypeId,
  sioTypeName,
} from '../../src/protocol/index.ts';

test('Engine.IO types: ids 0-6 as engine.io-parser names them, both ways', () => {
  const names = ['open', 'close', 'ping', 'pong', 'message', 'upgrade', 'noop'];
  assert.deepEqual(
    names.map((_, id) => eioTypeName(id)),
    names,
  );
  assert.deepEqual(
    names.map((name) => eioTypeId(name)),
    [0, 1, 2, 3, 4, 5, 6],
  );
  assert.equal(EioPacketType.message, 4);
  for (const id of [-1, 7, 0.5, NaN]) assert.equal(eioTypeName(id), undefined, String(id));
  for (const name of ['toString', '__proto__', '4', 'MESSAGE', '']) assert.equal(eioTypeId(name), undefined, name);
});

test('Socket.IO types: ids 0-6 as socket.io-parser names them, id 4 ERROR in protocol 4', () => {
  const names = ['CONNECT', 'DISCONNECT', 'EVENT', 'ACK', 'CONNECT_ERROR', 'BINARY_EVENT', 'BINARY_ACK'];
  assert.deepEqual(
    names.map((_, id) => sioTypeName(id, 5)),
    names,
  );
  assert.deepEqual(
    names.map((_, id) => sioTypeName(id, 4)),
    names.map((name) => (name === 'CONNECT_ERROR' ? 'ERROR' : name)),
  );
  assert.deepEqual(
    [...names, 'ERROR'].map((name) => sioTypeId(name)),
    [0, 1, 2, 3, 4, 5, 6, 4],
  );
  assert.equal(SioPacketType.BINARY_ACK, 6);
  for (const id of [-1, 7, 1.5]) assert.equal(sioTypeName(id, 5), undefined, String(id));
  for (const name of ['constructor', '__proto__', '2', 'event']) assert.equal(sioTypeId(name), undefined, name);
});

test('an Engine.IO URL names the protocol, or a transport on a default path', () => {
  const yes = [
    'http://h/socket.io/?EIO=4&transport=polling&t=N8hyd6w',
    'ws://h/custom/path/?EIO=3&transport=websocket&sid=abc',
    'http://h/any?EIO=4',
    '/socket.io/?transport=polling',
    'https://h/engine.io/?transport=websocket',
    'https://h/socket.io?transport=webtransport',
    '?EIO=4',
  ];
  const no = [
    'http://h/api?transport=polling',
    'http://h/socket.io/?transport=carrier-pigeon',
    'http://h/socket.io/',
    'http://h/page#?EIO=4',
    'http://h/socket.io.js?v=1',
    'wss://h/feed',
    '',
  ];
  for (const url of yes) assert.equal(isEngineIoUrl(url), true, url);
  for (const url of no) assert.equal(isEngineIoUrl(url), false, url);
});

test('a plain object is an object that is neither an array nor bytes', () => {
  assert.deepEqual(
    [{}, Object.create(null), { a: 1 }, [], Uint8Array.of(1), null, 'x', 1, undefined].map(isPlainObject),
    [true, true, true, false, false, false, false, false, false],
  );
});

test('canonical base64 is what btoa writes, and all of it atob reads', () => {
  const good = ['', 'AQID', 'AQI=', 'AQ==', btoa('any bytes \xff')];
  const bad = ['AAAAA', 'AB=', 'A===', 'AQ ID', 'AQ', '-_-_', 'AQID\n'];
  for (const text of good) assert.equal(isCanonicalBase64(text), true, text);
  for (const text of bad) assert.equal(isCanonicalBase64(text), false, text);
  for (const text of good) assert.doesNotThrow(() => atob(text));
});
