// The reconnect-storm rule on the recording of a server restarting in a loop, and on made-up attempts with and
// without backoff, and sockets opened side by side.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnose, fixtureRows, linkedPackets, ofRule, POLLING_URL, syntheticCapture } from './support';

/** Handshakes refused one after another, at these times. */
function refusedAt(times: number[]) {
  const capture = syntheticCapture();
  times.forEach((time, at) =>
    capture.poll(`h${at}`, 'received', '{"code":3,"message":"Bad request"}', time, POLLING_URL, 400),
  );
  return ofRule(diagnose(capture.rows()).list, 'reconnect-storm');
}

describe('reconnect-storm rule', () => {
  it('a server restarting in a loop: every new session of the URL, the gaps, and that they opened', () => {
    const diagnosed = diagnose(fixtureRows('restart-loop'));
    const [problem] = ofRule(diagnosed.list, 'reconnect-storm');
    assert.equal(problem.title, 'Reconnect storm on http://127.0.0.1:3000/socket.io/');
    assert.equal(problem.count, 6);
    assert.deepEqual(problem.sessions, ['s1', 's2', 's3', 's4', 's5', 's6']);
    assert.match(
      problem.detail,
      /^6 new sessions in \d\.\d\d s, gaps (0\.\d\d s, ){4}0\.\d\d s: they do not grow; 6 of them opened\.$/,
    );
    assert.match(problem.cause, /ends soon after it opens/);
    assert.ok(linkedPackets(diagnosed, problem).every((packet) => packet.eioType === 'open'));
  });

  it('tells attempts that back off from attempts that do not', () => {
    const [flat] = refusedAt([0, 200, 400, 600, 800]);
    assert.match(flat.detail, /they do not grow; 0 of them opened/);
    assert.match(flat.cause, /retries without backing off/);
    const [growing] = refusedAt([0, 200, 600, 1400, 3000]);
    assert.match(growing.detail, /gaps 0.20 s, 0.40 s, 0.80 s, 1.60 s: they grow, the client backs off/);
    assert.match(growing.cause, /backing off as it should/);
  });

  it("needs the settings' count of sessions within their window; sockets open side by side are no storm", () => {
    assert.deepEqual(refusedAt([0, 200, 400, 600]), []);
    assert.deepEqual(refusedAt([0, 3000, 6000, 9000, 12_000]), []);
    const capture = syntheticCapture();
    for (let at = 0; at < 6; at++)
      capture.ws(`w${at}`, 'received', `0{"sid":"s${at}","upgrades":[],"pingInterval":25000,"pingTimeout":20000}`, at);
    assert.deepEqual(ofRule(diagnose(capture.rows()).list, 'reconnect-storm'), []);
  });
});
