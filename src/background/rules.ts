import { KEEPINGS, type Keeping } from '../messages';

/**
 * The background's decisions that depend on nothing but their inputs: how a tab's idle budget is shared, which tabs a
 * panel may list or inspect, and how a tab's relays keep its records.
 */

/**
 * A document's share of its tab's idle budget: equal among the documents that have socket traffic (one without holds
 * nothing). A document keeps its share until told another: when a document of its tab starts having traffic or goes.
 */
export function budgetShare(tabBudget: number, documentsWithTraffic: number): number {
  return Math.floor(tabBudget / Math.max(1, documentsWithTraffic));
}

/**
 * How a tab's relays keep their new records for its panels (Keeping), given how each panel inspecting it lets them: the
 * least of those, as a panel that reads live must get each record as it comes. No panel: `no` (the relays are idle).
 */
export function relaysKeep(panels: readonly Keeping[]): Keeping {
  if (panels.length === 0) return 'no';
  return KEEPINGS[Math.min(...panels.map((keep) => KEEPINGS.indexOf(keep)))];
}

/**
 * Whether a panel may reach a tab, keeping normal and incognito (private) tabs apart: a panel in a tab reaches tabs of
 * its own kind only. A DevTools panel (not in a tab: `panelIncognito` unknown) inspects the tab DevTools was opened
 * for, which is of its window's kind; it lists no tabs (`listing`) but normal ones.
 */
export function mayReach(panelIncognito: boolean | undefined, tabIncognito: boolean, listing: boolean): boolean {
  if (panelIncognito === undefined) return listing ? !tabIncognito : true;
  return panelIncognito === tabIncognito;
}
