// The decoder bench's corpus: the committed golden recordings (test/fixtures) and generated sessions, each frame
// held twice with the same bytes: as the panel has it (text, or a plain Uint8Array) for our decoder, and as Node's
// transports hand it to the official parsers (text, or a Buffer).
import { readFileSync, readdirSync } from 'node:fs';
import type { Direction, Transport } from '../src/protocol/index.ts';
import { official } from './official.ts';

const { msgpack2, msgpack3 } = official;

export interface BenchFrame {
  direction: Direction;
  transport: Transport;
  time: number;
  /** Our input: text or a plain Uint8Array. */
  data: string | Uint8Array;
  /** The official parsers' input: the same text, or the same bytes as a Buffer. */
  official: string | Buffer;
}

export interface BenchSession {
  url: string;
  eio: 3 | 4;
  parser: 'default' | 'msgpack';
  frames: BenchFrame[];
}

/** The figures the decoder bench reports, one per category; the target applies to the first three. */
export const CATEGORIES = [
  'WebSocket frames',
  'polling payloads v3',
  'polling payloads v4',
  'msgpack',
  'golden upgrade sessions',
] as const;
export type Category = (typeof CATEGORIES)[number];

export interface Workload {
  category: Category;
  name: string;
  sessions: BenchSession[];
}

function frame(direction: Direction, transport: Transport, time: number, data: string | Uint8Array): BenchFrame {
  if (typeof data === 'string') {
    // A flat string, as a WebSocket message or an XHR body is (a string built by concatenation is a rope).
    const text = Buffer.from(data, 'utf8').toString('utf8');
    return { direction, transport, time, data: text, official: text };
  }
  return { direction, transport, time, data: new Uint8Array(data), official: Buffer.from(data) };
}

function session(url: string, parser: BenchSession['parser'], frames: BenchFrame[]): BenchSession {
  return { url, eio: /[?&]EIO=4/.test(url) ? 4 : 3, parser, frames };
}

// ---------------------------------------------------------------------------------------------------------------
// Golden recordings

interface Recorded {
  direction: Direction;
  transport: Transport;
  url: string;
  status?: number;
  text?: string;
  base64?: string;
}

const FIXTURES = new URL('../test/fixtures/', import.meta.url);

/**
 * One fixture as a session. HTTP error bodies (the recordings' deliberate bad-sid probes) are left out: the
 * official clients do not decode them, so they are not the same job.
 */
