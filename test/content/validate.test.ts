import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MESSAGE_PROTOCOL_VERSION, type PageRecord } from '../../src/messages';
import { isBackgroundToContent } from '../../src/content/validate';
import { MAX_PAGE_MESSAGE_CHARS, parsePageMessage, readBatchHead } from '../../src/page-batch';
import { batchHead } from '../../src/page/serialize';

const version = MESSAGE_PROTOCOL_VERSION;
const url = 'ws://127.0.0.1/socket.io/?EIO=4&transport=websocket';
const frame: PageRecord = {
  kind: 'frame',
  connection: 'ws1',
  transport: 'websocket',
  url,
  direction: 'received',
  time: 1,
  payload: { text: '42["tick",1]', size: 12, truncated: false },
};
const batch = (records: unknown[], errors = '{}', head = batchHead(version, records.length, 1, false, 1.5, errors)) =>
  `${head}${records.map((record) => JSON.stringify(record)).join(',')}]}`;
const malformedMessage = { records: [], dropped: 1 };

describe('relay validation of page messages', () => {
  it('keeps a well-formed batch as it is', () => {
    const open: PageRecord = { kind: 'open', connection: 'ws1', transport: 'websocket', url, time: 0 };
    const binary: PageRecord = { ...frame, payload: { base64: 'AAEC', size: 3, truncated: false }, injected: true };
    const unrecorded: PageRecord = {
      kind: 'unrecorded',
      connection: 'ws2',
      transport: 'websocket',
      count: 3,
      size: 9,
      time: 2,
    };
    const parsed = parsePageMessage(batch([open, frame, binary, unrecorded]));
    assert.deepEqual(parsed, { records: [open, frame, binary, unrecorded], dropped: 0 });
  });

  it('leaves out and counts malformed records, keeping the valid ones of the same batch', () => {
    const malformed = [
      { ...frame, kind: 'nope' },
      { ...frame, time: 'now' },
      { ...frame, payload: { text: 'a', base64: 'AA==', size: 1, truncated: false } },
      { ...frame, payload: { base64: 'not base64!', size: 1, truncated: false } },
      { ...frame, connection: 'c'.repeat(9000) },
      { ...frame, injected: false },
      { kind: 'unrecorded', connection: 'ws2', transport: 'polling', count: 1, size: 1, time: 0 },
      { kind: 'unrecorded', connection: 'ws2', transport: 'websocket', count: -1, size: 1, time: 0 },
      null,
    ];
    const parsed = parsePageMessage(batch([frame, ...malformed, frame]));
    assert.deepEqual(parsed.records, [frame, frame]);
    assert.equal(parsed.dropped, malformed.length);
  });

  it('drops whole messages that are not JSON of a records batch, or too large', () => {
    assert.deepEqual(parsePageMessage('{"type":'), malformedMessage);
    assert.deepEqual(parsePageMessage({ type: 'records' }), malformedMessage);
    assert.deepEqual(
      parsePageMessage(JSON.stringify({ type: 'records', version: version + 1, records: [frame] })),
      malformedMessage,
    );
    assert.deepEqual(parsePageMessage(JSON.stringify({ type: 'records', version, records: {} })), malformedMessage);
    assert.deepEqual(parsePageMessage(' '.repeat(MAX_PAGE_MESSAGE_CHARS + 1)), malformedMessage);
  });

  it("reads what a batch declares at its head, the hook's error counts included, and nothing from other text", () => {
    assert.deepEqual(readBatchHead(batch([frame, frame], '{"websocket":2,"channel":1}')), {
      count: 2,
      frames: 1,
      head: false,
      time: 1.5,
      errors: { websocket: 2, channel: 1 },
    });
    const wrong = [
      batch([frame], '{}', batchHead(version + 1, 1, 1, false, 0, '{}')),
      batch([frame], '{}', batchHead(version, 0, 0, false, 0, '{}')),
      batch([frame], '{}', batchHead(version, 1, 2, false, 0, '{}')),
      batch([frame], '{"nope":1}'),
      batch([frame], '{"websocket":-1}'),
      batch([frame], '{"websocket":1'),
      JSON.stringify({ type: 'records', version, count: 1, records: [frame] }),
      `${batch([frame])}${' '.repeat(MAX_PAGE_MESSAGE_CHARS)}`,
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
      { type: 'budget', version, documentId: 'd', bytes: 4 * 2 ** 20 },
      { type: 'command', version, documentId: 'd', command },
      { type: 'command', version, documentId: 'd', command: { action: 'post', url: 'http://x/', body: { text: '4' } } },
    ];
    for (const message of valid) assert.equal(isBackgroundToContent(message), true, JSON.stringify(message));
    const invalid = [
      { type: 'replay' },
      { type: 'idle', version: version - 1 },
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
