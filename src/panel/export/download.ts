import type { CapturedRow } from '../store/capture';
import type { Problem } from '../diagnose/types';
import { exportCapture } from './sio-json';

/** Downloads the capture, with the problems found in it, as `socketio-<time>.sio.json`. */
export function downloadExport(rows: readonly CapturedRow[], problems: readonly Problem[]): void {
  const now = new Date();
  const blob = new Blob(exportCapture(rows, now, problems), { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `socketio-${now.toISOString().replace(/[:.]/g, '-')}.sio.json`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
