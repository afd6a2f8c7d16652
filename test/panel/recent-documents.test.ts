import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RECENT_DOCUMENTS, setRecent } from '../../src/panel/recent-documents';

describe('bookkeeping of recent documents', () => {
  it('keeps RECENT_DOCUMENTS entries at most, letting the least recently set go first', () => {
    const marks = new Map<string, number>();
    setRecent(marks, 'first', 1);
    for (let n = 0; n < 2 * RECENT_DOCUMENTS; n++) {
      setRecent(marks, `doc${n}`, n);
      setRecent(marks, 'first', n); // set again and again: always recent
    }
    assert.equal(marks.size, RECENT_DOCUMENTS);
    assert.equal(marks.get('first'), 2 * RECENT_DOCUMENTS - 1);
    assert.ok(!marks.has('doc0'), 'the oldest went');
    assert.equal(marks.get(`doc${2 * RECENT_DOCUMENTS - 1}`), 2 * RECENT_DOCUMENTS - 1);
  });
});
