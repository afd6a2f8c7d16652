// A plain round-robin HTTP proxy without sticky sessions, as a load balancer left at its defaults: each request and
// each WebSocket upgrade goes to the next upstream in turn, whatever session it belongs to. With `refuseWebSocket` it
// answers every WebSocket upgrade 400, as a proxy that does not pass WebSockets.
import http from 'node:http';
import net from 'node:net';
import { listen } from '../listen';

export interface RoundRobinProxy {
  port: number;
  close(): Promise<void>;
}

export interface ProxyOptions {
  refuseWebSocket?: boolean;
}

/** The request line and headers of an upgrade request, as they came, to replay upstream. */
function requestHead(req: http.IncomingMessage): string {
  const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
  for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

export async function startRoundRobinProxy(upstreams: number[], options: ProxyOptions = {}): Promise<RoundRobinProxy> {
  let turn = 0;
  const next = (): number => upstreams[turn++ % upstreams.length];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    const forwarded = http.request(
      { host: '127.0.0.1', port: next(), method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forwarded.on('error', () => res.destroy());
    req.pipe(forwarded);
  });
  server.on('upgrade', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    if (options.refuseWebSocket) {
      client.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = net.connect(next(), '127.0.0.1', () => {
      upstream.write(requestHead(req));
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(client).add(upstream);
    const drop = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  const port = await listen(server);
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
