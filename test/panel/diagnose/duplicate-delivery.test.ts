// The duplicate-delivery rule on the recording of connection state recovery replaying events to a client whose
// offset was set back.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnose, fixtureRows, linkedPackets, ofRule } from './support';

describe('duplicate-delivery rule', () => {
  it('an offset received twice, in the session before recovery and in the recovered one', () => {
    const diagnosed = diagnose(fixtureRows('duplicate-offsets'));
    const [problem] = ofRule(diagnosed.list, 'duplicate-delivery');
    assert.equal(problem.title, 'Events delivered twice after connection state recovery');
    assert.equal(problem.count, 2, 'ticks 2 and 3 came again');
    assert.deepEqual(problem.sessions, ['s1', 's2']);
    assert.match(
      problem.detail,
      /EVENT "tick" with offset "[^"]+" arrived in session s1 at .*, and again in session s2/,
    );
    const [first, again] = linkedPackets(diagnosed, problem);
    assert.equal(first.offset, again.offset);
    assert.deepEqual(first.args?.slice(0, 1), again.args?.slice(0, 1));
  });

  it('finds nothing where each offset comes once', () => {
    const rows = fixtureRows('duplicate-offsets');
    const firstSession = rows.filter((row) => row.kind === 'record' && row.record.connection === 'c0');
    assert.deepEqual(ofRule(diagnose(firstSession).list, 'duplicate-delivery'), []);
  });
});
