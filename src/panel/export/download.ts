import type { CapturedRow } from '../store/capture';
import type { Problem } from '../diagnose/types';
import { exportCapture, type WorkerOf } from './sio-json';

/** Hands the text parts to the browser as a download named `fileName`. */
export function saveFile(parts: BlobPart[], fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Downloads the capture, with the problems found in it, as `socketio-<time>.sio.json`. */
export function downloadExport(rows: readonly CapturedRow[], problems: readonly Problem[], workerOf: WorkerOf): void {
  const now = new Date();
  const name = `socketio-${now.toISOString().replace(/[:.]/g, '-')}.sio.json`;
  saveFile(exportCapture(rows, now, problems, workerOf), name, 'application/json');
}
