// The upgrade rule on the recording of a proxy that refuses WebSocket upgrades (recorded through a tap that accepts
// the WebSocket, so the probe is sent), on the same as a browser sees it (the WebSocket fails to open), and on a
// probe that never completes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  diagnose,
  fixtureRows,
  linkedPackets,
  ofRule,
  openPacket,
  POLLING_URL,
  syntheticCapture,
  WEBSOCKET_URL,
} from './support';

describe('upgrade rule', () => {
  it('a probe sent and no 3probe: the WebSocket closed, the session stays on polling', () => {
    const diagnosed = diagnose(fixtureRows('upgrade-refused'));
    const [problem] = ofRule(diagnosed.list, 'upgrade');
    assert.equal(problem.title, 'The WebSocket upgrade failed: the session stays on polling');
    assert.match(
      problem.detail,
      /it sent the probe \(2probe\) and no 3probe came back; then the WebSocket closed \(code 1006\)/,
    );
    assert.match(problem.cause, /does not pass WebSocket upgrades/);
    assert.deepEqual(
      linkedPackets(diagnosed, problem).map((packet) => packet.raw),
      [String(linkedPackets(diagnosed, problem)[0].raw), '2probe'],
    );
    assert.equal(linkedPackets(diagnosed, problem)[0].eioType, 'open');
    assert.deepEqual(ofRule(diagnosed.list, 'disconnect'), [], 'the session itself goes on');
  });

  it("a WebSocket refused before it opened (the browser's view: open, error, close 1006, no frame)", () => {
    const capture = syntheticCapture();
    capture.poll('h', 'received', openPacket('abc'), 0);
    capture.open('w', 5, `${WEBSOCKET_URL}&sid=abc`);
    capture.error('w', 'websocket', 6);
    capture.close('w', 1006, 7);
    const [problem] = ofRule(diagnose(capture.rows()).list, 'upgrade');
    assert.match(problem.detail, /its WebSocket never carried the probe \(2probe\); then the WebSocket failed/);
  });

  it('a probe answered but no upgrade packet within the upgrade timeout; a completed upgrade is no problem', () => {
    const stuck = syntheticCapture();
    stuck.poll('h', 'received', openPacket('abc'), 0);
    stuck.ws('w', 'sent', '2probe', 5, `${WEBSOCKET_URL}&sid=abc`);
    stuck.ws('w', 'received', '3probe', 6, `${WEBSOCKET_URL}&sid=abc`);
    stuck.poll('p', 'received', '6', 20_000, `${POLLING_URL}&sid=abc`);
    const [problem] = ofRule(diagnose(stuck.rows()).list, 'upgrade');
    assert.match(
      problem.detail,
      /it got 3probe back but never sent the upgrade packet \(5\); it was not done after 10,000 ms/,
    );
    assert.equal(problem.first, 10_005);
    assert.deepEqual(ofRule(diagnose(fixtureRows('unanswered-ack')).list, 'upgrade'), []);
  });
});
