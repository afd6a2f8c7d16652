// Inputs for fuzzing: a seeded PRNG, the corpus of recorded frames (the golden recordings and a few malformed
// ones), mutations of them, random frames, and the session URLs of every kind of decoder.
import { readdirSync, readFileSync } from 'node:fs';

/** xorshift32: a seeded PRNG so that failures reproduce. */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

const FIXTURES = new URL('../fixtures/', import.meta.url);
export const corpus: (string | Uint8Array)[] = readdirSync(FIXTURES)
  .filter((n) => n.endsWith('.json'))
  .flatMap(
    (n) =>
      (JSON.parse(readFileSync(new URL(n, FIXTURES), 'utf8')) as { frames: { text?: string; base64?: string }[] })
        .frames,
  )
  .map((f) => f.text ?? new Uint8Array(Buffer.from(f.base64!, 'base64')));
corpus.push(
  '451-["e",{"_placeholder":true,"num":0}]',
  '4',
  'b',
  'b4',
  '0:',
  '1:',
  '99999999999999999:4',
  '___eio[',
  'd=',
  '{"code":1}',
  '\x1e\x1e',
  '45-',
  '42/',
  '42/a,99999999999999999999[]',
);

const SPECIAL = [
  '"',
  '[',
  ']',
  '{',
  '}',
  '-',
  '/',
  ',',
  ':',
  '\x1e',
  'b',
  '0',
  '4',
  '5',
  '9',
  '\\',
  '🎉',
  '\ud800',
  '_placeholder',
  '%',
  '+',
  '\n',
];

export function mutate(next: () => number, input: string | Uint8Array): string | Uint8Array {
  const pickInt = (n: number): number => Math.floor(next() * n);
  if (typeof input === 'string') {
    let s = input;
    const edits = 1 + pickInt(3);
    for (let e = 0; e < edits; e++) {
      const at = pickInt(s.length + 1);
      switch (pickInt(5)) {
        case 0:
          s = s.slice(0, at);
          break;
        case 1:
          s = s.slice(0, at) + SPECIAL[pickInt(SPECIAL.length)] + s.slice(at);
          break;
        case 2:
          s = s.slice(0, at) + s.slice(at + 1 + pickInt(4));
          break;
        case 3:
          s = s.slice(0, at) + String.fromCharCode(pickInt(0x3000)) + s.slice(at + 1);
          break;
        default:
          s = s + s.slice(at);
          break;
      }
    }
    return next() < 0.1 ? new TextEncoder().encode(s) : s;
  }
  const b = new Uint8Array(input.length + 4);
  b.set(input);
  const len = Math.max(0, input.length + pickInt(9) - 4);
  for (let e = 0; e < 1 + pickInt(3); e++)
    b[pickInt(b.length)] = next() < 0.5 ? pickInt(256) : [0, 1, 0xff, 0x80, 0xde, 0xd4, 0xc7, 0x04][pickInt(8)];
  return b.subarray(0, len);
}

export function random(next: () => number): string | Uint8Array {
  const n = Math.floor(next() * 40);
  if (next() < 0.5) return Uint8Array.from({ length: n }, () => Math.floor(next() * 256));
  return Array.from({ length: n }, () =>
    next() < 0.5 ? SPECIAL[Math.floor(next() * SPECIAL.length)] : String.fromCharCode(32 + Math.floor(next() * 90)),
  ).join('');
}

export const URLS = [
  'http://h/socket.io/?EIO=3&transport=polling',
  'http://h/socket.io/?EIO=4&transport=polling',
  'ws://h/socket.io/?EIO=3&transport=websocket',
  'ws://h/socket.io/?EIO=4&transport=websocket',
  'ws://h/engine.io/?EIO=4&transport=websocket',
  'ws://h/custom/?EIO=4',
  'ws://h/plain',
];
