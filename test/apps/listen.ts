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
