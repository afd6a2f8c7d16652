import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MESSAGE_PROTOCOL_VERSION, type PageRecord } from '../../src/messages';
import { parsePageMessage, readBatchHead } from '../../src/page-batch';
import {
  base64PayloadJson,
  batchHead,
  batchTail,
  closeRecord,
  connectionFields,
  errorRecord,
  frameRecord,
  openRecord,
  textPayloadJson,
  unrecordedRecord,
} from '../../src/page/serialize';

const url = 'ws://127.0.0.1/socket.io/?EIO=4&transport=websocket';

/** The records the hook writes for one connection, each next to the record the panel must read from it. */
function written(): [string, PageRecord][] {
  const connection = connectionFields('ws"1', 'websocket', url);
  const { fields } = connection;
  const base = { connection: 'ws"1', transport: 'websocket' as const };
  const text = '42["chat","quote \\" line\nbreak \u2028 €"]';
  return [
    [openRecord(fields, 1.5), { kind: 'open', ...base, url, time: 1.5 }],
    [
      frameRecord(connection, 'received', textPayloadJson(text, 99, true), 2, false),
      { kind: 'frame', ...base, url, direction: 'received', payload: { text, size: 99, truncated: true }, time: 2 },
    ],
    [
      frameRecord(connection, 'received', textPayloadJson(text, text.length, false), 2.5, false),
      {
        kind: 'frame',
        ...base,
        url,
        direction: 'received',
        payload: { text, size: text.length, truncated: false },
        time: 2.5,
      },
    ],
    [
      frameRecord(connection, 'sent', base64PayloadJson('AAEC', 3, false), 3, true, 'POST', 200),
      {
        kind: 'frame',
        ...base,
        url,
        direction: 'sent',
        payload: { base64: 'AAEC', size: 3, truncated: false },
        time: 3,
        method: 'POST',
        status: 200,
        injected: true,
      },
    ],
    [
      closeRecord(fields, 1006, 'gone', false, 4),
      { kind: 'close', ...base, code: 1006, reason: 'gone', wasClean: false, time: 4 },
    ],
    [errorRecord(fields, 'WebSocket error', 5), { kind: 'error', ...base, message: 'WebSocket error', time: 5 }],
    [unrecordedRecord(fields, 7, 70, 6), { kind: 'unrecorded', ...base, count: 7, size: 70, time: 6 }],
  ];
}

function batch(records: string[]): string {
  const { described } = connectionFields('ws"1', 'websocket', url);
  const head = batchHead(MESSAGE_PROTOCOL_VERSION, records.length, 3, true, 1.5, '{"xhr":1}');
  return `${head}${records.join(',')}${batchTail(described)}`;
}

describe('hook serializer', () => {
  it('writes a frame without HTTP fields or marks as a tuple, its text whole as a string', () => {
    const connection = connectionFields('ws"1', 'websocket', url);
    const payload = textPayloadJson('42["a"]', 7, false);
    assert.equal(frameRecord(connection, 'sent', payload, 2.5, false), '["s","ws\\"1","42[\\"a\\"]",2.5]');
    assert.equal(frameRecord(connection, 'received', payload, 3, false).slice(0, 5), '["r",');
    assert.ok(frameRecord(connection, 'sent', payload, 2.5, true).startsWith('{"kind":"frame"'), 'injected');
  });

  it('writes every kind of record as the relay reads it, the batch head included', () => {
    const pairs = written();
    const text = batch(pairs.map(([record]) => record));
    assert.deepEqual(parsePageMessage(text), { records: pairs.map(([, record]) => record), dropped: 0 });
    assert.deepEqual(readBatchHead(text), {
      count: pairs.length,
      frames: 3,
      head: true,
      time: 1.5,
      errors: { xhr: 1 },
    });
  });

  describe('with toJSON on Object.prototype and Array.prototype, and JSON.stringify replaced', () => {
    const stringify = JSON.stringify;
    before(() => {
      for (const prototype of [Object.prototype, Array.prototype]) {
        Object.defineProperty(prototype, 'toJSON', { configurable: true, writable: true, value: () => 'rewritten' });
      }
      JSON.stringify = () => 'replaced';
    });
    after(() => {
      JSON.stringify = stringify;
      delete (Object.prototype as { toJSON?: unknown }).toJSON;
      delete (Array.prototype as { toJSON?: unknown }).toJSON;
    });

    it('writes the same text: no toJSON is consulted, and the JSON.stringify saved at install is used', () => {
      const patched = written().map(([record]) => record);
      JSON.stringify = stringify;
      delete (Object.prototype as { toJSON?: unknown }).toJSON;
      delete (Array.prototype as { toJSON?: unknown }).toJSON;
      assert.deepEqual(
        patched,
        written().map(([record]) => record),
      );
    });
  });
});
