// Ten thousand generated and mutated frames through the decoder and every panel formatter, export and re-import
// (`npm run fuzz` runs a million): nothing throws, and every export reads back to the same document.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { useDom } from '../panel/dom';
import { fuzz } from './fuzz';

const dom = useDom();

it('10,000 frames of every source pass every stage of the panel without a throw', () => {
  const report = fuzz({ frames: 10_000, seed: 7, target: { root: dom.root, every: 50 } });
  assert.deepEqual(report.failures, [], `${report.throws} throws, ${report.differences} round-trip differences`);
  assert.ok(report.frames >= 10_000 && report.packets > 5_000, `${report.frames} frames, ${report.packets} packets`);
  for (const [source, frames] of Object.entries(report.bySource)) assert.ok(frames > 0, `no ${source} frames`);
});
