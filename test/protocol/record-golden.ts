// Records golden fixtures from real servers and clients: `npx tsx test/protocol/record-golden.ts [name…]`.
// Each scenario starts a real socket.io 2.x or 4.x server on 127.0.0.1:0 behind a recording tap, drives it with a
// real client (or the JSONP client), and writes test/fixtures/<name>.json with every raw frame in order.
import { writeFile } from 'node:fs/promises';
import { engineIoClientV6, runClient, startApp, type ServerOptions, type Stack } from './golden/apps.ts';
import { runPollingClient, type PollingMode } from './golden/polling-client.ts';
import { startTap, type RecordedFrame } from './golden/tap.ts';

export interface Fixture {
  name: string;
  description: string;
  server: string;
  client: string;
  frames: RecordedFrame[];
}

interface Scenario {
  name: string;
  description: string;
  server: Stack;
  serverOptions?: ServerOptions;
  /** A real client (its stack and options), or a scripted polling client. */
  client: { stack: Stack; options: Record<string, unknown> } | { polling: PollingMode };
}

const fetchTransport = engineIoClientV6.Fetch;

export const SCENARIOS: Scenario[] = [
  {
    name: 'v2-websocket',
    description: 'socket.io 2 over WebSocket only',
    server: 2,
    client: { stack: 2, options: { transports: ['websocket'] } },
  },
  {
    name: 'v2-polling',
    description: 'socket.io 2 over XHR polling only (XHR2 binary payloads)',
    server: 2,
    client: { stack: 2, options: { transports: ['polling'] } },
  },
  {
    name: 'v2-upgrade',
    description: 'socket.io 2, polling then the WebSocket upgrade',
    server: 2,
    client: { stack: 2, options: {} },
  },
  {
    name: 'v2-base64',
    description: 'socket.io 2 with forceBase64 (b64=1, binary as b4… text)',
    server: 2,
    client: { stack: 2, options: { forceBase64: true } },
  },
  {
    name: 'v2-msgpack',
    description: 'socket.io 2 with socket.io-msgpack-parser 2.x',
    server: 2,
    serverOptions: { msgpack: true },
    client: { stack: 2, options: { msgpack: true } },
  },
  {
    name: 'v2-jsonp',
    description: 'socket.io 2 over JSONP polling, plus HTTP error bodies',
    server: 2,
    client: { polling: 'jsonp' },
  },
  {
    name: 'v2-xhr2',
    description: 'socket.io 2 over XHR2 polling with binary payloads (scripted client)',
    server: 2,
    client: { polling: 'xhr2' },
  },
  {
    name: 'v4-websocket',
    description: 'socket.io 4 over WebSocket only',
    server: 4,
    client: { stack: 4, options: { transports: ['websocket'] } },
  },
  {
    name: 'v4-polling',
    description: 'socket.io 4 over XHR polling only',
    server: 4,
    client: { stack: 4, options: { transports: ['polling'] } },
  },
  {
    name: 'v4-fetch',
    description: 'socket.io 4 over fetch() polling (engine.io-client 6.6 Fetch transport)',
    server: 4,
    client: { stack: 4, options: { transports: [fetchTransport] } },
  },
  {
    name: 'v4-upgrade',
    description: 'socket.io 4, polling then the WebSocket upgrade',
    server: 4,
    client: { stack: 4, options: {} },
  },
  {
    name: 'v4-base64',
    description: 'socket.io 4 with forceBase64',
    server: 4,
    client: { stack: 4, options: { forceBase64: true } },
  },
  {
    name: 'v4-msgpack',
    description: 'socket.io 4 with socket.io-msgpack-parser 3.x',
    server: 4,
    serverOptions: { msgpack: true },
    client: { stack: 4, options: { msgpack: true } },
  },
  {
    name: 'v4-recovery',
    description: 'socket.io 4 with connectionStateRecovery (pid, offsets)',
    server: 4,
    serverOptions: { recovery: true },
    client: { stack: 4, options: { transports: ['websocket'] } },
  },
  {
    name: 'v4-jsonp',
    description: 'socket.io 4 over JSONP polling, plus HTTP error bodies',
    server: 4,
    client: { polling: 'jsonp' },
  },
  {
    name: 'v4-allow-eio3',
    description: 'socket.io-client 2 against a socket.io 4 server with allowEIO3',
    server: 4,
    serverOptions: { allowEIO3: true },
    client: { stack: 2, options: {} },
  },
];

const VERSIONS = { 2: 'socket.io 2.5.1', 4: 'socket.io 4.8.4' } as const;
const CLIENTS = { 2: 'socket.io-client 2.5.0', 4: 'socket.io-client 4.8.4' } as const;

export async function record(s: Scenario): Promise<Fixture> {
  const app = await startApp(s.server, s.serverOptions);
  try {
    const tap = await startTap(app.port);
    try {
      const base = `http://127.0.0.1:${tap.port}`;
      if ('stack' in s.client) await app.settled(await runClient(s.client.stack, base, s.client.options));
      else {
        await runPollingClient(base, s.server === 2 ? 3 : 4, s.client.polling);
        await app.settled(0);
      }
      return {
        name: s.name,
        description: s.description,
        server: VERSIONS[s.server],
        client: 'stack' in s.client ? CLIENTS[s.client.stack] : `scripted ${s.client.polling} polling client`,
        frames: tap.frames,
      };
    } finally {
      await tap.close();
    }
  } finally {
    await app.close();
  }
}

const only = process.argv.slice(2);
for (const s of SCENARIOS.filter((x) => only.length === 0 || only.includes(x.name))) {
  const fixture = await record(s);
  await writeFile(new URL(`../fixtures/${s.name}.json`, import.meta.url), JSON.stringify(fixture, null, 1) + '\n');
  console.log(`${s.name}: ${fixture.frames.length} frames`);
}
