// The ack-timeout rule on the recording of a client with ackTimeout 300 and retries 2 whose ack the server never
// calls, and on made-up emits without retries (the ack timeout setting applies).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS } from '../../../src/settings/schema';
import { applyPanelSettings, createPanelStores } from '../../../src/panel/store';
import { loadCapture } from '../../../src/panel/store/capture';
import { syncProblems } from '../../../src/panel/store/problems';
import { syncTimeline } from '../../../src/panel/store/timeline';
import { diagnose, fixtureRows, linkedPackets, ofRule, openPacket, syntheticCapture } from './support';

/** A WebSocket session that connected, then `then` adds to it; pings every second keep the capture's time going. */
function session(then: (capture: ReturnType<typeof syntheticCapture>) => void, until = 12_000) {
  const capture = syntheticCapture();
  capture.ws('w', 'received', openPacket('a', { pingInterval: 1000, pingTimeout: 500, upgrades: [] }), 0);
  capture.ws('w', 'sent', '40', 1);
  capture.ws('w', 'received', '40{"sid":"b"}', 2);
  then(capture);
  for (let time = 1000; time <= until; time += 1000) {
    capture.ws('w', 'received', '2', time);
    capture.ws('w', 'sent', '3', time + 1);
  }
  return capture.rows();
}

describe('ack-timeout rule', () => {
  it("groups a client's retries (the same event, new ack ids) as one emit, spaced by its ackTimeout", () => {
    const diagnosed = diagnose(fixtureRows('unanswered-ack'));
    const problems = ofRule(diagnosed.list, 'ack-timeout');
    assert.equal(problems.length, 1);
    const [problem] = problems;
    assert.equal(problem.title, 'No ack for "save"');
    assert.equal(problem.count, 1, 'one emit, tried three times');
    assert.match(
      problem.detail,
      /tried 3 times (29\d|3\d\d) ms apart with new ack ids \(0, 1, 2\): the client's ackTimeout/,
    );
    assert.match(problem.cause, /never calls its acknowledgement callback/);
    assert.deepEqual(
      linkedPackets(diagnosed, problem).map((packet) => [packet.event, packet.ackIdDigits]),
      [
        ['save', '0'],
        ['save', '1'],
        ['save', '2'],
      ],
    );
  });

  it('without retries, waits for the ack timeout setting (10 s by default)', () => {
    const rows = session((capture) => capture.ws('w', 'sent', '425["load",1]', 500), 10_000);
    assert.deepEqual(ofRule(diagnose(rows).list, 'ack-timeout'), [], 'not before 10 s');
    const [problem] = ofRule(
      diagnose(session((capture) => capture.ws('w', 'sent', '425["load",1]', 500))).list,
      'ack-timeout',
    );
    assert.match(problem.detail, /with ack id 5; no ACK came within 10,000 ms \(the ack timeout setting\)/);
    assert.equal(problem.first, 10_500);
  });

  it('takes another ack timeout from the settings', () => {
    const rows = session((capture) => capture.ws('w', 'sent', '425["load",1]', 500), 3_000);
    const diagnosed = diagnose(rows, rows.length, { ackTimeoutMs: 2_000 });
    assert.equal(ofRule(diagnosed.list, 'ack-timeout')[0]?.first, 2_500);
  });

  it('an answered emit, or one whose session ended, is no problem', () => {
    const answered = session((capture) => {
      capture.ws('w', 'sent', '425["load",1]', 500);
      capture.ws('w', 'received', '435["ok"]', 9_000);
    });
    assert.deepEqual(ofRule(diagnose(answered).list, 'ack-timeout'), []);
    const capture = syntheticCapture();
    capture.ws('w', 'received', openPacket('a', { upgrades: [] }), 0);
    capture.ws('w', 'sent', '425["load",1]', 500);
    capture.close('w', 1006, 600);
    capture.ws('v', 'received', openPacket('b', { upgrades: [] }), 20_000);
    assert.deepEqual(ofRule(diagnose(capture.rows()).list, 'ack-timeout'), []);
  });

  it('an emit of the server that the page never acknowledges', () => {
    const rows = session((capture) => capture.ws('w', 'received', '427["ask","q"]', 500));
    const [problem] = ofRule(diagnose(rows).list, 'ack-timeout');
    assert.equal(problem.title, 'The page never acknowledged "ask"');
    assert.match(problem.cause, /page's handler for "ask" never calls its callback/);
  });
});

describe('the ack timeout of the options page', () => {
  it('reaches the rules through the panel settings, which run them again over the timeline', () => {
    const stores = createPanelStores();
    const rows = session((capture) => capture.ws('w', 'sent', '425["load",1]', 500), 3_000);
    loadCapture(stores.capture, rows, 'capture.json');
    syncTimeline(stores.timeline, stores.capture);
    syncProblems(stores.problems, stores.timeline, stores.capture);
    assert.deepEqual(ofRule(stores.problems.diagnoser.list.problems, 'ack-timeout'), [], 'not within the default 10 s');
    applyPanelSettings(stores, { ...DEFAULT_SETTINGS, ackTimeoutMs: 2_000 });
    syncProblems(stores.problems, stores.timeline, stores.capture);
    assert.equal(ofRule(stores.problems.diagnoser.list.problems, 'ack-timeout')[0]?.first, 2_500);
  });
});
