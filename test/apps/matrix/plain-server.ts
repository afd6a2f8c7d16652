/**
 * The two apps of the matrix that are not Socket.IO, on one server: a plain `ws` WebSocket echo (`/ws`) and a plain
 * Engine.IO echo on engine.io 6 with its own browser client (`/engine.io`). Each page sends two messages (text, then
 * bytes for the WebSocket) and sets window.plainResult to the echoes; the server logs every message both ways.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { WebSocketServer, type RawData } from 'ws';
import { closeServers, listen } from '../listen';

/** A message's data as the server saw it: text, or bytes as `{"$binary": base64}`. */
export type PlainMessage = string | { $binary: string };

/** The messages of one app, by direction from the page's side (`sent`: the page sent it), in order. */
export interface PlainLog {
  sent: PlainMessage[];
  received: PlainMessage[];
}

export interface PlainServer {
  /** The page of each app. */
  urls: { ws: string; 'engine.io': string };
  messages: { ws: PlainLog; 'engine.io': PlainLog };
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);
const engineIo = createRequire(require.resolve('socket.io-v4'))('engine.io');
const engineIoClient = readFileSync(
  join(
    dirname(createRequire(require.resolve('socket.io-client-v4')).resolve('engine.io-client/package.json')),
    'dist/engine.io.js',
  ),
  'utf8',
);

const html = (body: string) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><title>plain</title></head><body>${body}</body></html>`;

const PAGES: Record<string, string> = {
  '/plain-ws': html(`<script>
    const echoes = [];
    const socket = new WebSocket('ws://' + location.host + '/raw');
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => { socket.send('hello'); socket.send(new Uint8Array([1, 2, 3])); };
    socket.onmessage = (event) => {
      echoes.push(typeof event.data === 'string' ? event.data : Array.from(new Uint8Array(event.data)));
      if (echoes.length === 2) { window.plainResult = echoes; socket.close(); }
    };
  </script>`),
  '/plain-engine': html(`<script src="/engine.io-client.js"></script><script>
    const echoes = [];
    const socket = eio(location.origin);
    socket.on('open', () => { socket.send('hello'); socket.send('world'); });
    socket.on('message', (data) => {
      echoes.push(data);
      if (echoes.length === 2) { window.plainResult = echoes; socket.close(); }
    });
  </script>`),
  '/engine.io-client.js': engineIoClient,
};

const asLogged = (data: RawData | string, isBinary: boolean): PlainMessage =>
  isBinary ? { $binary: Buffer.from(data as Buffer).toString('base64') } : (data as Buffer | string).toString();

export async function startPlainServer(): Promise<PlainServer> {
  const messages: PlainServer['messages'] = { ws: { sent: [], received: [] }, 'engine.io': { sent: [], received: [] } };
  const http = createServer((request, response) => {
    const body = PAGES[new URL(request.url ?? '/', 'http://localhost').pathname];
    if (body === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'content-type': `${request.url!.endsWith('.js') ? 'text/javascript' : 'text/html'}; charset=utf-8`,
    });
    response.end(body);
  });

  const wss = new WebSocketServer({ server: http, path: '/raw' });
  wss.on('connection', (socket) => {
    socket.on('message', (data: RawData, isBinary: boolean) => {
      messages.ws.sent.push(asLogged(data, isBinary));
      const reply = isBinary ? Buffer.from(data as Buffer).reverse() : `echo: ${(data as Buffer).toString()}`;
      messages.ws.received.push(asLogged(reply, isBinary));
      socket.send(reply);
    });
  });

  const engine = engineIo.attach(http, { pingInterval: 120_000, pingTimeout: 60_000 });
  engine.on(
    'connection',
    (socket: { on(event: 'message', listener: (data: string) => void): void; send(data: string): void }) => {
      socket.on('message', (data) => {
        messages['engine.io'].sent.push(data);
        const reply = `echo: ${data}`;
        messages['engine.io'].received.push(reply);
        socket.send(reply);
      });
    },
  );

  const port = await listen(http);
  const origin = `http://127.0.0.1:${port}`;
  return {
    urls: { ws: `${origin}/plain-ws`, 'engine.io': `${origin}/plain-engine` },
    messages,
    close: async () => {
      wss.close();
      await closeServers(engine, http);
    },
  };
}
