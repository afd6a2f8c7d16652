/**
 * Serves the diagnostics page (index.html), its scenarios (client.js) and socket.io-client's browser bundles from
 * node_modules, on 127.0.0.1, apart from the scenario servers (one of which restarts in a loop).
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { listen } from '../listen';

const require = createRequire(import.meta.url);
const bundle = (name: string) =>
  readFileSync(join(dirname(require.resolve(`${name}/package.json`)), 'dist/socket.io.js'), 'utf8');
const FILES: Record<string, { type: string; body: string }> = {
  '/': { type: 'text/html', body: readFileSync(new URL('./index.html', import.meta.url), 'utf8') },
  '/client.js': { type: 'text/javascript', body: readFileSync(new URL('./client.js', import.meta.url), 'utf8') },
  '/client-v2.js': { type: 'text/javascript', body: bundle('socket.io-client-v2') },
  '/client-v4.js': { type: 'text/javascript', body: bundle('socket.io-client-v4') },
};

export interface PageServer {
  /** The page of a scenario whose server is at `server`. */
  pageUrl(scenario: string, server: string): string;
  close(): Promise<void>;
}

export async function startPageServer(): Promise<PageServer> {
  const http = createServer((req, res) => {
    const file = FILES[new URL(req.url ?? '/', 'http://127.0.0.1').pathname];
    if (!file) res.writeHead(404).end();
    else res.writeHead(200, { 'Content-Type': `${file.type}; charset=utf-8` }).end(file.body);
  });
  const port = await listen(http);
  return {
    pageUrl: (scenario, server) =>
      `http://127.0.0.1:${port}/?scenario=${scenario}&server=${encodeURIComponent(server)}`,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
