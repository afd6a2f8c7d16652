import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PageRecord } from '../../src/messages';
import { parsePageMessage, readBatchHead } from '../../src/page-batch';
import { writeRecordsBatch } from '../../src/written-batch';

const url = 'ws://127.0.0.1/socket.io/?EIO=4&transport=websocket';
const base = { connection: 'w1', transport: 'websocket' as const };

describe('records written outside the hook (a worker’s)', () => {
  it('reads back as they were, each connection described once, with the URL its frames have', () => {
    const records: PageRecord[] = [
      { kind: 'open', ...base, url, time: 1 },
      {
        kind: 'frame',
        ...base,
        url,
        direction: 'sent',
        payload: { text: '42["a"]', size: 7, truncated: false },
        time: 2,
        injected: true,
      },
      {
        kind: 'frame',
        ...base,
        url,
        direction: 'received',
        payload: { base64: 'AAE=', size: 9, truncated: true },
        time: 3,
        intercept: { mark: 'edited', heldMs: 4, original: { text: '42["b"]', size: 7, truncated: false } },
      },
      { kind: 'close', ...base, code: 1000, reason: '', wasClean: true, time: 4 },
      {
        kind: 'error',
        connection: '__proto__',
        transport: 'polling',
        message: 'request failed',
        time: 5,
      },
    ];
    const text = writeRecordsBatch(records);
    assert.deepEqual(parsePageMessage(text), { records, dropped: 0 });
    assert.deepEqual(readBatchHead(text), { count: 5, frames: 2, head: false, time: 1, errors: {} });
    assert.equal(text.split(url).length, 2, 'the URL is written once');
  });
});
