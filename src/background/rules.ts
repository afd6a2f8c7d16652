/**
 * The background's decisions that depend on nothing but their inputs: how a tab's idle budget is shared, which tabs a
 * panel may list or inspect, and whether a tab's relays keep a held flood.
 */

/**
 * A document's share of its tab's idle budget: equal among the documents that have socket traffic (one without holds
 * nothing). A document keeps its share until told another: when a document of its tab starts having traffic or goes.
 */
export function budgetShare(tabBudget: number, documentsWithTraffic: number): number {
  return Math.floor(tabBudget / Math.max(1, documentsWithTraffic));
}

/**
 * Whether a tab's relays keep their new records for its panels (the panels' `hold`), given whether each panel
 * inspecting it holds a flood: only while every one does, as one that reads live must get them.
 */
export const relaysKeep = (panelsHolding: readonly boolean[]): boolean =>
  panelsHolding.length > 0 && panelsHolding.every(Boolean);

/**
 * Whether a panel may reach a tab, keeping normal and incognito (private) tabs apart: a panel in a tab reaches tabs of
 * its own kind only. A DevTools panel (not in a tab: `panelIncognito` unknown) inspects the tab DevTools was opened
 * for, which is of its window's kind; it lists no tabs (`listing`) but normal ones.
 */
export function mayReach(panelIncognito: boolean | undefined, tabIncognito: boolean, listing: boolean): boolean {
  if (panelIncognito === undefined) return listing ? !tabIncognito : true;
  return panelIncognito === tabIncognito;
}
