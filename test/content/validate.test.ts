import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MESSAGE_PROTOCOL_VERSION, type PageRecord } from '../../src/messages';
import { isBackgroundToContent } from '../../src/content/validate';
import { MAX_PAGE_MESSAGE_CHARS, parsePageMessage, readBatchHead } from '../../src/page-batch';
import { batchHead, batchTail } from '../../src/page/serialize';

const version = MESSAGE_PROTOCOL_VERSION;
const url = 'ws://127.0.0.1/socket.io/?EIO=4&transport=websocket';
const pollingUrl = 'http://127.0.0.1/socket.io/?EIO=4&transport=polling&sid=s';
const frame: PageRecord = {
  kind: 'frame',
  connection: 'ws1',
  transport: 'websocket',
  url,
  direction: 'received',
  time: 1,
  payload: { text: '42["tick",1]', size: 12, truncated: false },
};
/** The frame as the hook writes it. */
const written = { kind: 'frame', connection: 'ws1', direction: 'received', payload: { text: '42["tick",1]' }, time: 1 };
/** The connections the batches below describe: two WebSockets, a polling request, and one described wrongly. */
const connections =
  `"ws1":{"transport":"websocket","url":${JSON.stringify(url)}},"ws2":{"transport":"websocket","url":"ws://x/"},` +
  `"xhr1":{"transport":"polling","url":${JSON.stringify(pollingUrl)}},"bad":{"transport":"carrier pigeon","url":"x"}`;
/** A batch of written records (as JSON, whatever they are), describing `connections`. */
const batch = (records: unknown[], errors = '{}', head = batchHead(version, records.length, 1, false, 1.5, errors)) =>
  `${head}${records.map((record) => JSON.stringify(record)).join(',')}${batchTail(connections)}`;
const malformedMessage = { records: [], dropped: 1 };

