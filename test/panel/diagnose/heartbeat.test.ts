// The heartbeat rule on recordings of a socket.io 4 server that stops pinging and of a socket.io 2 server that
// never answers the page's pings, and on made-up heartbeats close to the limit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnose, fixtureRows, linkedPackets, ofRule, openPacket, syntheticCapture } from './support';

const heartbeat = (name: string) => {
  const diagnosed = diagnose(fixtureRows(name));
  return { diagnosed, problems: ofRule(diagnosed.list, 'heartbeat') };
};

describe('heartbeat rule', () => {
  it('v4: no ping within pingInterval + pingTimeout, naming the "ping timeout" disconnect it predicts', () => {
    const { diagnosed, problems } = heartbeat('silent-heartbeat');
    assert.equal(problems.length, 1);
    const [problem] = problems;
    assert.equal(problem.title, 'The server stopped sending pings');
    assert.equal(problem.count, 2, 'both sessions of the reconnecting client');
    assert.match(problem.detail, /no ping came within pingInterval 300 ms \+ pingTimeout 200 ms of the last ping/);
    assert.match(problem.detail, /"ping timeout" disconnect/);
    const [last] = linkedPackets(diagnosed, problem);
    assert.equal(last.eioType, 'ping', 'the last ping that came');
    assert.ok(problem.first >= last.time + 500);
  });

  it("v3: no pong within pingTimeout of the page's ping", () => {
    const { diagnosed, problems } = heartbeat('silent-heartbeat-v3');
    const [problem] = problems;
    assert.equal(problem.title, "The server stopped answering the page's pings");
    assert.match(problem.detail, /no pong came within pingTimeout 200 ms of the page's ping/);
    assert.equal(linkedPackets(diagnosed, problem)[0].eioType, 'ping');
  });

  it('finds nothing while pings come in time', () => {
    assert.deepEqual(heartbeat('unanswered-ack').problems, []);
  });

  it("reports a missing ping as soon as the capture's time passes the limit, before any disconnect", () => {
    const capture = syntheticCapture();
    capture.ws('w', 'received', openPacket('a', { pingInterval: 1000, pingTimeout: 500, upgrades: [] }), 0);
    capture.ws('w', 'received', '2', 1000);
    capture.ws('w', 'sent', '3', 1001);
    const diagnosed = diagnose(capture.rows());
    assert.deepEqual(ofRule(diagnosed.list, 'heartbeat'), []);
    diagnosed.problems.diagnoser.advance(2_400);
    assert.deepEqual(ofRule(diagnosed.list, 'heartbeat'), [], 'not before 1,000 + 1,500 ms');
    diagnosed.problems.diagnoser.advance(2_501);
    const [problem] = ofRule(diagnosed.list, 'heartbeat');
    assert.equal(problem.first, 2_500);
  });

  it('warns of heartbeats close to the limit: a late ping, a late pong from the page', () => {
    const capture = syntheticCapture();
    capture.ws('w', 'received', openPacket('a', { pingInterval: 1000, pingTimeout: 400, upgrades: [] }), 0);
    capture.ws('w', 'received', '2', 1350); // 350 ms late of 400
    capture.ws('w', 'sent', '3', 1351);
    capture.ws('w', 'received', '2', 2351);
    capture.ws('w', 'sent', '3', 2700); // answered after 349 ms
    const problems = ofRule(diagnose(capture.rows()).list, 'heartbeat');
    assert.equal(problems.length, 1);
    assert.equal(problems[0].title, 'Heartbeat close to the limit');
    assert.equal(problems[0].severity, 'warning');
    assert.equal(problems[0].count, 2);
    assert.match(problems[0].detail, /The page answered a ping after 349 ms; the server waits 400 ms/);
  });
});
