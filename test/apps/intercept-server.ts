/**
 * The intercept tests' server: socket.io 2.x or 4.x with a fast heartbeat (pingInterval 300 ms, pingTimeout 200 ms),
 * serving the intercept page, and keeping its own log: the events its handlers received (in order), the heartbeats its
 * engine took part in (pings from a 2.x client, pongs to a 4.x server's pings), and the Engine.IO sessions it closed.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import createServerV2 from 'socket.io-v2';
import { Server as ServerV4, type Socket } from 'socket.io-v4';
import type { SocketIoMajor } from './chat-server';
import { closeServers, listen } from './listen';
import { packageFile } from './package-file';

export interface InterceptServer {
  url: string;
  /** Each event the server's handlers received: its name and arguments. */
  events: unknown[][];
  /** Heartbeat packets (ping or pong) the server's engine received from the page. */
  heartbeats(): number;
  /** The reasons of the Engine.IO sessions that closed. */
  closes: string[];
  /** Emits an event to every connected page. */
  push(event: string, ...args: unknown[]): void;
  /**
   * Over polling: once the engine answered the page's pending GET, queues a heartbeat packet (a ping on 4.x, a pong on
   * 2.x, where the client pings) and the event, so that the page's next GET carries both in one body. Resolves with the
   * types of the packets of that body, as the engine flushed them.
   */
  pushWithHeartbeat(event: string, ...args: unknown[]): Promise<string[]>;
  close(): Promise<void>;
}

const page = readFileSync(new URL('./intercept/index.html', import.meta.url), 'utf8');

export async function startInterceptServer(version: SocketIoMajor): Promise<InterceptServer> {
  const http = createServer((request, response) => {
    if (request.url === '/client.mjs' && version === 4) {
      response.writeHead(200, { 'content-type': 'text/javascript' });
      return void response.end(packageFile('socket.io-client-v4', 'dist/socket.io.esm.min.js'));
    }
    if (request.url !== '/' && !request.url?.startsWith('/?')) return;
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(page);
  });
  const options = { pingInterval: 300, pingTimeout: 200 };
  const io = version === 2 ? createServerV2(http, options) : new ServerV4(http, options);
  const events: unknown[][] = [];
  const closes: string[] = [];
  let heartbeats = 0;
  const engine = (io as unknown as { engine: { on(event: string, run: (socket: EngineSocket) => void): void } }).engine;
  type EnginePacket = { type?: string } | string;
  type EngineSocket = {
    on(event: string, run: (value: EnginePacket & EnginePacket[]) => void): void;
    once(event: string, run: (value: EnginePacket[]) => void): void;
    sendPacket(type: string): void;
  };
  const engineSockets: EngineSocket[] = [];
  engine.on('connection', (socket) => {
    engineSockets.push(socket);
    socket.on('packet', (packet) => {
      const type = typeof packet === 'string' ? packet : packet.type;
      if (type === 'ping' || type === 'pong') heartbeats++;
    });
    socket.on('close', (reason) => closes.push(typeof reason === 'string' ? reason : 'closed'));
  });
  (io as ServerV4).on('connection', (socket: Socket) => {
    socket.use((packet, next) => {
      events.push([...packet].filter((arg) => typeof arg !== 'function'));
      next();
    });
    socket.on('ask', (text: string, ack: (answer: string) => void) => ack(`server: ${text}`));
  });
  const port = await listen(http);
  return {
    url: `http://127.0.0.1:${port}/`,
    events,
    heartbeats: () => heartbeats,
    closes,
    push: (event, ...args) => void (io as ServerV4).emit(event, ...args),
    pushWithHeartbeat: (event, ...args) =>
      new Promise((resolve) => {
        const socket = engineSockets.at(-1)!;
        socket.once('drain', () => {
          socket.once('flush', (packets) => resolve(packets.map((packet) => (packet as { type: string }).type)));
          socket.sendPacket(version === 2 ? 'pong' : 'ping');
          (io as ServerV4).emit(event, ...args);
        });
      }),
    close: () => closeServers(io, http),
  };
}
