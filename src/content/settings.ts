import { browser } from '../platform';
import { DEFAULT_BACKLOG_LIMITS, type BacklogLimits } from './backlog';

/**
 * The backlog limits, configurable in the extension's local storage (`backlogMaxRecords`, `backlogMaxBytes`);
 * anything missing or not a positive integer keeps its default.
 */
export async function readBacklogLimits(): Promise<BacklogLimits> {
  const stored = await browser.storage.local.get(['backlogMaxRecords', 'backlogMaxBytes']).catch(() => ({}));
  const valid = (value: unknown, fallback: number) =>
    Number.isSafeInteger(value) && (value as number) > 0 ? (value as number) : fallback;
  return {
    maxRecords: valid((stored as Record<string, unknown>).backlogMaxRecords, DEFAULT_BACKLOG_LIMITS.maxRecords),
    maxBytes: valid((stored as Record<string, unknown>).backlogMaxBytes, DEFAULT_BACKLOG_LIMITS.maxBytes),
  };
}
