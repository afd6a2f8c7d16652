/**
 * The transparency probe's server: the probe page, Engine.IO-looking polling endpoints (`/socket.io/?EIO=4&…`), a
 * plain HTTP endpoint, and a WebSocket echo on every path (`/socket.io/?EIO=4&transport=websocket` engages the hook
 * as Engine.IO, `/raw` is any other socket). Everything it answers is deterministic, so two runs of the probe can be
 * compared byte for byte. Binds 127.0.0.1 only; port 0 picks a free port.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';

export interface ProbeServer {
  /** The probe page, e.g. `http://127.0.0.1:PORT/`. */
  url: string;
  close(): Promise<void>;
}

/** The Engine.IO v4 handshake the polling endpoint answers with. */
export const HANDSHAKE =
  '0{"sid":"probe-sid","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}';
/** What a WebSocket gets when it sends `binary:N`: N bytes 0, 1, 2, … */
const bytes = (count: number) => Buffer.from(Array.from({ length: count }, (_, i) => i % 256));

const page = readFileSync(new URL('./index.html', import.meta.url), 'utf8');
const script = readFileSync(new URL('./probe.js', import.meta.url), 'utf8');

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function answer(response: ServerResponse, type: string, body: string | Buffer): void {
  response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(body);
}

async function handle(request: IncomingMessage, response: ServerResponse, closedPort: number): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const body = await readBody(request);
  if (url.pathname === '/')
    return answer(response, 'text/html; charset=utf-8', page.replace('__CLOSED_PORT__', String(closedPort)));
  if (url.pathname === '/probe.js') return answer(response, 'text/javascript; charset=utf-8', script);
  if (url.pathname === '/plain')
    return answer(response, 'text/plain; charset=utf-8', request.method === 'POST' ? body : 'plain ok');
  if (url.pathname !== '/socket.io/' || url.searchParams.get('transport') !== 'polling') {
    response.writeHead(404, { 'cache-control': 'no-store' });
    response.end('not found');
    return;
  }
  if (request.method === 'POST') {
    const form = (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    if (form)
      return answer(
        response,
        'text/html; charset=utf-8',
        `<pre>${new URLSearchParams(body.toString()).get('d') ?? ''}</pre>`,
      );
    return answer(response, request.headers['content-type'] ?? 'application/octet-stream', body);
  }
  const type = url.searchParams.get('type');
  if (type === 'json') return answer(response, 'application/json', HANDSHAKE.slice(1));
  if (type === 'binary') return answer(response, 'application/octet-stream', bytes(16));
  if (type === 'jsonp')
    return answer(
      response,
      'text/javascript; charset=utf-8',
      `___eio[${url.searchParams.get('j')}](${JSON.stringify(HANDSHAKE)});`,
    );
  if (type === 'slow') {
    const timer = setTimeout(() => answer(response, 'text/plain; charset=UTF-8', HANDSHAKE), 2_000);
    response.on('close', () => clearTimeout(timer));
    return;
  }
  return answer(response, 'text/plain; charset=UTF-8', HANDSHAKE);
}

/** Echoes every message; `binary:N` answers N bytes, `close:CODE:REASON` closes from the server side. */
function echo(socket: WebSocket): void {
  socket.on('message', (data: RawData, isBinary: boolean) => {
    const text = isBinary ? '' : (data as Buffer).toString();
    const close = /^close:(\d+):(.*)$/.exec(text);
    if (close) socket.close(Number(close[1]), close[2]);
    else if (text.startsWith('binary:')) socket.send(bytes(Number(text.slice(7))));
    else socket.send(data, { binary: isBinary });
  });
}

/** A port nothing listens on (bound, then released), for connections that must fail. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export async function startProbeServer(port = 0): Promise<ProbeServer> {
  const unused = await closedPort();
  const http = createServer((request, response) => {
    handle(request, response, unused).catch(() => response.destroy());
  });
  const sockets = new WebSocketServer({ server: http });
  sockets.on('connection', echo);
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: boundPort } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${boundPort}/`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
