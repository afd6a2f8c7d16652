// No false alarms: the golden recordings of healthy socket.io 2.x and 4.x sessions (test/fixtures, one frame a
// millisecond) show only what they hold on purpose: the refused "/forbidden" namespace, the client's own
// disconnects, and the scripted polling clients' HTTP error probes.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { toRows } from '../../../src/panel/import/rows';
import type { DiagnoseFixture } from '../../apps/diagnose/record';
import type { RecordedFrame } from '../../protocol/golden/tap';
import { diagnose, fixtureRecords } from './support';

const GOLDEN = readdirSync(new URL('../../fixtures/', import.meta.url))
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.replace(/\.json$/, ''));

/** The probes of the scripted JSONP clients (golden/polling-client.ts): an unknown sid and transport, no EIO. */
const PROBES = [
  'Session ID unknown',
  'Transport unknown',
  'Engine.IO version mismatch: the client speaks 3, the server 4',
];

describe('healthy recordings', () => {
  it('show only the refused namespace, the client disconnecting, and the probes', () => {
    for (const name of GOLDEN) {
      const golden = JSON.parse(readFileSync(new URL(`../../fixtures/${name}.json`, import.meta.url), 'utf8')) as {
        frames: RecordedFrame[];
      };
      const fixture: DiagnoseFixture = {
        name,
        description: '',
        server: '',
        client: '',
        frames: golden.frames.map((frame, at) => ({ ...frame, time: at })),
        events: [],
      };
      for (const problem of diagnose(toRows(fixtureRecords(fixture), name)).list) {
        const expected =
          (problem.rule === 'connect-error' && problem.title.startsWith('Namespace "/forbidden" refused')) ||
          problem.title === 'Disconnected: "io client disconnect"' ||
          (name.endsWith('-jsonp') && PROBES.includes(problem.title));
        assert.ok(expected, `${name}: ${problem.title}: ${problem.detail}`);
      }
    }
  });
});
