/**
 * The page benchmarks' app: a socket.io 4.x server on 127.0.0.1 that, when a page asks, pushes `count` small
 * `tick` events (`42["tick",<i>,{"v":<i % 100>,"t":<server epoch ms>}]`) over the WebSocket transport, either as fast
 * as it can or at a steady rate, and a page (push.html) that receives them with the server's own browser client
 * and measures in the page.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Server } from 'socket.io-v4';

export interface PushServer {
  /** The page's URL without a query: add one (`?run=…`) so each run's tab is told apart. */
  pageUrl: string;
  close(): Promise<void>;
}

/** What a page asks for: `rate` 0 = as fast as the server can, else events per second. */
export interface PushRequest {
  count: number;
  rate: number;
}

const page = readFileSync(new URL('./push.html', import.meta.url), 'utf8');
/** Events written per macrotask when pushing as fast as possible (setImmediate between chunks keeps I/O going). */
const CHUNK = 1000;

/** The `ws` socket under a Socket.IO socket (engine.io's websocket transport keeps it as `socket`). */
interface RawWebSocket {
  send(data: string): void;
  _socket: { cork(): void; uncork(): void };
}

/**
 * Writes the events as Socket.IO EVENT frames straight to the WebSocket, corked per chunk: `socket.emit` costs the
 * server ~15 µs an event here, about what the page needs, so through it the server, not the page, would be measured.
 */
function push(ws: RawWebSocket, { count, rate }: PushRequest, done: () => void): void {
  const now = () => performance.timeOrigin + performance.now();
  let i = 0;
  const sendUpTo = (end: number) => {
    ws._socket.cork();
    for (; i < end; i++) ws.send(`42["tick",${i},{"v":${i % 100},"t":${now()}}]`);
    ws._socket.uncork();
  };
  if (rate <= 0) {
    const chunk = () => {
      sendUpTo(Math.min(count, i + CHUNK));
      if (i < count) setImmediate(chunk);
      else done();
    };
    chunk();
    return;
  }
  // Steady rate: every millisecond timer, send what the schedule says is due.
  const start = performance.now();
  const timer = setInterval(() => {
    sendUpTo(Math.min(count, Math.floor(((performance.now() - start) * rate) / 1000) + 1));
    if (i >= count) {
      clearInterval(timer);
      done();
    }
  }, 1);
}

export async function startPushServer(): Promise<PushServer> {
  const http = createServer((request, response) => {
    if (request.url === '/push.html' || request.url?.startsWith('/push.html?')) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(page);
    } else if (!request.url?.startsWith('/socket.io/')) {
      response.writeHead(404).end();
    }
  });
  const io = new Server(http, { transports: ['websocket'], pingInterval: 120_000, pingTimeout: 60_000 });
  io.on('connection', (socket) => {
    socket.on('start', (request: PushRequest, ack?: (sentMs: number) => void) => {
      const started = performance.now();
      const ws = (socket.conn as unknown as { transport: { name: string; socket: RawWebSocket } }).transport;
      if (ws.name !== 'websocket') throw new Error('the push page must use the WebSocket transport');
      push(ws.socket, request, () => ack?.(performance.now() - started));
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    pageUrl: `http://127.0.0.1:${(http.address() as AddressInfo).port}/push.html`,
    close: () =>
      new Promise<void>((resolve) => {
        void io.close();
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
