import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { budgetShare, mayReach, relaysKeep } from '../../src/background/rules';
import { isContentScript, isExtensionPage, type PortSender } from '../../src/background/senders';

const extension = { id: 'our-id', baseUrl: 'chrome-extension://ourorigin/' };
const panelInTab: PortSender = {
  id: 'our-id',
  url: 'chrome-extension://ourorigin/panel.html?tabId=3',
  tab: { id: 7, incognito: false },
};
const devtoolsPanel: PortSender = { id: 'our-id', url: 'chrome-extension://ourorigin/panel.html' };
const contentScript: PortSender = { id: 'our-id', url: 'https://example.com/', tab: { id: 3, incognito: false } };

describe('background port senders', () => {
  it("accepts panels from the extension's own pages only", () => {
    assert.equal(isExtensionPage(panelInTab, extension), true);
    assert.equal(isExtensionPage(devtoolsPanel, extension), true);
    assert.equal(isExtensionPage(contentScript, extension), false, 'a content script naming its port "panel"');
    assert.equal(isExtensionPage({ ...devtoolsPanel, id: 'other-id' }, extension), false, 'another extension');
    assert.equal(
      isExtensionPage({ ...devtoolsPanel, url: 'chrome-extension://otherorigin/panel.html' }, extension),
      false,
    );
    assert.equal(isExtensionPage({ ...devtoolsPanel, url: 'chrome-extension://ourorigin.evil/' }, extension), false);
    assert.equal(isExtensionPage({ ...devtoolsPanel, url: 'about:blank' }, extension), false);
    assert.equal(isExtensionPage({ id: 'our-id' }, extension), false, 'no URL');
    assert.equal(isExtensionPage(undefined, extension), false);
  });

  it('accepts relays from content scripts in a tab only', () => {
    assert.equal(isContentScript(contentScript, extension), true);
    assert.equal(isContentScript({ ...contentScript, tab: undefined }, extension), false, 'not in a tab');
    assert.equal(isContentScript({ ...contentScript, tab: { id: -1 } }, extension), false, 'no real tab');
    assert.equal(isContentScript({ ...contentScript, id: 'other-id' }, extension), false, 'another extension');
    assert.equal(isContentScript(panelInTab, extension), false, "an extension page in a tab naming its port 'relay'");
    assert.equal(isContentScript(undefined, extension), false);
  });
});

describe('background rules', () => {
  it("shares a tab's budget equally among its documents with traffic", () => {
    assert.equal(budgetShare(16 * 2 ** 20, 1), 16 * 2 ** 20);
    assert.equal(budgetShare(16 * 2 ** 20, 3), Math.floor((16 * 2 ** 20) / 3));
    assert.equal(budgetShare(16 * 2 ** 20, 0), 16 * 2 ** 20);
  });

  it("has a tab's relays keep as the least of what its panels let them", () => {
    assert.equal(relaysKeep(['all']), 'all');
    assert.equal(relaysKeep(['all', 'all']), 'all');
    assert.equal(relaysKeep(['all', 'flood']), 'flood', 'a panel that may hold lets them keep a flood');
    assert.equal(relaysKeep(['flood', 'all', 'no']), 'no', 'a panel that reads live gets every record as it comes');
    assert.equal(relaysKeep([]), 'no', 'no panel: the relays are idle, keeping everything anyway');
  });

  it('keeps normal and incognito tabs apart', () => {
    assert.equal(mayReach(false, false, true), true);
    assert.equal(mayReach(false, true, true), false, 'a normal panel lists no incognito tab');
    assert.equal(mayReach(false, true, false), false, 'nor subscribes to one');
    assert.equal(mayReach(true, false, false), false, 'an incognito panel reaches no normal tab');
    assert.equal(mayReach(true, true, true), true);
    assert.equal(mayReach(undefined, true, false), true, 'a DevTools panel inspects the tab DevTools was opened for');
    assert.equal(mayReach(undefined, true, true), false, 'but lists no incognito tab');
  });
});
