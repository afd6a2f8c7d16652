/**
 * A chat flood: a socket.io 4.x server (WebSocket transport only) that, when its page asks, pushes `count` chat events
 * of about `bytes` bytes each (`42["chat message",{"n":<i>,"user":"flood","text":"…"}]`) as fast as it can, written
 * straight to the WebSocket in corked chunks (through `socket.emit` the server, not the page, would be the limit).
 * Serves the page that receives them (`/`). Binds 127.0.0.1; port 0 picks a free port.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Server } from 'socket.io-v4';
import { closeServers, listen } from '../listen';

export interface FloodServer {
  /** The page, e.g. `http://127.0.0.1:PORT/`; add a query to tell runs apart. */
  url: string;
  close(): Promise<void>;
}

const page = readFileSync(new URL('./index.html', import.meta.url), 'utf8');
/** Events written per macrotask (setImmediate between chunks keeps I/O going). */
const CHUNK = 1000;

/** The `ws` socket under a Socket.IO socket (engine.io's websocket transport keeps it as `socket`). */
interface RawWebSocket {
  send(data: string): void;
  _socket: { cork(): void; uncork(): void };
}

/** The text of event `n`, padded to about `bytes` characters. */
export function chatFrame(n: number, bytes: number): string {
  const head = `42["chat message",{"n":${n},"user":"flood","text":"`;
  const tail = '"}]';
  return `${head}${'x'.repeat(Math.max(0, bytes - head.length - tail.length))}${tail}`;
}

function push(ws: RawWebSocket, count: number, bytes: number): void {
  let n = 0;
  const chunk = () => {
    ws._socket.cork();
    for (const end = Math.min(count, n + CHUNK); n < end; n++) ws.send(chatFrame(n, bytes));
    ws._socket.uncork();
    if (n < count) setImmediate(chunk);
  };
  chunk();
}

export async function startFloodServer(): Promise<FloodServer> {
  const http = createServer((request, response) => {
    if (request.url === '/' || request.url?.startsWith('/?')) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(page);
    }
  });
  // No heartbeats during a run: the capture is exactly the flood.
  const io = new Server(http, { transports: ['websocket'], pingInterval: 600_000, pingTimeout: 60_000 });
  io.on('connection', (socket) => {
    socket.on('flood', (count: number, bytes: number) => {
      const transport = (socket.conn as unknown as { transport: { socket: RawWebSocket } }).transport;
      push(transport.socket, count, bytes);
    });
  });
  const port = await listen(http);
  return { url: `http://127.0.0.1:${port}/`, close: () => closeServers(io, http) };
}
