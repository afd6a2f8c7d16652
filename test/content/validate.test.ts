import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MESSAGE_PROTOCOL_VERSION, type PageRecord } from '../../src/messages';
import { declaredRecordCount, MAX_PAGE_MESSAGE_CHARS, parsePageMessage } from '../../src/content/validate';

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
const batch = (records: unknown[]) =>
  JSON.stringify({ type: 'records', version: MESSAGE_PROTOCOL_VERSION, count: records.length, records });
const malformedMessage = { records: [], dropped: 1 };

describe('relay validation of page messages', () => {
  it('keeps a well-formed batch as it is', () => {
    const open: PageRecord = { kind: 'open', connection: 'ws1', transport: 'websocket', url, time: 0 };
    const binary: PageRecord = { ...frame, payload: { base64: 'AAEC', size: 3, truncated: false }, injected: true };
    const parsed = parsePageMessage(batch([open, frame, binary]));
    assert.deepEqual(parsed, { records: [open, frame, binary], dropped: 0 });
  });

  it('leaves out and counts malformed records, keeping the valid ones of the same batch', () => {
    const malformed = [
      { ...frame, kind: 'nope' },
      { ...frame, time: 'now' },
      { ...frame, payload: { text: 'a', base64: 'AA==', size: 1, truncated: false } },
      { ...frame, payload: { base64: 'not base64!', size: 1, truncated: false } },
      { ...frame, connection: 'c'.repeat(9000) },
      { ...frame, injected: false },
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
      parsePageMessage(JSON.stringify({ type: 'records', version: MESSAGE_PROTOCOL_VERSION + 1, records: [frame] })),
      malformedMessage,
    );
    assert.deepEqual(
      parsePageMessage(JSON.stringify({ type: 'records', version: MESSAGE_PROTOCOL_VERSION, records: {} })),
      malformedMessage,
    );
    assert.deepEqual(parsePageMessage(' '.repeat(MAX_PAGE_MESSAGE_CHARS + 1)), malformedMessage);
  });

  it('reads the record count a batch declares at its head, and nothing from text that is not a batch', () => {
    assert.equal(declaredRecordCount(batch([frame, frame])), 2);
    assert.equal(
      declaredRecordCount(
        JSON.stringify({ type: 'records', version: MESSAGE_PROTOCOL_VERSION + 1, count: 1, records: [frame] }),
      ),
      undefined,
    );
    assert.equal(
      declaredRecordCount(JSON.stringify({ type: 'records', version: MESSAGE_PROTOCOL_VERSION, records: [frame] })),
      undefined,
    );
    assert.equal(declaredRecordCount({ type: 'records', count: 1 }), undefined);
    assert.equal(declaredRecordCount(`${batch([frame])}${' '.repeat(MAX_PAGE_MESSAGE_CHARS)}`), undefined);
  });
});
