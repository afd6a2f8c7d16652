/**
 * socket.io 4.x serving the workers app on 127.0.0.1 (port 0), logging every Engine.IO packet of each session with
 * the worker kind its client named in the query (`?kind=`), and the Socket.IO events its handlers saw.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Server } from 'socket.io-v4';

/** One Engine.IO packet as the server logged it (`sent` = server to client); binary data as base64. */
export interface WorkerPacket {
  kind: string;
  sid: string;
  transport: string;
  direction: 'sent' | 'received';
  type: string;
  data?: string | { base64: string };
}

export interface WorkersServer {
  url: string;
  packets: WorkerPacket[];
  events: { kind: string; event: string; reply?: unknown; args?: unknown[] }[];
  close(): Promise<void>;
}

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const FILES: Record<string, string> = {
  '/': here('index.html'),
  '/client.js': here('client.js'),
  '/dedicated.js': here('dedicated.js'),
  '/shared.js': here('shared.js'),
  '/service.js': here('service.js'),
  '/socket.io.esm.min.js': join(
    dirname(createRequire(import.meta.url).resolve('socket.io-client-v4/package.json')),
    'dist/socket.io.esm.min.js',
  ),
};

const dataOf = (data: unknown) =>
  data === undefined
    ? undefined
    : typeof data === 'string'
      ? data
      : { base64: Buffer.from(data as Uint8Array).toString('base64') };

export function startWorkersServer(): Promise<WorkersServer> {
  const http = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const file = FILES[path];
    if (file) {
      const type = path === '/' ? 'text/html' : 'text/javascript';
      response.writeHead(200, { 'content-type': `${type}; charset=utf-8` });
      response.end(readFileSync(file));
    } else if (!path.startsWith('/socket.io/')) response.writeHead(404).end();
  });
  const io = new Server(http);
  const packets: WorkerPacket[] = [];
  const events: WorkersServer['events'] = [];
  io.engine.on(
    'connection',
    (engine: { id: string; request: { url: string }; transport: { name: string } } & NodeJS.EventEmitter) => {
      const kind = new URL(engine.request.url, 'http://x').searchParams.get('kind') ?? '';
      const log = (direction: 'sent' | 'received', packet: { type: string; data?: unknown }) =>
        packets.push({
          kind,
          sid: engine.id,
          transport: engine.transport.name,
          direction,
          type: packet.type,
          data: dataOf(packet.data),
        });
      engine.on('packet', (packet: { type: string; data?: unknown }) => log('received', packet));
      engine.on('packetCreate', (packet: { type: string; data?: unknown }) => log('sent', packet));
    },
  );
  io.on('connection', (socket) => {
    const kind = String(socket.handshake.query.kind);
    socket.on('hello', (_arg: unknown, ack: (reply: unknown) => void) => ack({ ok: true, kind }));
    socket.on('from-panel', (...args: unknown[]) => {
      const ack = typeof args.at(-1) === 'function' ? (args.pop() as (reply: string) => void) : undefined;
      events.push({ kind, event: 'from-panel', args });
      ack?.('panel ack');
    });
    socket.on('ready-for-server-event', () => {
      socket.emit('server-event', { n: 42, to: kind, bin: Buffer.from([1, 2, 3]) }, (reply: unknown) =>
        events.push({ kind, event: 'ack of server-event', reply }),
      );
    });
  });
  return new Promise((resolve) =>
    http.listen(0, '127.0.0.1', () => {
      const { port } = http.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        packets,
        events,
        close: () => new Promise((closed) => void io.close(() => closed())),
      });
    }),
  );
}