function goldenSession(name: string): BenchSession {
  const recorded = (JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8')) as { frames: Recorded[] })
    .frames;
  const frames = recorded
    .filter((r) => (r.status ?? 200) < 400)
    .map((r, i) => frame(r.direction, r.transport, i, r.text ?? Buffer.from(r.base64!, 'base64')));
  return session(recorded[0].url, name.includes('msgpack') ? 'msgpack' : 'default', frames);
}

/** Fixture names by the workload they belong to. JSONP recordings are left out: no official parser unwraps them. */
const GOLDEN: Record<Category, string[]> = {
  'WebSocket frames': ['v2-websocket', 'v4-websocket', 'v4-recovery'],
  'polling payloads v3': ['v2-polling', 'v2-xhr2'],
  'polling payloads v4': ['v4-polling', 'v4-fetch'],
  msgpack: ['v2-msgpack', 'v4-msgpack'],
  'golden upgrade sessions': ['v2-upgrade', 'v2-base64', 'v4-upgrade', 'v4-base64', 'v4-allow-eio3'],
};

/** Every fixture of a category, `copies` times each (each copy a new session), so a run lasts long enough to time. */
function golden(category: Category, copies: number): Workload {
  const names = GOLDEN[category];
  const known = new Set(readdirSync(FIXTURES).map((f) => f.replace(/\.json$/, '')));
  const missing = names.filter((n) => !known.has(n));
  if (missing.length) throw new Error(`golden fixtures missing: ${missing.join(', ')}`);
  const sessions = names.map(goldenSession);
  return {
    category,
    name: `golden ${names.join(', ')}`,
    sessions: Array.from({ length: copies }, () => sessions).flat(),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Generated traffic: a chat-like stream of small events, one in ten sent with an ack id and acknowledged.

const OPEN = (eio: 3 | 4) =>
  `0{"sid":"bench-sid-0000","upgrades":[],"pingInterval":25000,"pingTimeout":20000${eio === 4 ? ',"maxPayload":1000000' : ''}}`;

interface Packet {
  direction: Direction;
  text: string;
}

/** The Socket.IO packets (text form) of `n` events: a chat message received, every tenth an acked question sent. */
function chatPackets(n: number): Packet[] {
  const packets: Packet[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 10 === 9) {
      packets.push({ direction: 'sent', text: `2${i}["ask",{"q":"question ${i}","n":${i}}]` });
      packets.push({ direction: 'received', text: `3${i}[{"ok":true,"n":${i}}]` });
      i++;
      continue;
    }
    const accent = i % 7 === 0 ? ' héllo' : '';
    packets.push({
      direction: 'received',
      text: `2["chat message",{"user":"u${i % 50}","text":"hello world ${i}${accent}","n":${i},"ts":${1732550000000 + i}}]`,
    });
  }
  return packets;
}

function handshake(eio: 3 | 4, transport: Transport): BenchFrame[] {
  const frames = [frame('received', transport, 0, OPEN(eio))];
  if (eio === 4)
    frames.push(frame('sent', transport, 0, '40'), frame('received', transport, 0, '40{"sid":"bench-sio-sid"}'));
  else frames.push(frame('received', transport, 0, '40'));
  return frames;
}

const wsUrl = (eio: 3 | 4) => `/socket.io/?EIO=${eio}&transport=websocket`;
const pollingUrl = (eio: 3 | 4) => `/socket.io/?EIO=${eio}&transport=polling&t=bench`;

/** `n` small events over a WebSocket, one frame each. */
function wsEvents(eio: 3 | 4, n: number): Workload {
  const frames = handshake(eio, 'websocket');
  chatPackets(n).forEach((p, i) => frames.push(frame(p.direction, 'websocket', i, `4${p.text}`)));
  return {
    category: 'WebSocket frames',
    name: `generated ${n / 1000}k small events, EIO${eio} text frames`,
    sessions: [session(wsUrl(eio), 'default', frames)],
  };
}

/** `n` BINARY_EVENTs of 64 bytes over a WebSocket: a header frame and one attachment frame each. */
function wsBinaryEvents(eio: 3 | 4, n: number): Workload {
  const frames = handshake(eio, 'websocket');
  for (let i = 0; i < n; i++) {
    const direction: Direction = i % 2 ? 'sent' : 'received';
    frames.push(
      frame(
        direction,
        'websocket',
        i,
        `451-["upload",{"n":${i},"name":"chunk-${i}.bin","data":{"_placeholder":true,"num":0}}]`,
      ),
    );
    const bytes = new Uint8Array(64).map((_, j) => (i + j) & 0xff);
    frames.push(frame(direction, 'websocket', i, eio === 3 ? Uint8Array.of(4, ...bytes) : bytes));
  }
  return {
    category: 'WebSocket frames',
    name: `generated ${n / 1000}k binary events (64 B), EIO${eio}`,
    sessions: [session(wsUrl(eio), 'default', frames)],
  };
}

/** `bodies` polling bodies of `perBody` packets each: per batch, the POST of what the page sent, then the GET. */
function pollingEvents(eio: 3 | 4, bodies: number, perBody: number): Workload {
  const frames = handshake(eio, 'polling').map((f) =>
    frame(
      f.direction,
      'polling',
      0,
      eio === 3 ? `${(f.data as string).length}:${f.data as string}` : (f.data as string),
    ),
  );
  const packets = chatPackets(bodies * perBody);
  for (let b = 0; b < bodies; b++) {
    for (const direction of ['sent', 'received'] as const) {
      const texts = packets
        .slice(b * perBody, (b + 1) * perBody)
        .filter((p) => p.direction === direction)
        .map((p) => `4${p.text}`);
      if (texts.length === 0) continue;
      const body = eio === 4 ? texts.join('\x1e') : texts.map((t) => `${t.length}:${t}`).join('');
      frames.push(frame(direction, 'polling', b, body));
    }
  }
  const category = eio === 3 ? 'polling payloads v3' : 'polling payloads v4';
  return {
    category,
    name: `generated ${bodies} bodies x ${perBody} packets, EIO${eio}`,
    sessions: [session(pollingUrl(eio), 'default', frames)],
  };
}

/** `n` events encoded by socket.io-msgpack-parser (3.x over EIO4, 2.x over EIO3), one binary frame each. */
function msgpackEvents(eio: 3 | 4, n: number): Workload {
  const frames = [frame('received', 'websocket', 0, OPEN(eio))];
  const encode = (packet: object): Uint8Array => {
    if (eio === 4) return new msgpack3.Encoder().encode(packet)[0];
    let out: Buffer | undefined;
    new msgpack2.Encoder().encode(packet, (encoded: Buffer[]) => (out = encoded[0]));
    return Buffer.concat([Buffer.of(4), out!]);
  };
  for (let i = 0; i < n; i++) {
    const args: unknown[] = [
      'chat message',
      { user: `u${i % 50}`, text: `hello world ${i}`, n: i, ts: 1732550000000 + i },
    ];
    if (i % 10 === 0) args.push(Buffer.from(new Uint8Array(32).map((_, j) => (i + j) & 0xff)));
    frames.push(frame(i % 5 ? 'received' : 'sent', 'websocket', i, encode({ type: 2, nsp: '/', data: args })));
  }
  return {
    category: 'msgpack',
    name: `generated ${n / 1000}k events (1 in 10 with 32 B binary), msgpack ${eio === 4 ? '3.x/EIO4' : '2.x/EIO3'}`,
    sessions: [session(wsUrl(eio), 'msgpack', frames)],
  };
}

/** The corpus, or only the workloads of `categories`. `scale` (0–1] shrinks it for a quick run. */
export function buildCorpus(scale = 1, categories: readonly Category[] = CATEGORIES): Workload[] {
  const k = (n: number) => Math.max(10, Math.round(n * scale));
  const workloads: [Category, () => Workload][] = [
    ['WebSocket frames', () => golden('WebSocket frames', k(50))],
    ['WebSocket frames', () => wsEvents(4, k(100_000))],
    ['WebSocket frames', () => wsEvents(3, k(20_000))],
    ['WebSocket frames', () => wsBinaryEvents(4, k(3_000))],
    ['WebSocket frames', () => wsBinaryEvents(3, k(3_000))],
    ['polling payloads v3', () => golden('polling payloads v3', k(50))],
    ['polling payloads v3', () => pollingEvents(3, k(200), 50)],
    ['polling payloads v4', () => golden('polling payloads v4', k(50))],
    ['polling payloads v4', () => pollingEvents(4, k(200), 50)],
    ['msgpack', () => golden('msgpack', k(50))],
    ['msgpack', () => msgpackEvents(4, k(5_000))],
    ['msgpack', () => msgpackEvents(3, k(5_000))],
    ['golden upgrade sessions', () => golden('golden upgrade sessions', k(50))],
  ];
  return workloads.filter(([category]) => categories.includes(category)).map(([, build]) => build());
}
