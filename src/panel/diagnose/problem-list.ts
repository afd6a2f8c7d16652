// The problems found so far, repeats grouped under their key, within limits: so many problems, and so many sessions
// and packets named in each (the counts go on).
import type { Finding, PacketRef, Problem } from './types';

export const MAX_PROBLEMS = 200;
export const MAX_REFERENCES = 20;
/** Sessions told apart per problem, to count each once; beyond, a session that comes back is counted again. */
const MAX_COUNTED_SESSIONS = 1_000;

function addSession(problem: Problem, counted: Set<string>, id: string): void {
  if (counted.has(id)) return;
  if (counted.size < MAX_COUNTED_SESSIONS) counted.add(id);
  problem.sessionCount++;
  if (problem.sessions.length < MAX_REFERENCES) problem.sessions.push(id);
}

function addPacket(problem: Problem, ref: PacketRef): void {
  if (problem.packets.some((known) => known.session === ref.session && known.seq === ref.seq)) return;
  problem.packetCount++;
  if (problem.packets.length < MAX_REFERENCES) problem.packets.push(ref);
}

export function createProblemList() {
  const byKey = new Map<string, { problem: Problem; sessions: Set<string> }>();
  return {
    /** Grouped problems in the order they first happened. */
    problems: [] as Problem[],
    /** Problems not kept once MAX_PROBLEMS were (their repeats are not counted). */
    dropped: 0,
    /** Bumped at every change. */
    revision: 0,
    add(finding: Finding): void {
      let entry = byKey.get(finding.key);
      if (!entry) {
        if (byKey.size >= MAX_PROBLEMS) {
          this.dropped++;
          this.revision++;
          return;
        }
        const { rule, key, severity, title, detail, cause, fix, time } = finding;
        const problem: Problem = {
          rule,
          key,
          severity,
          title,
          detail,
          cause,
          fix,
          first: time,
          last: time,
          count: 0,
          sessions: [],
          sessionCount: 0,
          packets: [],
          packetCount: 0,
        };
        byKey.set(key, (entry = { problem, sessions: new Set() }));
        this.problems.push(problem);
      }
      const { problem, sessions } = entry;
      problem.count += finding.occurrences ?? 1;
      problem.last = Math.max(problem.last, finding.time);
      problem.detail = finding.detail;
      for (const session of finding.sessions) addSession(problem, sessions, session.id);
      for (const { session, packet } of finding.packets) {
        addSession(problem, sessions, session.id);
        addPacket(problem, { session: session.id, seq: packet.seq });
      }
      this.revision++;
    },
  };
}

export type ProblemList = ReturnType<typeof createProblemList>;
