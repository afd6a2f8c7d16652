import type { WorkerInfo } from '../../messages';
import { boundedText, NAME_CHARS } from '../bounded';
import type { CaptureStore } from '../store/capture';

/** The worker whose traffic a document's records are (through the debugger), if it is one. */
export function workerOf(capture: CaptureStore, documentId: string): WorkerInfo | undefined {
  return capture.documents.value.get(documentId)?.worker;
}

/** How the panel names a worker: its kind and its script's URL. */
export function workerLabel(worker: WorkerInfo): string {
  return `${worker.kind} worker · ${boundedText(worker.url, NAME_CHARS)}`;
}
