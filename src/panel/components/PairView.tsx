import { boundedText, NAME_CHARS } from '../bounded';
import { formatTime } from '../format';
import { packetSummary } from '../format-packet';
import { formatDuration } from '../row-time';
import type { TimelinePacket } from '../store/timeline';

/** How a packet is named in a sentence: `EVENT chat message`, `ACK 3`, `pong`. */
export function packetName({ packet }: TimelinePacket): string {
  const { type, name } = packetSummary(packet);
  const what = packet.event !== undefined ? name : (packet.ackIdDigits ?? '');
  return boundedText(what ? `${type} ${what}` : type, NAME_CHARS);
}

function PairRow({ role, entry }: { role: string; entry: TimelinePacket }) {
  const { packet } = entry;
  const summary = packetSummary(packet);
  return (
    <tr>
      <th scope="row">{role}</th>
      <td>{formatTime(packet.time)}</td>
      <td>{packet.direction === 'sent' ? '↑ sent' : '↓ received'}</td>
      <td>{summary.type}</td>
      <td>{summary.name}</td>
      <td class="pair-args">{summary.preview}</td>
    </tr>
  );
}

interface Props {
  entry: TimelinePacket;
  /** The packet that answers it (ACK, pong), or the one it answers (EVENT, ping), while the timeline holds it. */
  reply: TimelinePacket | undefined;
  original: TimelinePacket | undefined;
  onSelect: (entry: TimelinePacket) => void;
}

/** The Pair tab: the packet and its ack or pong (or the EVENT or ping it answers), the round trip, and a way there. */
export function PairView({ entry, reply, original, onSelect }: Props) {
  const other = reply ?? original;
  if (!other) {
    return (
      <p class="pair-view">
        {entry.packet.replyTo !== undefined ? 'The packet it answers' : 'Its answer'} is no longer kept (the panel's
        maximum packets).
      </p>
    );
  }
  const [request, answer] = reply ? [entry, reply] : [other, entry];
  const rtt = answer.packet.rtt;
  return (
    <section class="pair-view" aria-label="Pair">
      <p>
        {packetName(request)} was answered by {packetName(answer)}
        {rtt === undefined ? '' : ` after ${formatDuration(rtt)}`}.
      </p>
      <table class="pair-table" aria-label="Round trip">
        <thead>
          <tr>
            <th scope="col">Packet</th>
            <th scope="col">Time</th>
            <th scope="col">Direction</th>
            <th scope="col">Type</th>
            <th scope="col">Event</th>
            <th scope="col">Arguments</th>
          </tr>
        </thead>
        <tbody>
          <PairRow role={reply ? 'This packet' : 'Answers'} entry={request} />
          <PairRow role={reply ? 'Answer' : 'This packet'} entry={answer} />
        </tbody>
      </table>
      <button type="button" onClick={() => onSelect(other)}>
        Go to {packetName(other)}
      </button>
    </section>
  );
}
