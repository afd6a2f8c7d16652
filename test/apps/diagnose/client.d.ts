// Types of client.js, for the recorder (record.ts).
export interface ClientScenario {
  client: 2 | 4;
  namespace?: string;
  options: Record<string, unknown>;
}
export declare const CLIENT_SCENARIOS: Record<string, ClientScenario>;
/** Connects `io` (a socket.io client's `io` function) to `serverUrl` as scenario `name` says; returns the socket. */
export declare function runClientScenario(io: unknown, serverUrl: string, name: string): { close(): void };
