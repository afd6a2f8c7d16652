import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PageRecord } from '../../src/messages';
import { createBacklog } from '../../src/content/backlog';

function frame(text: string): PageRecord {
  return {
    kind: 'frame', connection: 'ws1', transport: 'websocket', url: 'ws://127.0.0.1/socket.io/?EIO=4&transport=websocket',
    direction: 'received', payload: { text, size: text.length, truncated: false }, time: 0,
  };
}

describe('relay backlog', () => {
  it('numbers records in order across batches and keeps them all within its limits', () => {
    const backlog = createBacklog({ maxRecords: 10, maxBytes: 1_000_000 });
    assert.deepEqual(backlog.append([frame('a'), frame('b')]).map((record) => record.seq), [0, 1]);
    assert.deepEqual(backlog.append([frame('c')]).map((record) => record.seq), [2]);
    assert.deepEqual(backlog.all().map((record) => record.seq), [0, 1, 2]);
  });

  it('evicts the oldest records beyond the count limit (their numbers show how many went)', () => {
    const backlog = createBacklog({ maxRecords: 3, maxBytes: 1_000_000 });
    backlog.append(['1', '2', '3', '4', '5'].map(frame));
    assert.deepEqual(backlog.all().map((record) => record.seq), [2, 3, 4]);
  });

  it('evicts the oldest records beyond the byte limit, keeping at least the newest', () => {
    const backlog = createBacklog({ maxRecords: 100, maxBytes: 450 });
    backlog.append([frame('x'.repeat(150)), frame('y'.repeat(150)), frame('z'.repeat(150))]);
    assert.deepEqual(backlog.all().map((record) => record.seq), [1, 2]);
    backlog.append([frame('w'.repeat(5000))]);
    assert.deepEqual(backlog.all().map((record) => record.seq), [3]);
  });

  it('applies lower limits at once when the settings change', () => {
    const backlog = createBacklog({ maxRecords: 100, maxBytes: 1_000_000 });
    backlog.append(['1', '2', '3', '4'].map(frame));
    backlog.setLimits({ maxRecords: 1, maxBytes: 1_000_000 });
    assert.deepEqual(backlog.all().map((record) => record.seq), [3]);
  });
});
