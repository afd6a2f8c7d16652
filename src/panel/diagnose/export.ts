import type { SessionPacket } from '../decode/sessions';
import type { Problem } from './types';

/** A problem as the `*.sio.json` export writes it: its packets as positions in the export's `packets` array. */
export interface ExportedProblem extends Omit<Problem, 'packets'> {
  packets: number[];
}

/** The problems for an export whose packets are `packets` (references to packets not among them are left out). */
export function exportProblems(problems: readonly Problem[], packets: readonly SessionPacket[]): ExportedProblem[] {
  if (problems.length === 0) return [];
  const positions = new Map<string, number>();
  packets.forEach(({ session, packet }, at) => positions.set(`${session.id}:${packet.seq}`, at));
  return problems.map(({ packets: references, ...problem }) => ({
    ...problem,
    packets: references
      .map((reference) => positions.get(`${reference.session}:${reference.seq}`))
      .filter((at) => at !== undefined),
  }));
}
