// socket.io 4.x itself, run by Deno (npm compatibility, this project's node_modules): polling and WebSocket over
// node:http on 127.0.0.1:<port>/tcp, and WebTransport (HTTP/3, a self-signed certificate the page trusts through
// `serverCertificateHashes`) on 127.0.0.1:<the same port>/udp, since the client's WebTransport URL is its own URL.
//   deno run --unstable-net --allow-all test/apps/webtransport/server.js     (started by listen.ts)
// Prints JSON lines: {"ready":{port,hash}} first, then {"log":…} for every Engine.IO packet and Socket.IO event.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Server } from 'socket.io-v4';
import { makeCertificate } from './cert.js';

const out = (message) => console.log(JSON.stringify(message));
const { cert, key, hash } = makeCertificate({ days: 10 });
const pages = {
  '/': readFileSync(new URL('./index.html', import.meta.url), 'utf8'),
  '/probe': readFileSync(new URL('./probe.html', import.meta.url), 'utf8'),
};
const scripts = { '/probe.js': new URL('./probe.js', import.meta.url) };

const http = createServer((request, response) => {
  const path = request.url.split('?')[0];
  if (pages[path] !== undefined) {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(pages[path].replace('__CERTIFICATE_HASH__', JSON.stringify(hash)));
  } else if (scripts[path]) {
    response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
    response.end(readFileSync(scripts[path]));
  } else if (!path.startsWith('/socket.io/')) response.writeHead(404).end();
});

const io = new Server(http, { transports: ['polling', 'websocket', 'webtransport'] });

const dataOf = (data) =>
  data === undefined ? undefined : typeof data === 'string' ? data : { base64: Buffer.from(data).toString('base64') };
io.engine.on('connection', (engine) => {
  const log = (direction, packet) =>
    out({ log: { sid: engine.id, transport: engine.transport.name, direction, type: packet.type, data: dataOf(packet.data) } });
  engine.on('packet', (packet) => log('received', packet));
  engine.on('packetCreate', (packet) => log('sent', packet));
  engine.on('upgrade', (transport) => out({ log: { sid: engine.id, event: 'upgrade', transport: transport.name } }));
});

io.on('connection', (socket) => {
  socket.on('hello', (arg, ack) => ack({ ok: true, echo: arg, transport: socket.conn.transport.name }));
  socket.on('from-panel', (...args) => {
    const ack = typeof args.at(-1) === 'function' ? args.pop() : undefined;
    out({ log: { event: 'from-panel', args, transport: socket.conn.transport.name } });
    ack?.('panel ack');
  });
  socket.on('ready-for-server-event', () => {
    socket.emit('server-event', { n: 42, bin: Buffer.from([1, 2, 3]) }, (reply) =>
      out({ log: { event: 'ack of server-event', reply, transport: socket.conn.transport.name } }),
    );
  });
});

http.listen(0, '127.0.0.1', async () => {
  const { port } = http.address();
  const endpoint = new Deno.QuicEndpoint({ hostname: '127.0.0.1', port });
  const listener = endpoint.listen({ cert, key, alpnProtocols: ['h3'] });
  out({ ready: { port, hash } });
  for await (const incoming of listener) {
    (async () => {
      const session = await Deno.upgradeWebTransport(await incoming.accept());
      await session.ready;
      // Closes every session if the engine had middlewares (io.engine.use): this server has none.
      await io.engine.onWebTransportSession(session);
    })().catch((error) => out({ log: { event: 'webtransport failure', error: String(error) } }));
  }
});
