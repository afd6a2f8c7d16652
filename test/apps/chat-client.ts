/** Another member of the chat: the official Node client of the server's major version. */
import ioV2 from 'socket.io-client-v2';
import { io as ioV4 } from 'socket.io-client-v4';
import type { SocketIoMajor } from './chat-server';

export interface ChatClient {
  /** Every chat message this client received, in order. */
  messages: string[];
  send(message: string): void;
  /** Resolves when a received message satisfies `predicate`. */
  waitForMessage(predicate: (message: string) => boolean): Promise<string>;
  close(): void;
}

export async function joinChat(version: SocketIoMajor, url: string): Promise<ChatClient> {
  const socket = version === 2 ? ioV2(url, { forceNew: true }) : ioV4(url, { forceNew: true });
  const messages: string[] = [];
  const waiters: { predicate: (message: string) => boolean; resolve: (message: string) => void }[] = [];
  socket.on('chat message', (message: string) => {
    messages.push(message);
    for (const waiter of waiters.splice(0)) {
      if (waiter.predicate(message)) waiter.resolve(message);
      else waiters.push(waiter);
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error: Error) => reject(error));
  });
  return {
    messages,
    send: (message) => void socket.emit('chat message', message),
    waitForMessage: (predicate) =>
      new Promise((resolve) => {
        const found = messages.find(predicate);
        if (found !== undefined) resolve(found);
        else waiters.push({ predicate, resolve });
      }),
    close: () => void socket.close(),
  };
}
