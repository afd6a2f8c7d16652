// The recorded app: real socket.io 2.x / 4.x servers and a client script that exercises events, acks both ways,
// binary (top-level, nested, in acks), unicode, namespaces with auth/query, and a refused namespace.
import { once, EventEmitter } from 'node:events';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

const require = createRequire(import.meta.url);

const ioServerV2: any = require('socket.io-v2');
const { Server: IoServerV4 }: any = require('socket.io-v4');
const ioClientV2: any = require('socket.io-client-v2');
const { io: ioClientV4 }: any = require('socket.io-client-v4');
const msgpackV2: any = require('socket.io-msgpack-parser-v2');
const msgpackV3: any = require('socket.io-msgpack-parser');
/** engine.io-client 6.x as bundled with socket.io-client 4 (for the opt-in fetch() polling transport). */
export const engineIoClientV6: any = createRequire(require.resolve('socket.io-client-v4'))('engine.io-client');

export type Stack = 2 | 4;
export interface ServerOptions {
  msgpack?: boolean;
  recovery?: boolean;
  allowEIO3?: boolean;
}

/** Wait for `event` with a guard timeout (a failure, never a synchronisation sleep). */
export async function waitEvent(emitter: any, event: string, ms = 10_000): Promise<any[]> {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), ms);
  try {
    return await once(emitter, event, { signal: ac.signal });
  } catch {
    throw new Error(`timed out waiting for "${event}"`);
  } finally {
    clearTimeout(timer);
  }
}

export interface AppServer {
  port: number;
  /** Resolves once `n` Socket.IO sockets have disconnected and every Engine.IO session is closed. */
  settled(sockets: number): Promise<void>;
  close(): Promise<void>;
}

export async function startApp(stack: Stack, options: ServerOptions = {}): Promise<AppServer> {
  const httpServer = http.createServer();
  const serverOptions: Record<string, unknown> = {};
  if (options.msgpack) serverOptions['parser'] = stack === 2 ? msgpackV2 : msgpackV3;
  if (options.recovery) serverOptions['connectionStateRecovery'] = {};
  if (options.allowEIO3) serverOptions['allowEIO3'] = true;
  const io = stack === 2 ? ioServerV2(httpServer, serverOptions) : new IoServerV4(httpServer, serverOptions);
  const events = new EventEmitter();
  let disconnects = 0;
  let openEngines = 0;
  io.engine.on('connection', (s: any) => {
    openEngines++;
    s.on('close', () => {
      openEngines--;
      events.emit('change');
    });
  });
  const onDisconnect = (): void => {
    disconnects++;
    events.emit('change');
  };
  io.on('connection', (socket: any) => {
    socket.on('disconnect', onDisconnect);
    socket.emit('welcome', 'héllo 🎉', { n: 1, nested: { ok: true } });
    socket.on('echo', (...args: any[]) => args.pop()(...args));
    socket.on('bin', (buf: Buffer, ack: any) => ack({ got: buf.length, back: buf }));
    socket.on('nested', (obj: any) => socket.emit('nested:ok', obj));
    socket.on('trigger-ask', () => socket.emit('ask', 'q1', (answer: string) => socket.emit('asked', answer)));
  });
  io.of('/admin').on('connection', (socket: any) => {
    socket.on('disconnect', onDisconnect);
    socket.emit('admin:hello', socket.handshake.query?.token ?? socket.handshake.auth?.token);
  });
  io.of('/forbidden').use((_socket: any, next: (e: Error) => void) => {
    // socket.io-msgpack-parser 2.x only accepts a string ERROR payload: err.data would crash its client decoder.
    const err = Object.assign(
      new Error('not authorized'),
      stack === 2 && options.msgpack ? {} : { data: { code: 42 } },
    );
    next(err);
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  return {
    port: (httpServer.address() as AddressInfo).port,
    settled: async (sockets) => {
      while (disconnects < sockets || openEngines > 0) await waitEvent(events, 'change');
    },
    close: async () => {
      io.close();
      httpServer.closeAllConnections?.();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

function emitAck(socket: any, event: string, ...args: unknown[]): Promise<unknown[]> {
  return new Promise((resolve) => socket.emit(event, ...args, (...res: unknown[]) => resolve(res)));
}

/** Drive the app with a real client (socket.io-client 2.x or 4.x). Returns the number of sockets it opened. */
export async function runClient(stack: Stack, base: string, clientOptions: Record<string, unknown>): Promise<number> {
  const opts: Record<string, unknown> = { ...clientOptions, reconnection: false };
  if (clientOptions['msgpack']) opts['parser'] = stack === 2 ? msgpackV2 : msgpackV3;
  delete opts['msgpack'];
  const io = (nsp: string, extra: Record<string, unknown> = {}): any =>
    (stack === 2 ? ioClientV2 : ioClientV4)(base + nsp, { ...opts, ...extra });
  const socket = io('/');
  socket.on('ask', (q: string, ack: (a: string) => void) => ack(`answer to ${q}`));
  await waitEvent(socket, 'welcome');
  await emitAck(socket, 'echo', 'text', 42, { a: [1, 2] }, ['ünï', '😀'], '');
  await emitAck(socket, 'bin', Buffer.from([1, 2, 3]));
  socket.emit('nested', { deep: { buf: Buffer.from([4, 5]), list: [Buffer.from([6]), 'x'] } });
  await waitEvent(socket, 'nested:ok');
  socket.emit('trigger-ask');
  await waitEvent(socket, 'asked');
  const admin = io('/admin', stack === 2 ? { query: { token: 'abc' } } : { auth: { token: 'abc' } });
  await waitEvent(admin, 'admin:hello');
  const forbidden = io('/forbidden');
  await waitEvent(forbidden, stack === 2 ? 'error' : 'connect_error');
  forbidden.close();
  admin.disconnect();
  socket.disconnect();
  return 2;
}
