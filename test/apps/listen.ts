import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Listens on 127.0.0.1 (port 0: any free port) and returns the port. */
export function listen(http: HttpServer, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, '127.0.0.1', () => resolve((http.address() as AddressInfo).port));
  });
}

/** Closes a socket.io server and its HTTP server, dropping open connections. */
export function closeServers(io: { close(): unknown }, http: HttpServer): Promise<void> {
  return new Promise((resolve) => {
    io.close();
    http.closeAllConnections();
    http.close(() => resolve());
  });
}

/**
 * Makes a socket.io server (2.x or 4.x) refuse every Engine.IO request from now on (its pages and client script are
 * still served), and returns how many it refused so far.
 */
export function refuseConnections(io: unknown): () => number {
  let refused = 0;
  const deny = (_request: unknown, callback: (error: string, success: boolean) => void) => {
    refused++;
    callback('refused by the test', false);
  };
  // socket.io 2.x keeps its engine as `eio` (engine.io 3.x reads `allowRequest` from it), 4.x as `engine` (engine.io
  // 6.x reads it from its options).
  type Engine = { allowRequest?: unknown; opts?: { allowRequest?: unknown } };
  const { engine, eio } = io as { engine?: Engine; eio?: Engine };
  if (eio) eio.allowRequest = deny;
  if (engine?.opts) engine.opts.allowRequest = deny;
  return () => refused;
}
