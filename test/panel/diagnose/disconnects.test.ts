// The disconnect rule: every disconnect with its reason in socket.io's words, inferred from what the recordings show
// (a missing heartbeat, an HTTP error, a WebSocket's close code) and from made-up DISCONNECT and close packets.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CapturedRow } from '../../../src/panel/store/capture';
import { diagnose, fixtureRows, linkedPackets, ofRule, openPacket, syntheticCapture } from './support';

const reasons = (rows: readonly CapturedRow[]) =>
  ofRule(diagnose(rows).list, 'disconnect').map((problem) => `${problem.title} ×${problem.count} ${problem.severity}`);

/** A WebSocket session `w` that connected to "/", then `then` ends it. */
function ended(then: (capture: ReturnType<typeof syntheticCapture>) => void) {
  const capture = syntheticCapture();
  capture.ws('w', 'received', openPacket('a', { upgrades: [] }), 0);
  capture.ws('w', 'sent', '40', 1);
  capture.ws('w', 'received', '40{"sid":"b"}', 2);
  then(capture);
  return capture.rows();
}

describe('disconnect rule', () => {
  it('"ping timeout" when the session ends after its heartbeat limit', () => {
    const diagnosed = diagnose(fixtureRows('silent-heartbeat'));
    const [problem] = ofRule(diagnosed.list, 'disconnect');
    assert.equal(problem.title, 'Disconnected: "ping timeout"');
    assert.equal(problem.count, 2);
    assert.equal(linkedPackets(diagnosed, problem)[0].eioType, 'ping');
    assert.deepEqual(reasons(fixtureRows('silent-heartbeat-v3')), ['Disconnected: "ping timeout" ×2 error']);
  });

  it('"transport error" when a request of the session is refused', () => {
    const diagnosed = diagnose(fixtureRows('sticky'));
    const [problem] = ofRule(diagnosed.list, 'disconnect');
    assert.equal(problem.title, 'Disconnected: "transport error"');
    assert.match(problem.detail, /answered HTTP 400 \(Session ID unknown\)/);
    assert.equal(linkedPackets(diagnosed, problem)[0].layer, 'http');
  });

  it('"transport close" from the WebSocket close code: a server gone, a message too big', () => {
    const restarts = ofRule(diagnose(fixtureRows('restart-loop')).list, 'disconnect');
    assert.deepEqual(
      restarts.map((problem) => [problem.title, problem.count]),
      [['Disconnected: "transport close"', 5]],
    );
    assert.match(restarts[0].detail, /closed with code 1005 \(no status code\) without a close packet/);
    const [tooBig] = ofRule(diagnose(fixtureRows('max-payload')).list, 'disconnect');
    assert.equal(tooBig.severity, 'error');
    assert.match(tooBig.detail, /code 1009 \(message too big\)/);
    assert.match(tooBig.cause, /maxHttpBufferSize/);
    const [dropped] = ofRule(diagnose(ended((capture) => capture.close('w', 1006, 10))).list, 'disconnect');
    assert.match(dropped.cause, /without a closing handshake/);
  });

  it('"io server disconnect" and "io client disconnect" from DISCONNECT packets, said once with the close after', () => {
    assert.deepEqual(
      reasons(
        ended((capture) => {
          capture.ws('w', 'received', '41', 10);
          capture.close('w', 1005, 11);
        }),
      ),
      ['Disconnected: "io server disconnect" ×1 warning'],
    );
    assert.deepEqual(
      reasons(
        ended((capture) => {
          capture.ws('w', 'sent', '41', 10);
          capture.close('w', 1005, 11);
        }),
      ),
      ['Disconnected: "io client disconnect" ×1 info'],
    );
  });

  it('the Engine.IO close packet, a parse error, a failed WebSocket', () => {
    assert.deepEqual(reasons(ended((capture) => capture.ws('w', 'received', '1', 10))), [
      'Disconnected: "transport close" ×1 warning',
    ]);
    assert.deepEqual(
      reasons(
        ended((capture) => {
          capture.ws('w', 'received', '42["broken', 10);
          capture.close('w', 1005, 11);
        }),
      ),
      ['Disconnected: "parse error" ×1 error'],
    );
    assert.deepEqual(reasons(ended((capture) => capture.error('w', 'websocket', 10))), [
      'Disconnected: "transport error" ×1 error',
    ]);
  });

  it('a page that navigated away took its sessions along: no disconnect, no heartbeat expected any more', () => {
    const stayed = diagnose(ended(() => {}));
    stayed.problems.diagnoser.advance(60_000);
    assert.equal(ofRule(stayed.list, 'heartbeat').length, 1, 'without the navigation, the heartbeat is missed');
    const rows = ended(() => {});
    rows.push({ kind: 'navigation', key: 'nav', time: 10, frameId: 0, documentId: 'next', url: 'http://next/' });
    const navigated = diagnose(rows);
    navigated.problems.diagnoser.advance(60_000);
    assert.deepEqual(navigated.list, []);
  });
});
