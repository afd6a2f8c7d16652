// The Problems view in the panel (happy-dom): the tab beside Packets and Raw frames, the count in the toolbar, the
// region named "Problems" with each problem's cause and fix, and packet links that select the packet in the timeline.
import assert from 'node:assert/strict';
import { after, beforeEach, describe, it, mock } from 'node:test';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { MESSAGE_PROTOCOL_VERSION, type RelayedRecord } from '../../../src/messages';
import { App } from '../../../src/panel/components/App';
import { createMemoryBridge } from '../../../src/panel/memory-bridge';
import { createPanelStores } from '../../../src/panel/store';
import { installDom } from '../dom';
import { testContext } from '../records';
import { fixtureRecords, loadDiagnoseFixture } from './support';

const dom = installDom();
beforeEach(() => render(null, dom.root));
after(() => {
  render(null, dom.root);
  return dom.cleanup();
});

/** Renders the App and delivers a fixture's records to it, as the background would. */
async function renderWith(name: string) {
  mock.timers.enable({ apis: ['setTimeout'] });
  const { bridge, deliver } = createMemoryBridge();
  const stores = createPanelStores();
  const context = testContext(bridge);
  await act(() => render(h(App, { context, stores }), dom.root));
  const records = fixtureRecords(loadDiagnoseFixture(name)).map((record, seq): RelayedRecord => ({ ...record, seq }));
  const version = MESSAGE_PROTOCOL_VERSION;
  await act(() => deliver({ type: 'records', version, tabId: 7, frameId: 0, documentId: 'doc', dropped: 0, records }));
  await act(() => mock.timers.tick(100));
  mock.timers.reset();
  return stores;
}

const button = (text: string | RegExp) =>
  [...dom.root.querySelectorAll('button')].find((candidate) =>
    typeof text === 'string' ? candidate.textContent === text : text.test(candidate.textContent ?? ''),
  );
const region = () => dom.root.querySelector('section[aria-label="Problems"]');
const tabs = () => [...dom.root.querySelectorAll('[role="tab"]')].map((tab) => tab.textContent);

describe('the Problems view', () => {
  it('is a tab beside Packets and Raw frames, counted in the toolbar, opened by the count', async () => {
    await renderWith('sticky');
    assert.deepEqual(tabs(), ['Packets', 'Raw frames', 'Problems']);
    assert.equal(region(), null);
    await act(() => button('2 problems')!.click());
    assert.equal(dom.root.querySelector('[role="tab"][aria-selected="true"]')?.textContent, 'Problems');
    const articles = [...region()!.querySelectorAll('article')];
    assert.deepEqual(
      articles.map((article) => article.getAttribute('aria-label')),
      ['Session ID unknown', 'Disconnected: "transport error"'],
    );
    const [unknown] = articles;
    assert.match(unknown.querySelector('h3')!.textContent, /Session ID unknown ×4/);
    assert.match(unknown.querySelector('.cause')!.textContent, /^Likely cause: The requests of one session reached/);
    assert.match(unknown.querySelector('.fix')!.textContent, /^Fix: Turn on sticky sessions/);
    assert.match(unknown.querySelector('.when')!.textContent, /^\d\d:\d\d:\d\d\.\d{3} – \d\d:\d\d:\d\d\.\d{3}$/);
  });

  it('selects a linked packet in the timeline, and filters to a linked session', async () => {
    const stores = await renderWith('refused');
    await act(() => button(/^1 problem|^2 problems$/)!.click());
    const link = region()!.querySelector<HTMLButtonElement>('button[aria-label="Select packet 3 of session s1"]')!;
    assert.match(link.textContent, /↓ s1 #3 CONNECT_ERROR/);
    await act(() => link.click());
    assert.equal(stores.view.value, 'packets');
    assert.equal(stores.timeline.selected.value?.packet.sioType, 'CONNECT_ERROR');
    const details = dom.root.querySelector('aside[aria-label="Packet details"]')!;
    assert.match(details.textContent, /not authorized/);
    const shownTab = details.querySelector('[role="tab"][aria-selected="true"]')!;
    assert.equal(shownTab.textContent, 'Raw', 'a packet shown from a problem opens on its raw frame');
    await act(() => {
      stores.view.value = 'problems';
    });
    await act(() => region()!.querySelector<HTMLButtonElement>('button[aria-label="Show session s1"]')!.click());
    assert.equal(stores.filters.session.value, 's1');
    assert.equal(stores.view.value, 'packets');
  });

  it('says when there are none, and forgets what time should have brought while recording is paused', async () => {
    const stores = await renderWith('unanswered-ack');
    await act(() => {
      stores.view.value = 'problems';
    });
    const titles = [...region()!.querySelectorAll('article')].map((article) => article.getAttribute('aria-label'));
    assert.ok(titles.includes('No ack for "save"'), titles.join(', '));
    const forget = mock.method(stores.problems.diagnoser, 'forget');
    await act(() => button('Pause')!.click());
    assert.equal(forget.mock.callCount(), 1);
    mock.timers.enable({ apis: ['setTimeout'] });
    await act(() => button('Clear')!.click());
    await act(() => mock.timers.tick(100));
    mock.timers.reset();
    assert.equal(region()!.querySelector('.empty')?.textContent, 'No problems found in the capture.');
    assert.equal(button(/problems?$/), undefined, 'no count without problems');
  });
});
