import type { Frame, Page } from 'puppeteer-core';
import { waitFor } from './wait';

export interface PanelRow {
  kind: string;
  direction: string;
  transport: string;
  data: string;
}

/** The rows the panel shows, as a user reads them. */
export function readPanelRows(panel: Page | Frame): Promise<PanelRow[]> {
  return panel.evaluate(() =>
    Array.from(document.querySelectorAll('table.frames tbody tr'), (row) => ({
      kind: row.classList.contains('navigation') ? 'navigation' : row.classList.contains('frame') ? 'frame' : (row.classList[1] ?? ''),
      direction: row.classList.contains('sent') ? 'sent' : row.classList.contains('received') ? 'received' : '',
      transport: row.querySelector('.transport')?.textContent ?? '',
      data: row.querySelector('.data')?.textContent ?? '',
    })),
  );
}

/** Waits until the panel shows a row that satisfies `predicate`, and returns it. */
export async function waitForPanelRow(panel: Page | Frame, what: string, predicate: (row: PanelRow) => boolean): Promise<PanelRow> {
  const rows = await waitFor(`the panel to show ${what}`, () => readPanelRows(panel), (rows) => rows.some(predicate));
  return rows.find(predicate)!;
}
