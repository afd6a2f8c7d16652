/**
 * The server of one matrix row (test/matrix/cells.ts): the row's socket.io version with the handlers the page's
 * features use (scenario.js), its own browser client, and a log of every Socket.IO packet per session (server-log.ts).
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import type { Flavour, TransportName } from '../../matrix/cells';
import { closeServers, listen } from '../listen';
import { packageFile } from '../package-file';
import { mapBinaries } from './binary-values';
import { logServer, type ParserModule, type SessionLog } from './server-log';

export type RunName = 'default' | 'msgpack' | 'recovery';

export interface MatrixServer {
  /** The page of the run, with its query. */
  url: string;
  /** The server's log: Socket.IO packets by sid. */
  sessions: Map<string, SessionLog>;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);
const here = dirname(new URL(import.meta.url).pathname);
const page = readFileSync(join(here, 'index.html'), 'utf8');
const scenario = readFileSync(join(here, 'scenario.js'), 'utf8');
const CUSTOM_PATH = '/custom-path';

/** The msgpack parser that goes with a socket.io-parser generation: 2.x for socket.io 2, 3.x for 3 and 4. */
const msgpackParserFor = (socketIoPackage: string) =>
  socketIoPackage.endsWith('-v2') ? 'socket.io-msgpack-parser-v2' : 'socket.io-msgpack-parser';

/** A module of the server package's own dependencies (its engine.io, its socket.io-parser). */
const serverDependency = (flavour: Flavour, name: string) => createRequire(require.resolve(flavour.server))(name);

const parserBundles = new Map<string, string>();

/** The msgpack parser as a browser script that sets window.ioParser (esbuild, once per parser). */
async function parserScript(name: string): Promise<string> {
  let script = parserBundles.get(name);
  if (!script) {
    const result = await build({
      stdin: { contents: `import * as parser from '${name}'; window.ioParser = parser;`, resolveDir: here },
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      logLevel: 'silent',
    });
    parserBundles.set(name, (script = result.outputFiles[0].text));
  }
  return script;
}

function createIo(flavour: Flavour, http: ReturnType<typeof createServer>, options: Record<string, unknown>): any {
  const module = require(flavour.server);
  return flavour.server === 'socket.io-v1' || flavour.server === 'socket.io-v2'
    ? module(http, options)
    : new module.Server(http, options);
}

/** The value with every binary in it reversed, byte by byte. */
const reversed = (value: unknown) => mapBinaries(value, (bytes) => bytes.reverse());

/** The handlers the features of scenario.js talk to. */
function handle(io: any): void {
  io.on('connection', (socket: any) => {
    socket.on('echo', (text: string, ack: (reply: string) => void) => ack(`ok: ${text}`));
    socket.on('ask', () => socket.emit('question', 'life', (answer: string) => socket.emit('answered', answer)));
    socket.on('nested', (value: unknown, extra: unknown, ack: (...reply: unknown[]) => void) =>
      ack(reversed(value), reversed(extra)),
    );
    socket.on('kick-me', () => socket.disconnect(true));
    socket.on('leave-me', () => {
      socket.once('disconnect', () => io.emit('missed', 'while you were away'));
      socket.emit('bye', 'see you');
    });
  });
  io.of('/admin').on('connection', (socket: any) => {
    socket.on('echo', (text: string, ack: (reply: string) => void) => ack(`admin: ${text}`));
  });
  io.of('/private').use((_socket: unknown, next: (error: Error) => void) => next(new Error('not allowed')));
}

export async function startMatrixServer(
  flavour: Flavour,
  transport: TransportName,
  run: RunName,
): Promise<MatrixServer> {
  const path = transport === 'path' ? CUSTOM_PATH : '/socket.io';
  const parserName = run === 'msgpack' ? msgpackParserFor(flavour.server) : undefined;
  const files: Record<string, { type: string; body: string }> = {
    '/': { type: 'text/html', body: page },
    '/frame': { type: 'text/html', body: page },
    '/scenario.js': { type: 'text/javascript', body: scenario },
    '/client.js': { type: 'text/javascript', body: packageFile(flavour.client, 'dist/socket.io.js') },
    '/parser.js': {
      type: 'text/javascript',
      body: run === 'msgpack' ? await parserScript(msgpackParserFor(flavour.client)) : '',
    },
  };
  if (flavour.client === 'socket.io-client-v4')
    files['/client.mjs'] = { type: 'text/javascript', body: packageFile(flavour.client, 'dist/socket.io.esm.min.js') };
  const http = createServer((request, response) => {
    const file = files[new URL(request.url ?? '/', 'http://localhost').pathname];
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': `${file.type}; charset=utf-8` });
    response.end(file.body);
  });
  const io = createIo(flavour, http, {
    path,
    serveClient: false,
    // No heartbeats during a test: they would make the logs depend on timing.
    pingInterval: 120_000,
    pingTimeout: 60_000,
    ...(parserName && { parser: require(parserName) }),
    ...(flavour.name === '4.x server + 2.x client' && { allowEIO3: true }),
    ...(run === 'recovery' && { connectionStateRecovery: { maxDisconnectionDuration: 60_000 } }),
  });
  handle(io);
  const parser: ParserModule = parserName ? require(parserName) : serverDependency(flavour, 'socket.io-parser');
  const sessions = logServer(io.engine ?? io.eio, serverDependency(flavour, 'engine.io'), parser, flavour.eio);
  const port = await listen(http);
  const query = new URLSearchParams({ transport, run, path });
  return { url: `http://127.0.0.1:${port}/?${query}`, sessions, close: () => closeServers(io, http) };
}
