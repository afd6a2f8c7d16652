import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  boundedText,
  childrenOf,
  deeperThan,
  findBinaries,
  jsonText,
  MAX_DEPTH,
  PREVIEW_CHARS,
} from '../../src/panel/bounded';
import { describeRecord } from '../../src/panel/format';
import { packetSummary, previewValue } from '../../src/panel/format-packet';
import { Packet } from '../../src/protocol/types';

/** `[[[…]]]` nested `depth` levels, as JSON.parse makes it from a frame (V8 parses any depth). */
const nested = (depth: number, leaf: unknown = 'bottom'): unknown =>
  JSON.parse(`${'['.repeat(depth)}${JSON.stringify(leaf)}${']'.repeat(depth)}`);

describe('bounded formatters', () => {
  it('write JSON as JSON.stringify does, binary values as a preview', () => {
    const value = { a: [1, 'two', null, true, undefined, Infinity], b: undefined, c: { d: new Uint8Array([1, 2, 3]) } };
    const native = JSON.stringify(value, (_key, entry: unknown) =>
      entry instanceof Uint8Array ? `<binary ${entry.byteLength} B>` : entry,
    );
    assert.equal(jsonText(value), native);
    assert.equal(jsonText('é"\n'), JSON.stringify('é"\n'));
    assert.equal(jsonText(new Date(0)), '"1970-01-01T00:00:00.000Z"');
  });

  it('write 100,000 levels of nesting in full without recursion, or stop at a depth and say so', () => {
    const deep = nested(100_000);
    assert.throws(() => JSON.stringify(deep), RangeError, 'the native one runs out of stack');
    const full = jsonText(deep);
    assert.equal(full, `${'['.repeat(100_000)}"bottom"${']'.repeat(100_000)}`);
    const cut = jsonText(deep, { maxDepth: MAX_DEPTH });
    assert.equal(cut, `${'['.repeat(64)}${JSON.stringify(deeperThan(64))}${']'.repeat(64)}`);
    assert.match(cut, /… nested deeper than 64 levels/);
    assert.equal(previewValue(deep), cut, 'the row preview stops at that depth');
  });

  it('cut long strings to a prefix and say how much is left out', () => {
    const long = 'x'.repeat(1024 * 1024);
    assert.equal(boundedText(long, 10), `xxxxxxxxxx… ${(1024 * 1024 - 10).toLocaleString('en')} more characters`);
    assert.equal(boundedText('short', 10), 'short');
    assert.equal(boundedText('a😀b', 2), 'a… 3 more characters', 'never half a surrogate pair');
    const preview = previewValue([long]);
    assert.equal(preview.length, PREVIEW_CHARS + 1);
    assert.equal(preview, `["${'x'.repeat(PREVIEW_CHARS - 2)}…`);
  });

  it('show the first children of a wide value, and how many there are', () => {
    const wide = Object.fromEntries(Array.from({ length: 100_000 }, (_, index) => [`k${index}`, index]));
    const { entries, total } = childrenOf(wide, 3);
    assert.deepEqual(entries, [
      ['k0', 0],
      ['k1', 1],
      ['k2', 2],
    ]);
    assert.equal(total, 100_000);
    assert.deepEqual(childrenOf(new Array(1_000_000).fill(0), 2), {
      entries: [
        ['0', 0],
        ['1', 0],
      ],
      total: 1_000_000,
    });
  });

  it('find binary values at any depth, in order, the first few with their paths, and count them all', () => {
    const bytes = (n: number) => new Uint8Array([n]);
    const payload = [{ file: bytes(1), list: [bytes(2), 'x', { deeper: bytes(3) }] }, bytes(4)];
    const { found, total } = findBinaries(payload, 3);
    assert.deepEqual(
      found.map(({ path, bytes }) => [path, bytes[0]]),
      [
        ['[0].file', 1],
        ['[0].list[0]', 2],
        ['[0].list[2].deeper', 3],
      ],
    );
    assert.equal(total, 4);
    const deep = findBinaries(nested(100_000, null), 10);
    assert.deepEqual(deep, { found: [], total: 0 });
    const deepBinary = JSON.parse(`${'['.repeat(50_000)}0${']'.repeat(50_000)}`) as unknown[];
    let at: unknown[] = deepBinary;
    while (Array.isArray(at[0])) at = at[0] as unknown[];
    at[0] = bytes(9);
    const [leaf] = findBinaries(deepBinary, 1).found;
    assert.equal(leaf.bytes[0], 9);
    assert.equal(leaf.path, `${'[0]'.repeat(8)}…(${(50_000 - 16).toLocaleString('en')} levels)…${'[0]'.repeat(8)}`);
  });

  it('summarise a packet on one row within bounds: name, ack id, arguments', () => {
    const packet = new Packet(0, 'received', 'websocket', 0, 'socket.io', 10, '');
    packet.event = 'e'.repeat(5000);
    packet.args = [nested(100_000)];
    const summary = packetSummary(packet);
    assert.ok(summary.name.length < 300 && summary.name.endsWith('more characters'));
    assert.ok(summary.preview.length <= PREVIEW_CHARS + 1);
    const ack = new Packet(1, 'received', 'websocket', 0, 'socket.io', 10, '');
    ack.ackIdDigits = '9'.repeat(100_000);
    assert.ok(packetSummary(ack).name.length < 300);
  });

  it('describe a raw frame within bounds, whatever an imported file holds', () => {
    const frame = (payload: { text?: string; base64?: string; size: number; truncated: boolean }) =>
      describeRecord({
        kind: 'frame',
        seq: 0,
        time: 0,
        connection: 'c',
        transport: 'websocket',
        url: '',
        direction: 'received',
        payload,
      });
    assert.equal(frame({ base64: 'AQID', size: 3, truncated: false }), 'binary 3 B: 01 02 03');
    assert.equal(frame({ base64: '%%% not base64', size: 9, truncated: false }), 'binary 9 B: (not valid base64)');
    assert.ok(frame({ text: 'y'.repeat(5_000_000), size: 5_000_000, truncated: false }).length < 11_000);
  });
});
