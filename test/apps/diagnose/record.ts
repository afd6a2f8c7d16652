// Records the diagnostics fixtures: `npx tsx test/apps/diagnose/record.ts [scenario…]`. Each scenario starts its
// misconfigured server (servers.ts) behind the recording tap (test/protocol/golden/tap.ts), runs the scenario's real
// client from npm (client.js) until the tap saw what the scenario is about, and writes
// test/fixtures/diagnose/<scenario>.json: the golden fixture format, each frame with its `time`, plus `events` (the
// WebSockets' closes and the requests that failed).
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { startTap, type RecordedEvent, type RecordedFrame, type Tap } from '../../protocol/golden/tap.ts';
import { CLIENT_SCENARIOS, runClientScenario } from './client.js';
import { startScenarioServer, type ScenarioName } from './servers.ts';

const require = createRequire(import.meta.url);
const CLIENTS: Record<number, { io: any; name: string }> = {
  2: { io: require('socket.io-client-v2'), name: 'socket.io-client-v2' },
  4: { io: require('socket.io-client-v4').io, name: 'socket.io-client-v4' },
};
const clientVersion = (name: string) => (require(`${name}/package.json`) as { version: string }).version;

export interface DiagnoseFixture {
  name: string;
  description: string;
  server: string;
  client: string;
  frames: RecordedFrame[];
  events: RecordedEvent[];
}

const count = (frames: RecordedFrame[], test: (frame: RecordedFrame) => boolean) => frames.filter(test).length;
const opens = (tap: Tap) => count(tap.frames, (frame) => /^(\d+:)?0\{"sid"/.test(frame.text ?? ''));
const closes = (tap: Tap) => tap.events.filter((event) => event.kind === 'close').length;
/** Whether `then` came `times` times after the `nth` frame that holds `text`. */
function after(tap: Tap, text: string, nth: number, then: (frame: RecordedFrame) => boolean, times: number) {
  const at = tap.frames.filter((frame) => frame.text?.includes(text))[nth - 1];
  return at !== undefined && count(tap.frames.slice(tap.frames.indexOf(at) + 1), then) >= times;
}
const ping = (frame: RecordedFrame) => frame.direction === 'received' && /^(1:)?2$/.test(frame.text ?? '');

/** What each recording waits for, and what it shows. */
const SCENARIOS: Record<ScenarioName, { description: string; done: (tap: Tap) => boolean }> = {
  sticky: {
    description: 'two socket.io 4 servers behind a round-robin proxy without sticky sessions',
    done: (tap) => count(tap.frames, (frame) => frame.text?.includes('Session ID unknown') ?? false) >= 3,
  },
  'eio-mismatch': {
    description: 'socket.io-client 2 (EIO 3) against socket.io 4 without allowEIO3',
    done: (tap) => count(tap.frames, (frame) => frame.text?.includes('"code":5') ?? false) >= 2,
  },
  'eio-reverse': {
    description: 'socket.io-client 4 (EIO 4) against socket.io 2 (EIO 3)',
    done: (tap) => opens(tap) >= 2,
  },
  'silent-heartbeat': {
    description: 'socket.io 4 (pingInterval 300, pingTimeout 200) that pings once, then stops',
    done: (tap) => closes(tap) >= 2,
  },
  'silent-heartbeat-v3': {
    description: 'socket.io 2 (pingInterval 300, pingTimeout 200) that never answers the pings, WebSocket only',
    done: (tap) => closes(tap) >= 2,
  },
  'unanswered-ack': {
    description: 'an emit with an ack the server never calls, from a client with ackTimeout 300 and retries 2',
    done: (tap) => after(tap, '"save"', 3, ping, 2),
  },
  refused: {
    description: 'a namespace middleware refusing with new Error("not authorized") and data',
    done: (tap) => count(tap.frames, (frame) => frame.text?.includes('not authorized') ?? false) >= 1,
  },
  'restart-loop': {
    description: 'a socket.io 4 server that goes down 300 ms after each connection and is back 100 ms later',
    done: (tap) => opens(tap) >= 6,
  },
  'upgrade-refused': {
    description: 'socket.io 4 behind a proxy that answers WebSocket upgrades 400, client on default transports',
    done: (tap) => closes(tap) >= 1 && after(tap, '2probe', 1, ping, 2),
  },
  'max-payload': {
    description: 'emits of 9,500 and 20,000 bytes to a server with maxHttpBufferSize 10,000, WebSocket only',
    done: (tap) => closes(tap) >= 1,
  },
  'reserved-event': {
    description: 'socket.io-client 2 emitting "disconnecting" to socket.io 4 with allowEIO3, WebSocket only',
    done: (tap) => closes(tap) >= 1,
  },
  'duplicate-offsets': {
    description: 'connection state recovery replaying events to a client whose offset was set back',
    done: (tap) => count(tap.frames, (frame) => frame.text?.includes('"tick"') ?? false) >= 5,
  },
};

/** Polls `done` (a recording ends on what the tap saw, never after a fixed time); fails after `ms`. */
async function until(done: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`recording timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function record(name: ScenarioName): Promise<DiagnoseFixture> {
  const server = await startScenarioServer(name);
  const tap = await startTap(Number(new URL(server.url).port));
  const { client: major } = CLIENT_SCENARIOS[name];
  const client = CLIENTS[major];
  const socket = runClientScenario(client.io, `http://127.0.0.1:${tap.port}`, name);
  try {
    await until(() => SCENARIOS[name].done(tap), name);
    return {
      name,
      description: SCENARIOS[name].description,
      server: server.server,
      client: `socket.io-client ${clientVersion(client.name)}`,
      frames: [...tap.frames],
      events: [...tap.events],
    };
  } finally {
    socket.close();
    await tap.close();
    await server.close();
  }
}

const only = process.argv.slice(2) as ScenarioName[];
for (const name of only.length ? only : (Object.keys(SCENARIOS) as ScenarioName[])) {
  const fixture = await record(name);
  const file = new URL(`../../fixtures/diagnose/${name}.json`, import.meta.url);
  await writeFile(file, JSON.stringify(fixture, null, 1) + '\n');
  console.log(`${name}: ${fixture.frames.length} frames, ${fixture.events.length} events`);
}
