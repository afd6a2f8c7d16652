// The http-error rule on the recording of two socket.io 4 servers behind a round-robin proxy without sticky
// sessions, and on made-up refusals of each Engine.IO error code.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnose, fixtureRows, linkedPackets, ofRule, openPacket, POLLING_URL, syntheticCapture } from './support';

describe('http-error rule', () => {
  it('groups the "Session ID unknown" of every session behind the round-robin proxy, several sessions in a row', () => {
    const diagnosed = diagnose(fixtureRows('sticky'));
    const [problem] = ofRule(diagnosed.list, 'http-error');
    assert.equal(problem.title, 'Session ID unknown');
    assert.equal(problem.severity, 'error');
    assert.equal(problem.count, 4);
    assert.deepEqual(problem.sessions, ['s1', 's2']);
    assert.match(problem.detail, /HTTP 400 \{"code":1,"message":"Session ID unknown"\}\. 2 sessions in a row/);
    assert.match(problem.cause, /reached different server instances/);
    assert.match(problem.fix, /sticky sessions.*transports: \["websocket"\]/);
    for (const packet of linkedPackets(diagnosed, problem)) {
      assert.equal(packet.layer, 'http');
      assert.match(String(packet.raw), /Session ID unknown/);
    }
  });

  it('names each Engine.IO error code, and a plain HTTP error, with its own cause', () => {
    const capture = syntheticCapture();
    const bodies: [number, string][] = [
      [400, '{"code":0,"message":"Transport unknown"}'],
      [400, '{"code":2,"message":"Bad handshake method"}'],
      [400, '{"code":3,"message":"Bad request"}'],
      [403, '{"code":4,"message":"Forbidden"}'],
      [404, 'Cannot GET /socket.io/'],
      [502, 'Bad Gateway'],
    ];
    bodies.forEach(([status, body], at) => capture.poll(`x${at}`, 'received', body, 1000 + at, POLLING_URL, status));
    const problems = ofRule(diagnose(capture.rows()).list, 'http-error');
    assert.deepEqual(
      problems.map((problem) => problem.title),
      [
        'Transport unknown',
        'Bad handshake method',
        'Bad request',
        'Forbidden',
        'HTTP 404 from the Socket.IO endpoint',
        'HTTP 502 from the Socket.IO endpoint',
      ],
    );
    assert.match(problems[0].cause, /transports option/);
    assert.match(problems[3].cause, /allowRequest/);
    assert.match(problems[4].fix, /same path option/);
  });

  it('counts sessions in a row only until one connects', () => {
    const capture = syntheticCapture();
    const unknown = '{"code":1,"message":"Session ID unknown"}';
    const session = (sid: string, time: number, connects: boolean) => {
      capture.poll(`h${sid}`, 'received', openPacket(sid), time);
      const url = `${POLLING_URL}&sid=${sid}`;
      if (connects) capture.poll(`c${sid}`, 'received', '40{"sid":"x"}', time + 1, url);
      else capture.poll(`c${sid}`, 'received', unknown, time + 1, url, 400);
    };
    session('a', 1000, false);
    session('b', 2000, false);
    session('c', 3000, true);
    session('d', 4000, false);
    const [problem] = ofRule(diagnose(capture.rows()).list, 'http-error');
    assert.equal(problem.count, 3);
    assert.doesNotMatch(problem.detail, /in a row/, 'the session after one that connected starts over');
  });
});