describe('relay validation of page messages', () => {
  it('reads each written record of a well-formed batch, completed from its connection', () => {
    const open: PageRecord = { kind: 'open', connection: 'ws1', transport: 'websocket', url, time: 0 };
    const binary: PageRecord = { ...frame, payload: { base64: 'AAEC', size: 3, truncated: false }, injected: true };
    const truncated: PageRecord = { ...frame, payload: { text: '42', size: 9, truncated: true } };
    const polling: PageRecord = {
      ...frame,
      connection: 'xhr1',
      transport: 'polling',
      url: pollingUrl,
      method: 'GET',
      status: 200,
      intercept: { mark: 'edited', heldMs: 5, original: { base64: 'AA==', size: 4, truncated: true } },
    };
    const unrecorded: PageRecord = {
      kind: 'unrecorded',
      connection: 'ws2',
      transport: 'websocket',
      count: 3,
      size: 9,
      time: 2,
    };
    const parsed = parsePageMessage(
      batch([
        { kind: 'open', connection: 'ws1', time: 0 },
        written,
        { ...written, payload: { base64: 'AAEC' }, injected: true },
        { ...written, payload: { text: '42', size: 9 } },
        {
          ...written,
          connection: 'xhr1',
          method: 'GET',
          status: 200,
          intercept: { mark: 'edited', heldMs: 5, original: { base64: 'AA==', size: 4 } },
        },
        { kind: 'unrecorded', connection: 'ws2', count: 3, size: 9, time: 2 },
        ['r', 'ws1', '42["tick",1]', 1],
        ['s', 'ws1', { base64: 'AAEC' }, 1],
      ]),
    );
    const sentBinary: PageRecord = { ...frame, direction: 'sent', payload: binary.payload };
    assert.deepEqual(parsed, {
      records: [open, frame, binary, truncated, polling, unrecorded, frame, sentBinary],
      dropped: 0,
    });
  });

  it('leaves out and counts malformed records, keeping the valid ones of the same batch', () => {
    const malformed = [
      { ...written, kind: 'nope' },
      { ...written, time: 'now' },
      { ...written, payload: { text: 'a', base64: 'AA==' } },
      { ...written, payload: { base64: 'not base64!' } },
      { ...written, payload: { text: 'a', size: -1 } },
      { ...written, connection: 'ws9' },
      { ...written, connection: 'bad' },
      { ...written, connection: 'toString' },
      { ...written, injected: false },
      { ...written, intercept: { mark: 'edited', heldMs: 1, original: { text: 1 } } },
      { kind: 'unrecorded', connection: 'xhr1', count: 1, size: 1, time: 0 },
      { kind: 'unrecorded', connection: 'ws2', count: -1, size: 1, time: 0 },
      null,
      ['r', 'ws1', '42'],
      ['r', 'ws1', '42', 1, true],
      ['received', 'ws1', '42', 1],
      ['r', 1, '42', 1],
      ['r', 'ws9', '42', 1],
      ['r', 'bad', '42', 1],
      ['r', 'ws1', 42, 1],
      ['r', 'ws1', { text: 'a', size: -1 }, 1],
      ['r', 'ws1', '42', null],
    ];
    const parsed = parsePageMessage(batch([written, ...malformed, written]));
    assert.deepEqual(parsed.records, [frame, frame]);
    assert.equal(parsed.dropped, malformed.length);
  });

  it('drops whole messages that are not JSON of a records batch, or too large', () => {
    assert.deepEqual(parsePageMessage('{"type":'), malformedMessage);
    assert.deepEqual(parsePageMessage({ type: 'records' }), malformedMessage);
    assert.deepEqual(
      parsePageMessage(JSON.stringify({ type: 'records', version: version + 1, records: [written] })),
      malformedMessage,
    );
    assert.deepEqual(parsePageMessage(JSON.stringify({ type: 'records', version, records: {} })), malformedMessage);
    assert.deepEqual(parsePageMessage(' '.repeat(MAX_PAGE_MESSAGE_CHARS + 1)), malformedMessage);
  });

  it("reads what a batch declares at its head, the hook's error counts included, and nothing from other text", () => {
    assert.deepEqual(readBatchHead(batch([written, written], '{"websocket":2,"channel":1}')), {
      count: 2,
      frames: 1,
      head: false,
      time: 1.5,
      errors: { websocket: 2, channel: 1 },
    });
    const wrong = [
      batch([written], '{}', batchHead(version + 1, 1, 1, false, 0, '{}')),
      batch([written], '{}', batchHead(version, 0, 0, false, 0, '{}')),
      batch([written], '{}', batchHead(version, 1, 2, false, 0, '{}')),
      batch([written], '{"nope":1}'),
      batch([written], '{"websocket":-1}'),
      batch([written], '{"websocket":1'),
      JSON.stringify({ type: 'records', version, count: 1, records: [written] }),
      `${batch([written])}${' '.repeat(MAX_PAGE_MESSAGE_CHARS)}`,
    ];
    for (const text of wrong) assert.equal(readBatchHead(text), undefined, text.slice(0, 140));
    assert.equal(readBatchHead({ type: 'records', count: 1 }), undefined);
  });
});

describe('relay validation of background messages', () => {
  it('accepts each message of this version in its shape, and nothing else', () => {
    const command = { action: 'send', connection: 'ws1', frames: [{ text: '42["x"]' }, { base64: 'AQI=' }] };
    const valid = [
      { type: 'replay', version },
      { type: 'idle', version },
      { type: 'announce', version },
      { type: 'hold', version, keep: 'no' },
      { type: 'hold', version, keep: 'flood' },
      { type: 'hold', version, keep: 'all' },
      { type: 'budget', version, documentId: 'd', bytes: 4 * 2 ** 20 },
      { type: 'command', version, documentId: 'd', command },
      { type: 'command', version, documentId: 'd', command: { action: 'post', url: 'http://x/', body: { text: '4' } } },
    ];
    for (const message of valid) assert.equal(isBackgroundToContent(message), true, JSON.stringify(message));
    const invalid = [
      { type: 'replay' },
      { type: 'idle', version: version - 1 },
      { type: 'hold', version },
      { type: 'hold', version, on: true },
      { type: 'hold', version, keep: 'some' },
      { type: 'budget', version, documentId: 'd', bytes: 0 },
      { type: 'budget', version, bytes: 1024 },
      { type: 'command', version, documentId: 'd', command: { ...command, frames: [{ text: 'a', base64: 'AA==' }] } },
      { type: 'command', version, documentId: 'd', command: { ...command, frames: [{ base64: 'not base64' }] } },
      { type: 'command', version, documentId: 'd', command: { action: 'drop', connection: 'ws1', frames: [] } },
      { type: 'nope', version },
      null,
      'replay',
    ];
    for (const message of invalid) assert.equal(isBackgroundToContent(message), false, JSON.stringify(message));
  });
});
