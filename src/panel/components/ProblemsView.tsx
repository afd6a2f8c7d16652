import type { PacketRef, Problem, Severity } from '../diagnose/types';
import { formatTime } from '../format';
import { packetSummary } from '../format-packet';
import type { ProblemsStore } from '../store/problems';
import { packetBySeq, type TimelinePacket, type TimelineStore } from '../store/timeline';

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const SEVERITY_MARK: Record<Severity, string> = { error: '✖', warning: '⚠', info: 'ℹ' };

/** Errors first, then warnings, then notes; each in the order they first happened. */
export function sortedProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.first - b.first);
}

interface Actions {
  /** Selects a packet in the timeline (and shows it). */
  onShowPacket: (entry: TimelinePacket) => void;
  /** Filters the timeline to one session. */
  onShowSession: (sessionId: string) => void;
}

function PacketLink({
  timeline,
  reference,
  onShowPacket,
}: { timeline: TimelineStore; reference: PacketRef } & Actions) {
  const entry = packetBySeq(timeline, reference.session, reference.seq);
  const label = `Select packet ${reference.seq} of session ${reference.session}`;
  if (!entry)
    return (
      <button type="button" aria-label={label} disabled title="This packet is no longer in the timeline">
        {reference.session} #{reference.seq}
      </button>
    );
  const { type, name } = packetSummary(entry.packet);
  return (
    <button type="button" aria-label={label} onClick={() => onShowPacket(entry)}>
      {entry.packet.direction === 'sent' ? '↑' : '↓'} {reference.session} #{reference.seq} {type} {name}
    </button>
  );
}

const more = (shown: number, total: number) =>
  total > shown ? <span class="more"> +{total - shown} more</span> : null;

function ProblemItem({ problem, timeline, ...actions }: { problem: Problem; timeline: TimelineStore } & Actions) {
  const { severity, title, count, first, last, sessions, packets } = problem;
  return (
    <li class={`problem severity-${severity}`}>
      <article aria-label={title}>
        <h3>
          <span class="severity" role="img" aria-label={severity}>
            {SEVERITY_MARK[severity]}
          </span>{' '}
          {title}
          {count > 1 && <span class="repeats"> ×{count}</span>}
        </h3>
        <p class="when">
          {formatTime(first)}
          {last > first ? ` – ${formatTime(last)}` : ''}
        </p>
        <p class="detail">{problem.detail}</p>
        <p class="cause">
          <strong>Likely cause:</strong> {problem.cause}
        </p>
        <p class="fix">
          <strong>Fix:</strong> {problem.fix}
        </p>
        <p class="references">
          <span>Sessions:</span>
          {sessions.map((id) => (
            <button type="button" key={id} aria-label={`Show session ${id}`} onClick={() => actions.onShowSession(id)}>
              {id}
            </button>
          ))}
          {more(sessions.length, problem.sessionCount)}
        </p>
        {packets.length > 0 && (
          <p class="references">
            <span>Packets:</span>
            {packets.map((reference) => (
              <PacketLink
                key={`${reference.session}:${reference.seq}`}
                timeline={timeline}
                reference={reference}
                {...actions}
              />
            ))}
            {more(packets.length, problem.packetCount)}
          </p>
        )}
      </article>
    </li>
  );
}

/**
 * The Problems view: what the rules found in the capture, worst first, each with when it happened, its sessions and
 * packets (a click shows them in the timeline), its likely cause and its fix. Re-renders when the problems change.
 */
export function ProblemsView({
  problems,
  timeline,
  ...actions
}: { problems: ProblemsStore; timeline: TimelineStore } & Actions) {
  void problems.revision.value;
  const { list } = problems.diagnoser;
  const shown = sortedProblems(list.problems);
  return (
    <section class="problems" aria-label="Problems">
      {shown.length === 0 ? (
        <p class="empty">No problems found in the capture.</p>
      ) : (
        <ol class="problem-list">
          {shown.map((problem) => (
            <ProblemItem key={problem.key} problem={problem} timeline={timeline} {...actions} />
          ))}
        </ol>
      )}
      {list.dropped > 0 && <p class="warning">{list.dropped} more problems not kept (the list keeps 200).</p>}
    </section>
  );
}

/** The toolbar's count of problems, worst severity first; a click opens the Problems view. None when there are none. */
export function ProblemCount({ problems, onOpen }: { problems: ProblemsStore; onOpen: () => void }) {
  void problems.revision.value;
  const list = problems.diagnoser.list.problems;
  if (list.length === 0) return null;
  const worst = sortedProblems(list)[0].severity;
  return (
    <button type="button" class={`problem-count severity-${worst}`} onClick={onOpen}>
      {list.length} {list.length === 1 ? 'problem' : 'problems'}
    </button>
  );
}
