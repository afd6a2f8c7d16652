/**
 * A raw Engine.IO v4 server (the `ws` package, the handshake written by hand) that sends a real socket.io-client 4
 * page frames meant to break an inspector: 100,000 nested arrays, 50,000 distinct event names made per request
 * (`res:<uuid>`), a 1 MiB string argument, an ack id of 30 digits, invalid JSON, and a BINARY_EVENT declaring a
 * million attachments. The page opens one connection per case (`?case=`), since the client closes a connection on
 * the last two. Every frame both ways is logged per case: what the panel's export must hold.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { WebSocketServer } from 'ws';
import { closeServers, listen } from './listen';

export const CASES = ['main', 'bad-json', 'attachments'] as const;
export type HostileCase = (typeof CASES)[number];

export const DEPTH = 100_000;
export const EVENT_NAMES = 50_000;
export const LONG_CHARS = 1024 * 1024;
export const HUGE_ACK_ID = '9'.repeat(30);

export interface HostileServer {
  url: string;
  /** Per case, every frame as the wire had it, both ways (`sent`: the page sent it). */
  frames: Record<HostileCase, { direction: 'sent' | 'received'; text: string }[]>;
  /** Whether the server has sent every frame of every case. */
  done(): boolean;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);
const client = readFileSync(
  join(dirname(require.resolve('socket.io-client-v4/package.json')), 'dist/socket.io.min.js'),
  'utf8',
);
const page = readFileSync(new URL('./hostile/index.html', import.meta.url), 'utf8');

/** The Socket.IO frames (Engine.IO message `4` included) each case sends once its namespace connected. */
function framesOf(name: HostileCase): string[] {
  if (name === 'bad-json') return ['42["bad",{'];
  if (name === 'attachments') return ['451000000-["many",{"_placeholder":true,"num":0}]'];
  const names = Array.from({ length: EVENT_NAMES }, (_, n) => `42["res:${randomUUID()}",${n}]`);
  return [
    '42["hello","world"]',
    ...names,
    `42["long","${'x'.repeat(LONG_CHARS)}"]`,
    `42["deep",${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}]`,
    `42${HUGE_ACK_ID}["acked"]`,
    '42["last","done"]',
  ];
}

export async function startHostileServer(): Promise<HostileServer> {
  const frames = Object.fromEntries(CASES.map((name) => [name, []])) as unknown as HostileServer['frames'];
  const finished = new Set<HostileCase>();
  const http = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const body = path === '/' ? page : path === '/socket.io.js' ? client : undefined;
    if (body === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': `${path === '/' ? 'text/html' : 'text/javascript'}; charset=utf-8` });
    response.end(body);
  });
  const wss = new WebSocketServer({ server: http, path: '/socket.io/' });
  wss.on('connection', (socket, request) => {
    const name = new URL(request.url ?? '/', 'http://localhost').searchParams.get('case') as HostileCase;
    const log = frames[name];
    if (!log) return socket.close();
    const send = (text: string) => {
      log.push({ direction: 'received', text });
      socket.send(text);
    };
    socket.on('message', (data) => {
      const text = (data as Buffer).toString();
      log.push({ direction: 'sent', text });
      if (!text.startsWith('40')) return;
      send('40{"sid":"hostile"}');
      for (const frame of framesOf(name)) send(frame);
      finished.add(name);
    });
    send(`0{"sid":"${name}","upgrades":[],"pingInterval":600000,"pingTimeout":600000,"maxPayload":100000000}`);
  });
  const port = await listen(http);
  return {
    url: `http://127.0.0.1:${port}/`,
    frames,
    done: () => finished.size === CASES.length,
    close: () => closeServers(wss, http),
  };
}
