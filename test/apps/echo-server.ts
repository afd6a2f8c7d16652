/**
 * A socket.io server (2.x or 4.x) that answers 'echo' events with an ack and an 'echoed' event, floods 'tick' events
 * on request, serves the transports page (`/`), the iframes page (`/frames`) and the patched built-ins page
 * (`/patched-builtins`), and logs every Engine.IO packet its transports received and sent: the ground truth that the
 * panel's capture is checked against.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import createServerV2 from 'socket.io-v2';
import { Server as ServerV4 } from 'socket.io-v4';
import type { SocketIoMajor } from './chat-server';
import { closeServers, listen, refuseConnections } from './listen';

/** A packet as the server's transports saw it, with the direction seen from the page (`sent` = the page sent it). */
export interface LoggedPacket {
  direction: 'sent' | 'received';
  transport: 'polling' | 'websocket';
  /** The Engine.IO packet as text: type digit and data (binary data as `<binary N bytes>`). */
  packet: string;
}

export interface EchoServer {
  version: SocketIoMajor;
  url: string;
  packets: LoggedPacket[];
  /** Every event the server's handlers received: name and arguments (binary as Buffer). */
  events: unknown[][];
  /** Refuses every Engine.IO request from now on; returns how many it refused so far. */
  refuse(): () => number;
  close(): Promise<void>;
}

const EIO_TYPE_IDS: Record<string, number> = { open: 0, close: 1, ping: 2, pong: 3, message: 4, upgrade: 5, noop: 6 };
const page = readFileSync(new URL('./transports/index.html', import.meta.url), 'utf8');
const framesPage = readFileSync(new URL('./frames/index.html', import.meta.url), 'utf8');
const patchedBuiltinsPage = readFileSync(new URL('./patched-builtins/index.html', import.meta.url), 'utf8');

function packetText(packet: { type: string; data?: unknown }): string {
  const data = packet.data as string | ArrayBuffer | ArrayBufferView | undefined;
  const text =
    data === undefined
      ? ''
      : ArrayBuffer.isView(data) || data instanceof ArrayBuffer
        ? `<binary ${data.byteLength} bytes>`
        : data;
  return `${EIO_TYPE_IDS[packet.type]}${text}`;
}

type EnginePacket = { type: string; data?: unknown };
type Method = (this: unknown, ...args: any[]) => unknown;

/** The log of the server that runs now, per Engine.IO module (tests run one server at a time). */
const activeLogs = new Map<SocketIoMajor, LoggedPacket[]>();

/**
 * Logs at the transports of the server's own engine.io, where every packet passes, probes and upgrades included:
 * `Transport#onPacket` for what arrives, and the `send` of each transport an Engine.IO socket uses (its first one,
 * and the one it probes for an upgrade) for what leaves.
 */
function tapEngine(version: SocketIoMajor): void {
  if (activeLogs.has(version)) return;
  const require = createRequire(import.meta.url);
  const engine = createRequire(require.resolve(version === 2 ? 'socket.io-v2' : 'socket.io-v4'))('engine.io');
  const log = (
    direction: LoggedPacket['direction'],
    transport: { name: LoggedPacket['transport'] },
    packet: EnginePacket,
  ) => activeLogs.get(version)?.push({ direction, transport: transport.name, packet: packetText(packet) });
  const tapped = new WeakSet<object>();
  const tapSend = (transport: { name: LoggedPacket['transport']; send: Method }) => {
    if (tapped.has(transport)) return;
    tapped.add(transport);
    const send = transport.send;
    transport.send = function (this: unknown, packets: EnginePacket[], ...rest: unknown[]) {
      for (const packet of packets) log('received', transport, packet);
      return send.call(this, packets, ...rest);
    };
  };
  const before = (prototype: Record<string, Method>, key: string, run: (self: any, args: any[]) => void) => {
    const original = prototype[key];
    if (!original) return;
    prototype[key] = function (this: unknown, ...args: any[]) {
      run(this, args);
      return original.apply(this, args);
    };
  };
  before(engine.Transport.prototype, 'onPacket', (transport, [packet]) => log('sent', transport, packet));
  // engine.io 3.x names them setTransport/maybeUpgrade, 6.x setTransport/_maybeUpgrade.
  for (const key of ['setTransport', 'maybeUpgrade', '_maybeUpgrade']) {
    before(engine.Socket.prototype, key, (_socket, [transport]) => tapSend(transport));
  }
  activeLogs.set(version, []);
}

export async function startEchoServer(version: SocketIoMajor): Promise<EchoServer> {
  const http = createServer((request, response) => {
    const html =
      request.url?.startsWith('/?') || request.url === '/'
        ? page
        : request.url === '/frames'
          ? framesPage
          : request.url === '/patched-builtins'
            ? patchedBuiltinsPage
            : undefined;
    if (html) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(html);
    }
  });
  // No heartbeats during a test: they would make the logs depend on timing.
  const options = { pingInterval: 120_000, pingTimeout: 60_000 };
  const io = version === 2 ? createServerV2(http, options) : new ServerV4(http, options);
  tapEngine(version);
  const packets: LoggedPacket[] = [];
  activeLogs.set(version, packets);
  const events: unknown[][] = [];
  (io as ServerV4).on('connection', (socket) => {
    socket.use((packet, next) => {
      events.push([...packet].filter((arg) => typeof arg !== 'function'));
      next();
    });
    // A flood: `count` small events, pushed as fast as the server can.
    socket.on('flood', (count: number) => {
      for (let index = 0; index < count; index++) socket.emit('tick', index);
    });
    // A burst of `count` binary events of `bytes` bytes each, the i-th filled with the byte i.
    socket.on('big', (count: number, bytes: number) => {
      for (let index = 0; index < count; index++) socket.emit('big', Buffer.alloc(bytes, index));
    });
    // Binary both ways: the bytes come back reversed, in the ack.
    socket.on('bytes', (bytes: Buffer, ack: (reply: Buffer) => void) => ack(Buffer.from(bytes).reverse()));
    // A frame no Socket.IO parser accepts: an EVENT whose JSON is cut short.
    socket.on('malformed', () =>
      (socket as unknown as { conn: { write(data: string): void } }).conn.write('2["cut short'),
    );
    // 'echo' (text, ...more, ack?): the text comes back as an 'echoed' event, and in the ack when one is asked for.
    socket.on('echo', (text: string, ...rest: unknown[]) => {
      socket.emit('echoed', text);
      const ack = rest[rest.length - 1];
      if (typeof ack === 'function') ack(`ok: ${text}`);
    });
  });
  const port = await listen(http);
  return {
    version,
    url: `http://127.0.0.1:${port}/`,
    packets,
    events,
    refuse: () => refuseConnections(io),
    close: () => closeServers(io, http),
  };
}
