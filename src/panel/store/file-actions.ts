import { downloadExport } from '../export/download';
import { downloadHar } from '../export/har';
import { importCapture } from '../import';
import { workerOf } from '../workers/label';
import { clearCapture, loadCapture } from './capture';
import type { PanelStores } from '.';
import { catchUpCapture, notCameText } from './catch-up';

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Downloads the capture; says in the notice when it could not, or not all of it. */
export async function exportCapture(stores: PanelStores): Promise<void> {
  try {
    await catchUpCapture(stores, (notCame) => {
      const { capture } = stores;
      downloadExport(capture.rows, stores.problems.diagnoser.list.problems, (id) => workerOf(capture, id));
      if (notCame > 0) stores.notice.value = `Exported the capture${notCameText(notCame)}`;
    });
  } catch (error) {
    stores.notice.value = `Export failed: ${reason(error)}`;
  }
}

/** Saves the capture as HAR; says in the notice when it could not, or not all of it. */
export async function exportHar(stores: PanelStores): Promise<void> {
  try {
    await catchUpCapture(stores, (notCame) => {
      downloadHar(stores.capture.rows);
      if (notCame > 0) stores.notice.value = `Exported the capture as HAR${notCameText(notCame)}`;
    });
  } catch (error) {
    stores.notice.value = `Export HAR failed: ${reason(error)}`;
  }
}

/** Shows a file the user picked instead of the live capture, or says why it cannot. */
export async function importFile(stores: PanelStores, file: File): Promise<void> {
  stores.readHeld(); // held records came before the file: a Clear returns to them
  try {
    const result = importCapture(await file.text(), file.name);
    if (!result.ok) {
      stores.notice.value = `Import failed: ${result.error}`;
      return;
    }
    loadCapture(stores.capture, result.rows, file.name, result.workerDocuments);
    const { warnings } = result;
    stores.notice.value = `Imported ${file.name}${warnings.length ? ` (${warnings.length} warnings: ${warnings[0]})` : ''}; Clear returns to the live capture`;
  } catch (error) {
    stores.notice.value = `Import failed: ${reason(error)}`;
  }
}

/** Empties the capture and what was said about the last file. */
export function clearPanel(stores: PanelStores): void {
  // Held records came before the clear, and those the page's relay kept and still sends.
  clearCapture(stores.capture, stores.readHeld());
  stores.notice.value = '';
}
