/**
 * Starts the WebTransport test server (server.js: socket.io 4.x under Deno) and reads what it logs: the Engine.IO
 * packets it received and sent on each transport, and the Socket.IO events its handlers saw.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** One Engine.IO packet as the server's engine logged it (`sent` = server to client); binary data as base64. */
export interface LoggedPacket {
  sid: string;
  transport: string;
  direction: 'sent' | 'received';
  type: string;
  data?: string | { base64: string };
}

export interface WebTransportServer {
  /** The page of the scenario (index.html); `${url}probe` is the transparency probe. */
  url: string;
  /** SHA-256 of the server's certificate, for `serverCertificateHashes`. */
  hash: number[];
  packets: LoggedPacket[];
  /** Everything else the server logged: upgrades, `from-panel` events, acks. */
  events: Record<string, unknown>[];
  close(): Promise<void>;
}

export function startWebTransportServer(): Promise<WebTransportServer> {
  const denoDir = join(process.env.TMPDIR ?? tmpdir(), 'deno');
  mkdirSync(denoDir, { recursive: true });
  const deno = spawn(
    join(ROOT, 'node_modules/.bin/deno'),
    ['run', '--unstable-net', '--allow-all', 'test/apps/webtransport/server.js'],
    { cwd: ROOT, env: { ...process.env, DENO_DIR: denoDir, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const packets: LoggedPacket[] = [];
  const events: Record<string, unknown>[] = [];
  let stderr = '';
  // The last of what Deno printed, for the error when it exits early.
  deno.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => deno.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    deno.once('exit', (code) => reject(new Error(`the Deno server exited (${code}): ${stderr}`)));
    createInterface({ input: deno.stdout }).on('line', (line) => {
      const message = JSON.parse(line) as { ready?: { port: number; hash: number[] }; log?: Record<string, unknown> };
      if (message.ready) {
        resolve({
          url: `http://127.0.0.1:${message.ready.port}/`,
          hash: message.ready.hash,
          packets,
          events,
          async close() {
            deno.kill();
            await exited;
          },
        });
      } else if (message.log && 'type' in message.log) packets.push(message.log as unknown as LoggedPacket);
      else if (message.log) events.push(message.log);
    });
  });
}
