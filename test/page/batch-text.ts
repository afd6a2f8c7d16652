import type { PageRecord } from '../../src/messages';
import { writeRecordsBatch } from '../../src/written-batch';
import { batchHead, batchTail } from '../../src/page/serialize';

/**
 * A records batch as the hook writes it (src/page/batches.ts): each PageRecord written as the hook writes it, its
 * connection described in the batch's table; anything else (a malformed record, as a page could make) as its JSON.
 * The head says what `head` gives, as a page could.
 */
export function batchText(
  records: unknown[],
  { version, count = records.length, frames, head = false, time, errors = '{}' }: BatchHeadFields,
): string {
  const connections = new Map<string, string>();
  const written = records.map((record) => {
    if (typeof (record as PageRecord | null)?.transport !== 'string') return JSON.stringify(record);
    const batch = JSON.parse(writeRecordsBatch([record as PageRecord])) as {
      records: unknown[];
      connections: Record<string, unknown>;
    };
    for (const [id, described] of Object.entries(batch.connections))
      connections.set(id, `${JSON.stringify(id)}:${JSON.stringify(described)}`);
    return JSON.stringify(batch.records[0]);
  });
  const framesCount = frames ?? records.filter((record) => (record as PageRecord | null)?.kind === 'frame').length;
  const first = (records[0] as { time?: number } | undefined)?.time ?? 0;
  const opening = batchHead(version, count, framesCount, head, time ?? first, errors);
  return `${opening}${written.join(',')}${batchTail([...connections.values()].join(','))}`;
}

export interface BatchHeadFields {
  version: number;
  count?: number;
  frames?: number;
  head?: boolean;
  time?: number;
  errors?: string;
}
