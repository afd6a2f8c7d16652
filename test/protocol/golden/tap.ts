// A recording tap: an HTTP + WebSocket proxy on 127.0.0.1 in front of a real server. It records every polling
// body (POST request = sent, GET response = received) and every WebSocket message, in the order the page would
// see them, exactly as they cross the wire.
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

const require = createRequire(import.meta.url);

const { WebSocket, WebSocketServer } = require('ws') as { WebSocket: any; WebSocketServer: any };

/** One recorded frame. Text bodies/messages are kept as text, binary ones as base64. */
export interface RecordedFrame {
  conn: number;
  direction: 'sent' | 'received';
  transport: 'polling' | 'websocket';
  url: string;
  method?: string;
  status?: number;
  contentType?: string;
  text?: string;
  base64?: string;
  /** When the tap saw it, in ms since the epoch. */
  time?: number;
}

/** A connection that ended or failed, as the page would see it: a WebSocket's close, or a request the server never answered. */
export interface RecordedEvent {
  conn: number;
  kind: 'close' | 'error';
  transport: 'polling' | 'websocket';
  url: string;
  time: number;
  /** WebSocket close: the code of the side that closed first (1006 when it dropped without a closing handshake). */
  code?: number;
  reason?: string;
}

function body(data: Buffer, binary: boolean): Pick<RecordedFrame, 'text' | 'base64' | 'time'> {
  return { ...(binary ? { base64: data.toString('base64') } : { text: data.toString('utf8') }), time: Date.now() };
}

export interface Tap {
  port: number;
  frames: RecordedFrame[];
  events: RecordedEvent[];
  close(): Promise<void>;
}

/** Start a tap forwarding to 127.0.0.1:`upstreamPort`. */
export async function startTap(upstreamPort: number): Promise<Tap> {
  const frames: RecordedFrame[] = [];
  const events: RecordedEvent[] = [];
  let conns = 0;
  const sockets = new Set<any>();
  const server = http.createServer((req, res) => {
    const conn = conns++;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reqBody = Buffer.concat(chunks);
      const url = req.url ?? '';
      if (req.method === 'POST') {
        const contentType = req.headers['content-type'] ?? '';
        frames.push({
          conn,
          direction: 'sent',
          transport: 'polling',
          url,
          method: 'POST',
          contentType,
          ...body(reqBody, contentType.includes('octet-stream')),
        });
      }
      const up = http.request(
        { host: '127.0.0.1', port: upstreamPort, method: req.method, path: url, headers: req.headers },
        (ures) => {
          const out: Buffer[] = [];
          ures.on('data', (c: Buffer) => out.push(c));
          ures.on('end', () => {
            const resBody = Buffer.concat(out);
            const contentType = String(ures.headers['content-type'] ?? '');
            if (req.method === 'GET') {
              frames.push({
                conn,
                direction: 'received',
                transport: 'polling',
                url,
                method: 'GET',
                status: ures.statusCode ?? 0,
                contentType,
                ...body(resBody, contentType.includes('octet-stream')),
              });
            } else if ((ures.statusCode ?? 200) >= 400) {
              frames.push({
                conn,
                direction: 'received',
                transport: 'polling',
                url,
                method: req.method ?? '',
                status: ures.statusCode ?? 0,
                contentType,
                ...body(resBody, false),
              });
            }
            res.writeHead(ures.statusCode ?? 502, ures.headers);
            res.end(resBody);
          });
        },
      );
      up.on('error', () => {
        events.push({ conn, kind: 'error', transport: 'polling', url, time: Date.now() });
        res.destroy();
      });
      up.end(reqBody);
    });
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (client: any) => {
      const conn = conns++;
      const url = req.url ?? '';
      const upstream = new WebSocket(`ws://127.0.0.1:${upstreamPort}${url}`);
      sockets.add(client).add(upstream);
      const queue: [Buffer, boolean][] = [];
      const record = (direction: 'sent' | 'received', data: Buffer, isBinary: boolean): void => {
        frames.push({ conn, direction, transport: 'websocket', url, ...body(data, isBinary) });
      };
      client.on('message', (data: Buffer, isBinary: boolean) => {
        record('sent', data, isBinary);
        if (upstream.readyState === WebSocket.OPEN) upstream.send(data, { binary: isBinary });
        else queue.push([data, isBinary]);
      });
      upstream.on('open', () => {
        for (const [d, b] of queue.splice(0)) upstream.send(d, { binary: b });
      });
      upstream.on('message', (data: Buffer, isBinary: boolean) => {
        record('received', data, isBinary);
        client.send(data, { binary: isBinary });
      });
      let closed = false;
      const closeBoth = (code = 1006, reason: Buffer | string = ''): void => {
        if (!closed)
          events.push({
            conn,
            kind: 'close',
            transport: 'websocket',
            url,
            time: Date.now(),
            code,
            reason: String(reason),
          });
        closed = true;
        client.terminate();
        upstream.terminate();
      };
      client.on('close', closeBoth);
      upstream.on('close', closeBoth);
      client.on('error', () => closeBoth());
      upstream.on('error', () => closeBoth());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    frames,
    events,
    close: async () => {
      for (const s of sockets) s.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
