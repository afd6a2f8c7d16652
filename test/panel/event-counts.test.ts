import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEventCounts } from '../../src/panel/store/event-counts';

/** The most frequent names by a full sort: what the incremental table must equal (ties in any order). */
function sortedCounts(counts: Map<string, number>, size: number): number[] {
  return [...counts.values()].sort((a, b) => b - a).slice(0, size);
}

describe('event counts', () => {
  it('keeps the most frequent names as packets come and go, equal to a full sort', () => {
    const events = createEventCounts(1_000, 10);
    const truth = new Map<string, number>();
    const added: string[] = [];
    let state = 7;
    const random = () => (state = (state * 48_271) % 2_147_483_647) / 2_147_483_647;
    for (let round = 0; round < 20_000; round++) {
      const name = `e${Math.floor(random() ** 3 * 200)}`;
      events.add(name, 10, round);
      added.push(name);
      truth.set(name, (truth.get(name) ?? 0) + 1);
      if (round % 1000 === 999) {
        // The timeline lets its oldest packets go, a chunk at a time.
        for (const gone of added.splice(0, 300)) {
          events.remove(gone, 10);
          const left = truth.get(gone)! - 1;
          if (left === 0) truth.delete(gone);
          else truth.set(gone, left);
        }
      }
      if (round % 97 === 0) {
        assert.deepEqual(
          events.top().map((stats) => stats.count),
          sortedCounts(truth, 10),
          `round ${round}`,
        );
      }
    }
    assert.equal(events.names, truth.size, 'a name leaves once its last packet went');
    for (const stats of events.top()) assert.equal(stats.count, truth.get(stats.name));
  });

  it('shows the top of 50,000 names made per request, with a search and the total', () => {
    const events = createEventCounts();
    events.add('chat', 5, 1);
    events.add('chat', 5, 2);
    for (let index = 0; index < 50_000; index++)
      events.add(`res:${index.toString(16).padStart(8, '0')}-uuid`, 20, index);
    assert.equal(events.names, 50_001);
    const top = events.top();
    assert.equal(top.length, 100);
    const { name, count, bytes, lastSeen } = top[0];
    assert.deepEqual({ name, count, bytes, lastSeen }, { name: 'chat', count: 2, bytes: 10, lastSeen: 2 });
    const found = events.search('RES:00000FF');
    assert.equal(found.matches, 16);
    assert.equal(found.rows.length, 16);
    assert.ok(found.rows.every((stats) => stats.name.startsWith('res:00000ff')));
    assert.equal(events.search('res:').matches, 50_000);
    assert.equal(events.search('res:').rows.length, 100);
  });

  it('tells at most its limit of names apart and sums the rest, until names leave', () => {
    const events = createEventCounts(3, 10);
    for (const name of ['a', 'b', 'c', 'd', 'e', 'a']) events.add(name, 1, 1);
    assert.equal(events.names, 3);
    assert.deepEqual({ ...events.other }, { name: '', count: 2, bytes: 2, lastSeen: 1 });
    assert.deepEqual(
      events.top().map((stats) => [stats.name, stats.count]),
      [
        ['a', 2],
        ['b', 1],
        ['c', 1],
      ],
    );
    events.remove('b', 1);
    events.add('f', 1, 2);
    assert.equal(events.names, 3, 'a name that left frees its place');
    assert.ok(events.top().some((stats) => stats.name === 'f'));
    events.clear();
    assert.equal(events.names, 0);
    assert.equal(events.other.count, 0);
    assert.deepEqual(events.top(), []);
  });
});
