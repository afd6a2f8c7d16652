import type { Frame, Page } from 'puppeteer-core';
import { waitFor } from './wait';

export interface PanelRow {
  kind: string;
  /** The frame of the tab whose document captured it (0 = the top frame). */
  frameId: number;
  direction: string;
  transport: string;
  data: string;
}

/** The rows of the panel's "Raw frames" view (switched to if needed), as a user reads them. */
export function readPanelRows(panel: Page | Frame): Promise<PanelRow[]> {
  return panel.evaluate(() => {
    const tab = document.querySelector<HTMLButtonElement>('button[data-view="frames"]');
    if (tab && tab.getAttribute('aria-selected') !== 'true') tab.click();
    return Array.from(document.querySelectorAll('table.frames tbody tr'), (row) => ({
      kind: row.classList.contains('navigation') ? 'navigation' : row.classList.contains('frame') ? 'frame' : (row.classList[1] ?? ''),
      direction: row.classList.contains('sent') ? 'sent' : row.classList.contains('received') ? 'received' : '',
      frameId: Number(row.getAttribute('data-frame-id') ?? 0),
      transport: row.querySelector('.transport')?.textContent ?? '',
      data: row.querySelector('.data')?.textContent ?? '',
    }));
  });
}

/** Waits until the panel shows a row that satisfies `predicate`, and returns it. */
export async function waitForPanelRow(panel: Page | Frame, what: string, predicate: (row: PanelRow) => boolean): Promise<PanelRow> {
  const rows = await waitFor(`the panel to show ${what}`, () => readPanelRows(panel), (rows) => rows.some(predicate));
  return rows.find(predicate)!;
}

/** The part of a `*.sio.json` export that tests read. */
export interface ExportedCapture {
  format: string;
  version: number;
  sessions: { id: string; url: string; eio: number | null; sid: string | null; transports: string[] }[];
  packets: {
    session: string;
    time: number;
    direction: 'sent' | 'received';
    transport: string;
    eio: { type: string };
    sio?: { type: string; nsp: string; id?: string; event?: string | number; args?: unknown[]; data?: unknown; attachments?: number };
    error?: string;
    raw: unknown;
  }[];
}

/**
 * Clicks the panel's Export button and returns the `*.sio.json` it downloads, read from the Blob the panel hands to
 * `URL.createObjectURL` (the test stands in for the browser's download).
 */
export async function exportFromPanel(panel: Page | Frame): Promise<ExportedCapture> {
  const text = await panel.evaluate(async () => {
    const create = URL.createObjectURL;
    let exported: Blob | undefined;
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      exported = blob as Blob;
      return create.call(URL, blob);
    };
    try {
      const button = Array.from(document.querySelectorAll('button')).find((candidate) => candidate.textContent?.trim() === 'Export');
      if (!button) throw new Error('no Export button');
      button.click();
    } finally {
      URL.createObjectURL = create;
    }
    if (!exported) throw new Error('the Export button made no file');
    return exported.text();
  });
  return JSON.parse(text) as ExportedCapture;
}
