// The problems store and the diagnoser under it: incremental (each packet through the rules once, batches or not),
// bounded, started afresh with the timeline, moved on by the panel's clock while live, blind to a paused stretch;
// and the export that carries the problems.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { BoundedMap } from '../../../src/panel/diagnose/bounded';
import { MAX_PROBLEMS, MAX_REFERENCES } from '../../../src/panel/diagnose/problem-list';
import { buildExport } from '../../../src/panel/export/sio-json';
import { importCapture } from '../../../src/panel/import';
import { decodeCapture } from '../../../src/panel/decode/sessions';
import { applyMessage, createCaptureStore, loadCapture } from '../../../src/panel/store/capture';
import { createProblemsStore, RECORD_LAG_MS, syncProblems, tickProblems } from '../../../src/panel/store/problems';
import { createTimelineStore, syncTimeline } from '../../../src/panel/store/timeline';
import { MESSAGE_PROTOCOL_VERSION, type RelayedRecord } from '../../../src/messages';
import {
  diagnose,
  fixtureRecords,
  fixtureRows,
  loadDiagnoseFixture,
  openPacket,
  POLLING_URL,
  syntheticCapture,
} from './support';

const packetCount = (timeline: { entries: readonly { kind: string }[] }) =>
  timeline.entries.filter((entry) => entry.kind === 'packet').length;

const FIXTURES = readdirSync(new URL('../../fixtures/diagnose/', import.meta.url))
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.replace(/\.json$/, ''));

const snapshot = (list: ReturnType<typeof diagnose>['list']) =>
  list.map(({ key, count, detail, sessions, packets }) => ({ key, count, detail, sessions, packets }));

