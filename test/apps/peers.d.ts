// The socket.io 2.x server and client ship no types of their own: the little the test apps use of them.
declare module 'socket.io-v2' {
  import type { Server as HttpServer } from 'node:http';
  interface SocketV2 {
    id: string;
    on(event: string, listener: (...args: any[]) => void): this;
    emit(event: string, ...args: unknown[]): boolean;
  }
  interface ServerV2 {
    on(event: 'connection', listener: (socket: SocketV2) => void): this;
    emit(event: string, ...args: unknown[]): boolean;
    close(callback?: () => void): void;
  }
  function createServer(server: HttpServer, options?: Record<string, unknown>): ServerV2;
  export default createServer;
}

declare module 'socket.io-client-v2' {
  interface ClientSocketV2 {
    connected: boolean;
    on(event: string, listener: (...args: any[]) => void): this;
    once(event: string, listener: (...args: any[]) => void): this;
    emit(event: string, ...args: unknown[]): this;
    close(): this;
  }
  function io(url: string, options?: Record<string, unknown>): ClientSocketV2;
  export default io;
}
