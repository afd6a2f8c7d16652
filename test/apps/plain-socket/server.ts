/**
 * A plain WebSocket echo (`ws`, not Engine.IO) and its page (`/`): `window.sendPlain(count)` sends `count` messages
 * (`plain <i>`, numbered on across calls) and `window.plain.echoes` counts the echoes that came back. Binds
 * 127.0.0.1; port 0 picks a free port.
 */
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { closeServers, listen } from '../listen';

export interface PlainSocketServer {
  url: string;
  close(): Promise<void>;
}

const page = `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><title>plain WebSocket</title></head><body><script>
  const plain = (window.plain = { open: false, sent: 0, echoes: 0 });
  const socket = new WebSocket('ws://' + location.host + '/echo');
  socket.onopen = () => (plain.open = true);
  socket.onmessage = () => plain.echoes++;
  window.sendPlain = (count) => {
    for (let index = 0; index < count; index++) socket.send('plain ' + plain.sent++);
  };
</script></body></html>`;

export async function startPlainSocketServer(): Promise<PlainSocketServer> {
  const http = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(page);
  });
  const sockets = new WebSocketServer({ server: http, path: '/echo' });
  sockets.on('connection', (socket) => socket.on('message', (data, binary) => socket.send(data, { binary })));
  const port = await listen(http);
  // Its clients first: a WebSocket server's close leaves them open.
  const closeSockets = () => {
    for (const client of sockets.clients) client.terminate();
    sockets.close();
  };
  return { url: `http://127.0.0.1:${port}/`, close: () => closeServers({ close: closeSockets }, http) };
}
