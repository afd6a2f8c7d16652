/**
 * The chat app of the seed write-up, served by a real socket.io server of either major version: 2.x (Engine.IO v3,
 * the write-up's own) or 4.x (Engine.IO v4). Every server binds 127.0.0.1; port 0 picks a free port.
 */
import express from 'express';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import createServerV2 from 'socket.io-v2';
import { Server as ServerV4 } from 'socket.io-v4';
import { closeServers, listen, refuseConnections } from './listen';

export type SocketIoMajor = 2 | 4;

export interface ChatServer {
  version: SocketIoMajor;
  url: string;
  /** Every chat message the server received, in order. */
  messages: string[];
  /** Refuses every Engine.IO request from now on; returns how many it refused so far. */
  refuse(): () => number;
  close(): Promise<void>;
}

const page = fileURLToPath(new URL('./chat/index.html', import.meta.url));
const jquery = fileURLToPath(new URL('../../node_modules/jquery/dist/jquery.min.js', import.meta.url));

interface ChatSocket {
  on(event: string, listener: (...args: any[]) => void): unknown;
}

/** The write-up's server logic: every 'chat message' goes to everyone. */
function handleChat(
  io: {
    on(event: 'connection', listener: (socket: ChatSocket) => void): unknown;
    emit(event: string, ...args: unknown[]): unknown;
  },
  messages: string[],
): void {
  io.on('connection', (socket) => {
    socket.on('chat message', (msg: string) => {
      messages.push(msg);
      io.emit('chat message', msg);
    });
  });
}

export async function startChatServer(version: SocketIoMajor, port = 0): Promise<ChatServer> {
  const app = express();
  app.get('/', (_request, response) => response.sendFile(page));
  app.get('/jquery.min.js', (_request, response) => response.sendFile(jquery));
  const http = createServer(app);
  const messages: string[] = [];
  const io = version === 2 ? createServerV2(http) : new ServerV4(http);
  handleChat(io, messages);
  const boundPort = await listen(http, port);
  return {
    version,
    url: `http://127.0.0.1:${boundPort}/`,
    messages,
    refuse: () => refuseConnections(io),
    close: () => closeServers(io, http),
  };
}
