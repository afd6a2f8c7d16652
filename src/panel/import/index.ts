import { importHar, isHar } from './har';
import type { ImportResult } from './rows';
import { importSioJson, isSioJson } from './sio-json';

export type { ImportResult } from './rows';

/** Reads a file the user picked: a *.sio.json export, or a HAR file (as Chrome's Network panel saves it). */
export function importCapture(text: string, fileName: string): ImportResult {
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return {
      ok: false,
      error: `${fileName} is not JSON (${e instanceof Error ? e.message : String(e)}): pick a *.sio.json export or a HAR file`,
    };
  }
  try {
    if (isSioJson(json)) return importSioJson(json, fileName);
    if (isHar(json)) return importHar(json, fileName);
  } catch (e) {
    return { ok: false, error: `${fileName} could not be read: ${e instanceof Error ? e.message : String(e)}` };
  }
  return {
    ok: false,
    error: `${fileName} is neither a *.sio.json export (format "sio-inspector") nor a HAR file (log.entries)`,
  };
}
