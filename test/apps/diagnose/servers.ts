/**
 * Real socket.io servers, really misconfigured, one per scenario of client.js: the ground on which the panel's
 * Problems view is tested (test/e2e/diagnostics.test.ts) and its fixtures recorded (record.ts). Each binds 127.0.0.1
 * on a free port and allows any origin, as the page comes from another port (page-server.ts).
 */
import { createServer, type Server as HttpServer } from 'node:http';
import { createRequire } from 'node:module';
import createServerV2 from 'socket.io-v2';
import { Server as ServerV4 } from 'socket.io-v4';
import { closeServers, listen } from '../listen';
import { startRoundRobinProxy } from './round-robin-proxy';

export type ScenarioName =
  | 'sticky'
  | 'eio-mismatch'
  | 'eio-reverse'
  | 'silent-heartbeat'
  | 'silent-heartbeat-v3'
  | 'unanswered-ack'
  | 'refused'
  | 'restart-loop'
  | 'upgrade-refused'
  | 'max-payload'
  | 'reserved-event'
  | 'duplicate-offsets';

export interface ScenarioServer {
  /** What the client connects to: `http://127.0.0.1:<port>`. */
  url: string;
  /** The server's own version, for the fixture's header. */
  server: string;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);
const version = (name: string): string => (require(`${name}/package.json`) as { version: string }).version;
export const SOCKET_IO_V4 = `socket.io ${version('socket.io-v4')}`;
export const SOCKET_IO_V2 = `socket.io ${version('socket.io-v2')}`;

const FAST_HEARTBEAT = { pingInterval: 300, pingTimeout: 200 };
/** The page comes from another port; socket.io-client 2.x sends credentials, so the origin is echoed, not `*`. */
const ANY_ORIGIN = { cors: { origin: true, credentials: true } };

interface Running {
  port: number;
  io: any;
  close(): Promise<void>;
}

/** A socket.io 4 server on `port` (0: any free one), with `setup` run on it before it listens. */
async function startV4(options: Record<string, unknown>, setup: (io: any) => void = () => {}, port = 0) {
  const http = createServer();
  const io = new ServerV4(http, { ...ANY_ORIGIN, ...options });
  setup(io);
  return { port: await listen(http, port), io, close: () => closeServers(io, http) } satisfies Running;
}

async function startV2(options: Record<string, unknown>, setup: (io: any) => void = () => {}) {
  const http: HttpServer = createServer();
  const io = createServerV2(http, options);
  setup(io);
  return { port: await listen(http), io, close: () => closeServers(io, http) } satisfies Running;
}

const at = (port: number) => `http://127.0.0.1:${port}`;

function single(running: Running, server = SOCKET_IO_V4): ScenarioServer {
  return { url: at(running.port), server, close: () => running.close() };
}

const welcome = (io: any) => io.on('connection', (socket: any) => socket.emit('welcome', socket.id));

/** Pings once, then stops: the engine.io socket's ping timer is cancelled after its first pong. */
function pingOnce(io: any): void {
  io.engine.on('connection', (engineSocket: any) =>
    engineSocket.once('heartbeat', () => clearTimeout(engineSocket.pingIntervalTimer)),
  );
}

/** Never answers the client's pings (Engine.IO 3: the client pings, the server pongs). */
function dropPongs(io: any): void {
  io.engine.on('connection', (engineSocket: any) => {
    const sendPacket = engineSocket.sendPacket.bind(engineSocket) as (type: string, ...rest: unknown[]) => void;
    engineSocket.sendPacket = (type: string, ...rest: unknown[]) => {
      if (type !== 'pong') sendPacket(type, ...rest);
    };
  });
}

/** A socket.io 4 server that closes (as a crash would) 300 ms after each connection and is back 100 ms later. */
async function startRestartLoop(): Promise<ScenarioServer> {
  let running = await startV4({});
  const port = running.port;
  let stopped = false;
  const cycle = (io: any) =>
    io.on('connection', () => {
      setTimeout(() => void restart(), 300);
    });
  cycle(running.io);
  let restarting = false;
  async function restart(): Promise<void> {
    if (restarting || stopped) return;
    restarting = true;
    await running.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (!stopped) running = await startV4({}, cycle, port);
    restarting = false;
  }
  return {
    url: at(port),
    server: SOCKET_IO_V4,
    close: async () => {
      stopped = true;
      await running.close();
    },
  };
}

/** Two socket.io 4 servers behind a round-robin proxy (or one behind a proxy refusing WebSockets). */
async function behindProxy(count: number, refuseWebSocket: boolean, options = {}): Promise<ScenarioServer> {
  const upstreams = await Promise.all(Array.from({ length: count }, () => startV4(options, welcome)));
  const proxy = await startRoundRobinProxy(
    upstreams.map((upstream) => upstream.port),
    { refuseWebSocket },
  );
  return {
    url: at(proxy.port),
    server: SOCKET_IO_V4,
    close: async () => {
      await proxy.close();
      await Promise.all(upstreams.map((upstream) => upstream.close()));
    },
  };
}

const STARTERS: Record<ScenarioName, () => Promise<ScenarioServer>> = {
  sticky: () => behindProxy(2, false),
  'upgrade-refused': () => behindProxy(1, true, FAST_HEARTBEAT),
  'eio-mismatch': async () => single(await startV4({}, welcome)),
  'eio-reverse': async () => single(await startV2({}, welcome), SOCKET_IO_V2),
  'silent-heartbeat': async () => single(await startV4(FAST_HEARTBEAT, pingOnce)),
  'silent-heartbeat-v3': async () => single(await startV2(FAST_HEARTBEAT, dropPongs), SOCKET_IO_V2),
  'unanswered-ack': async () =>
    single(await startV4(FAST_HEARTBEAT, (io) => io.on('connection', (socket: any) => socket.on('save', () => {})))),
  refused: async () =>
    single(
      await startV4({}, (io) =>
        io
          .of('/admin')
          .use((_socket: any, next: (error: Error) => void) =>
            next(Object.assign(new Error('not authorized'), { data: { reason: 'token expired' } })),
          ),
      ),
    ),
  'restart-loop': startRestartLoop,
  'max-payload': async () => single(await startV4({ maxHttpBufferSize: 10_000 }, welcome)),
  'reserved-event': async () => single(await startV4({ allowEIO3: true }, welcome)),
  'duplicate-offsets': async () =>
    single(
      await startV4({ connectionStateRecovery: {} }, (io) =>
        io.on('connection', (socket: any) => {
          if (!socket.recovered) for (let n = 1; n <= 3; n++) socket.emit('tick', n);
        }),
      ),
    ),
};

export function startScenarioServer(name: ScenarioName): Promise<ScenarioServer> {
  return STARTERS[name]();
}
