// Fuzz: 100,000+ random and mutated frames (from the golden recordings and the malformed corpus) through
// session decoders of every configuration. Nothing may throw, and the decoder's own safety net
// ("internal decoder error") must never be needed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSessionDecoder, encodeEmit, type Frame, type SessionDecoder } from '../../src/protocol/index.ts';
import { corpus, mutate, random, rng, URLS } from '../fuzz/mutate.ts';

test('fuzz: 120,000 random and mutated frames never throw nor hit the safety net', () => {
  const next = rng(0xc0ffee);
  let decoder: SessionDecoder = createSessionDecoder();
  let packets = 0;
  for (let i = 0; i < 120_000; i++) {
    if (i % 40 === 0)
      decoder = createSessionDecoder({ url: URLS[Math.floor(next() * URLS.length)], maxFrameSize: 4096 });
    const base = corpus[Math.floor(next() * corpus.length)];
    const data = next() < 0.15 ? random(next) : mutate(next, base);
    const frame: Frame = {
      direction: next() < 0.5 ? 'sent' : 'received',
      transport: next() < 0.5 ? 'websocket' : 'polling',
      time: i,
      data,
      ...(next() < 0.05 ? { httpStatus: 400 } : {}),
    };
    const out = decoder.push(frame);
    for (const p of out) {
      if (p.errorKind === 'internal')
        assert.fail(
          `safety net hit by ${JSON.stringify(typeof data === 'string' ? data : Array.from(data))}: ${p.error}`,
        );
      assert.ok(p.size >= 0 && p.raw !== undefined);
      assert.equal(p.error === undefined, p.errorKind === undefined, 'an error text goes with its kind');
    }
    packets += out.length;
  }
  assert.ok(packets > 100_000);
});

test('fuzz: the encoder returns errors for values it cannot encode, never throws', () => {
  const cyclic: Record<string, unknown> = {};
  cyclic['self'] = cyclic;
  for (const parser of ['default', 'msgpack'] as const) {
    for (const bad of [cyclic, 10n, () => 1, Symbol('s')]) {
      const r = encodeEmit({ event: 'x', args: [bad] }, { eio: 4, transport: 'websocket', parser });
      if (r.ok) assert.ok(parser === 'default', 'JSON drops functions and symbols, as socket.io does');
      else assert.match(r.error, /cannot encode|msgpack/);
    }
  }
  assert.equal(encodeEmit({ namespace: 'admin', event: 'x' }, { eio: 4, transport: 'websocket' }).ok, false);
  assert.equal(encodeEmit({ event: 'x', ackId: -1 }, { eio: 4, transport: 'websocket' }).ok, false);
});
