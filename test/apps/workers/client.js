// The socket.io 4.x client every worker kind runs (a module): it says `waiting` on BroadcastChannel('report'), connects
// when the page says `go` on BroadcastChannel('command'), emits `hello` with an ack once upgraded to WebSocket, then
// answers the server's `server-event` (with a binary attachment) with an ack; an `injected` event (the panel's Deliver)
// is reported; `again` on BroadcastChannel('command') emits `hello` once more. Polling over XHR where the worker has it,
// over fetch in a service worker.
import { io, Fetch, WebSocket } from '/socket.io.esm.min.js';

export function start(kind) {
  const report = new BroadcastChannel('report');
  const say = (what) => report.postMessage({ kind, ...what });
  const transports = typeof XMLHttpRequest === 'undefined' ? [Fetch, WebSocket] : ['polling', 'websocket'];
  let socket;
  const connect = () => {
    socket = io({ transports, query: { kind } });
    socket.on('connect', () => {
      const hello = () =>
        socket.emit('hello', { kind, text: 'from a worker' }, (reply) => {
          say({ ack: reply, transport: socket.io.engine.transport.name });
          socket.emit('ready-for-server-event');
        });
      if (socket.io.engine.transport.name === 'websocket') hello();
      else socket.io.engine.once('upgrade', hello);
    });
    socket.on('injected', (payload) => say({ injected: payload, transport: socket.io.engine.transport.name }));
    socket.on('server-event', (payload, ack) => {
      say({ serverEvent: payload, transport: socket.io.engine.transport.name });
      ack(`thanks from the ${kind} worker`);
    });
  };
  // `again`: emit once more (what a capture turned on later sees of a connection it did not see open).
  const again = () =>
    socket.emit('hello', { kind, text: 'again' }, (reply) =>
      say({ againAck: reply, transport: socket.io.engine.transport.name }),
    );
  new BroadcastChannel('command').onmessage = (event) => {
    if (event.data === 'go') connect();
    if (event.data === 'again') again();
  };
  say({ waiting: true });
}
