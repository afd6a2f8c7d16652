// Reconnect storms: many new sessions of one URL within seconds, with the gaps between them, which tell whether the
// client backs off (growing gaps) and whether the sessions connected before they ended.
import type { Packet } from '../../../protocol';
import { BoundedMap } from '../bounded';
import type { SessionFacts } from '../session-facts';
import type { Rule } from '../types';

/** The starts kept per URL: enough for any window the settings allow to show its gaps. */
const MAX_STARTS = 20;
/** The gaps a problem lists: the latest. */
const SHOWN_GAPS = 10;
/** Gaps growing by this factor each are a backoff. */
const BACKOFF_FACTOR = 1.2;

interface Start {
  facts: SessionFacts;
  packet: Packet;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function gapsOf(starts: readonly Start[]): number[] {
  return starts.slice(1).map((start, at) => start.packet.time - starts[at].packet.time);
}

function describe(starts: readonly Start[]): { detail: string; cause: string } {
  const gaps = gapsOf(starts);
  const last = gaps.slice(-3);
  const backingOff = last.length >= 2 && last.every((gap, at) => at === 0 || gap >= last[at - 1] * BACKOFF_FACTOR);
  const opened = starts.filter((start) => start.facts.open ?? start.packet.open).length;
  const span = starts[starts.length - 1].packet.time - starts[0].packet.time;
  const detail =
    `${starts.length} new sessions in ${seconds(span)}, ${gaps.length > SHOWN_GAPS ? 'the latest ' : ''}gaps ${gaps.slice(-SHOWN_GAPS).map(seconds).join(', ')}: ` +
    `${backingOff ? 'they grow, the client backs off' : 'they do not grow'}; ${opened} of them opened.`;
  const cause =
    opened > 0
      ? 'Each session ends soon after it opens (a server restarting in a loop or crashing on connection, a proxy cutting it, requests reaching another instance: see the other problems), and the client starts its backoff over at each session that opens.'
      : backingOff
        ? 'Every attempt fails (see the other problems), and the client keeps trying, backing off as it should.'
        : 'Every attempt fails (see the other problems), and the client retries without backing off (its reconnectionDelay, reconnectionDelayMax and randomizationFactor), or the page creates new sockets itself.';
  return { detail, cause };
}

export function reconnectStormRule(): Rule {
  /** Per URL, its latest session starts. */
  const startsByUrl = new BoundedMap<string, Start[]>(1_000);
  /** URLs whose storm was reported: then each new session joins it. */
  const storming = new BoundedMap<string, true>(1_000);
  return {
    packet(facts, packet, context) {
      if (facts.first.packet !== packet) return;
      let starts = startsByUrl.get(facts.url);
      if (!starts) startsByUrl.set(facts.url, (starts = []));
      starts.push({ facts, packet });
      if (starts.length > MAX_STARTS) starts.shift();
      const { stormSessions, stormWindowMs } = context.settings;
      // Sessions that replaced one another: those still open are not reconnections (a page may open several).
      const recent = starts.filter(
        (start) => packet.time - start.packet.time <= stormWindowMs && (start.facts.end || start.packet === packet),
      );
      if (recent.length < stormSessions) {
        storming.delete(facts.url);
        return;
      }
      const joining = storming.has(facts.url) ? recent.slice(-1) : recent;
      storming.set(facts.url, true);
      context.report({
        rule: 'reconnect-storm',
        key: `reconnect-storm:${facts.url}`,
        severity: 'warning',
        title: `Reconnect storm on ${facts.url}`,
        ...describe(recent),
        fix: 'Fix why the sessions end or fail (see their problems), and keep the client backing off (reconnectionDelay of a second or more, reconnectionDelayMax, randomizationFactor) so that clients do not all come back at once.',
        time: packet.time,
        sessions: joining.map((start) => start.facts.session),
        packets: joining.map((start) => ({ session: start.facts.session, packet: start.packet })),
        occurrences: joining.length,
      });
    },
  };
}