describe('problems store', () => {
  it('finds the same problems whatever the batches the panel decodes in, each packet through the rules once', () => {
    for (const name of FIXTURES) {
      const rows = fixtureRows(name);
      const whole = diagnose(rows);
      const byRow = diagnose(rows, 1);
      assert.deepEqual(snapshot(byRow.list), snapshot(whole.list), name);
      assert.ok(whole.list.length > 0, `${name} shows a problem`);
    }
    const rows = fixtureRows('restart-loop');
    const capture = createCaptureStore();
    const timeline = createTimelineStore();
    const problems = createProblemsStore();
    let seen = 0;
    for (let end = 1; end <= rows.length; end++) {
      loadCapture(capture, rows.slice(0, end), 'capture.json');
      capture.layout = 0;
      syncTimeline(timeline, capture);
      syncProblems(problems, timeline, capture);
      if (end === 1) {
        const packet = problems.diagnoser.packet.bind(problems.diagnoser);
        problems.diagnoser.packet = (session, decoded) => {
          seen++;
          packet(session, decoded);
        };
        seen = packetCount(timeline);
      }
    }
    assert.equal(seen, packetCount(timeline));
  });

  it('keeps a bounded number of problems, and of sessions and packets named in each', () => {
    const capture = syntheticCapture();
    for (let at = 0; at < MAX_PROBLEMS + 50; at++)
      capture.poll(
        `x${at}`,
        'received',
        'Not Found',
        at,
        `http://127.0.0.1:${1000 + at}/socket.io/?EIO=4&transport=polling`,
        404,
      );
    const many = diagnose(capture.rows()).problems.diagnoser.list;
    assert.equal(many.problems.length, MAX_PROBLEMS);
    assert.equal(many.dropped, 50);
    const repeated = syntheticCapture();
    for (let at = 0; at < 50; at++) {
      repeated.poll(`h${at}`, 'received', openPacket(`sid${at}`), at * 10);
      repeated.poll(
        `p${at}`,
        'received',
        '{"code":1,"message":"Session ID unknown"}',
        at * 10 + 1,
        `${POLLING_URL}&sid=sid${at}`,
        400,
      );
    }
    const [unknown] = diagnose(repeated.rows()).list;
    assert.equal(unknown.count, 50);
    assert.equal(unknown.sessions.length, MAX_REFERENCES);
    assert.equal(unknown.sessionCount, 50);
    assert.equal(unknown.packets.length, MAX_REFERENCES);
    assert.equal(unknown.packetCount, 50);
  });

  it('a bounded map lets its oldest entries go', () => {
    const map = new BoundedMap<number, number>(3);
    for (let at = 0; at < 5; at++) map.set(at, at);
    assert.deepEqual([...map.keys()], [2, 3, 4]);
    map.set(3, 30);
    assert.deepEqual(
      [...map.entries()],
      [
        [2, 2],
        [3, 30],
        [4, 4],
      ],
    );
  });

  it('starts afresh when the timeline does (a cleared capture)', () => {
    const capture = createCaptureStore();
    const timeline = createTimelineStore();
    const problems = createProblemsStore();
    loadCapture(capture, fixtureRows('sticky'), 'sticky.json');
    syncTimeline(timeline, capture);
    syncProblems(problems, timeline, capture);
    assert.ok(problems.diagnoser.list.problems.length > 0);
    const revision = problems.revision.peek();
    loadCapture(capture, fixtureRows('refused'), 'refused.json');
    syncTimeline(timeline, capture);
    syncProblems(problems, timeline, capture);
    assert.deepEqual(
      problems.diagnoser.list.problems.map((problem) => problem.rule),
      ['connect-error', 'disconnect'],
    );
    assert.ok(problems.revision.peek() > revision);
  });

  /** The fixture's records delivered live, as the background would, from a page. */
  function live(name: string) {
    const capture = createCaptureStore();
    const timeline = createTimelineStore();
    const problems = createProblemsStore();
    const records = fixtureRecords(loadDiagnoseFixture(name)).map((record, seq): RelayedRecord => ({ ...record, seq }));
    const deliver = (from: number, to: number) => {
      applyMessage(capture, {
        type: 'records',
        version: MESSAGE_PROTOCOL_VERSION,
        tabId: 1,
        frameId: 0,
        documentId: 'page',
        dropped: 0,
        records: records.slice(from, to),
      });
      syncTimeline(timeline, capture);
      syncProblems(problems, timeline, capture);
    };
    return { capture, problems, records, deliver };
  }

  it('while live, moves the rules on by the time passed on the panel clock since the last record', () => {
    // The first two tries of the retried emit, and nothing after: only time passing tells the ack never came.
    const { capture, problems, records, deliver } = live('unanswered-ack');
    const tryAt = (id: number) =>
      records.findIndex((record) => record.kind === 'frame' && record.payload.text?.startsWith(`42${id}["save"`));
    const [firstTry, secondTry] = [tryAt(0), tryAt(1)];
    deliver(0, secondTry + 1);
    const spacing = records[secondTry].time - records[firstTry].time;
    const titles = () => problems.diagnoser.list.problems.map((problem) => problem.title);
    tickProblems(problems, capture, problems.clock.wallTime + 2 * spacing);
    assert.deepEqual(titles(), [], 'an ACK may still be on its way to the panel');
    const synced = problems.clock.wallTime + RECORD_LAG_MS;
    tickProblems(problems, capture, synced + spacing);
    assert.deepEqual(titles(), [], 'not before one and a half spacings');
    capture.recording.value = false;
    tickProblems(problems, capture, synced + 10 * spacing);
    assert.deepEqual(titles(), [], 'not while paused');
    capture.recording.value = true;
    tickProblems(problems, capture, synced + 2 * spacing);
    assert.ok(titles().includes('No ack for "save"'), titles().join(', '));
    assert.ok(problems.revision.peek() > 0);
  });

  it('after a pause, what should have come meanwhile is not judged', () => {
    const capture = syntheticCapture();
    capture.ws('w', 'received', openPacket('a', { upgrades: [], pingInterval: 1000, pingTimeout: 500 }), 0);
    capture.ws('w', 'sent', '425["load"]', 100);
    capture.ws('w', 'received', '2', 1000);
    const paused = diagnose(capture.rows());
    paused.problems.diagnoser.forget();
    paused.problems.diagnoser.advance(60_000);
    assert.deepEqual(paused.list, []);
    const kept = diagnose(capture.rows());
    kept.problems.diagnoser.advance(60_000);
    assert.deepEqual(kept.list.map((problem) => problem.rule).sort(), ['ack-timeout', 'heartbeat']);
  });

  it('the export carries the problems, their packets as positions in its packets', () => {
    const rows = fixtureRows('refused');
    const { list } = diagnose(rows);
    const { sessions, packets } = decodeCapture(rows);
    const exported = buildExport(sessions, packets, new Date(0), list);
    const [refusal] = exported.problems;
    assert.equal(refusal.rule, 'connect-error');
    assert.equal(refusal.title, 'Namespace "/admin" refused the connection: "not authorized"');
    assert.deepEqual(
      refusal.packets.map((at) => exported.packets[at].sio?.type),
      ['CONNECT', 'CONNECT_ERROR'],
    );
    assert.equal(refusal.key, list[0].key);
    assert.deepEqual(buildExport(sessions, packets, new Date(0)).problems, []);
  });

  it('finds the problems of an imported export again (which keeps packets, not connection events)', () => {
    for (const [name, rules] of [
      ['silent-heartbeat', ['heartbeat']],
      ['sticky', ['http-error', 'disconnect']],
      ['unanswered-ack', ['ack-timeout']],
    ] as const) {
      const rows = fixtureRows(name);
      const { sessions, packets } = decodeCapture(rows);
      const text = JSON.stringify(buildExport(sessions, packets, new Date(0), diagnose(rows).list));
      const imported = importCapture(text, `${name}.sio.json`);
      assert.ok(imported.ok);
      const found = new Set(diagnose(imported.rows).list.map((problem) => problem.rule));
      for (const rule of rules) assert.ok(found.has(rule), `${name}: ${rule} in ${[...found].join(', ')}`);
    }
  });
});
