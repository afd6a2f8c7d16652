import { useComputed } from '@preact/signals';
import { stringifyJson, type Packet } from '../../protocol';
import { boundedText, DETAIL_CHARS, findBinaries, jsonText, MAX_BINARIES, NAME_CHARS, RAW_CHARS } from '../bounded';
import { copyText } from '../clipboard';
import { toJsonValue } from '../export/sio-json';
import { formatTime } from '../format';
import type { ComposerActions } from '../store/composer-actions';
import { answeredBy, answers, type TimelinePacket, type TimelineStore } from '../store/timeline';
import { hexText, HexView } from './HexView';
import { JsonTree } from './JsonTree';

/** The packet as the code that would send it: `socket.emit("event", ...args)`, binary values as `"<binary N B>"`. */
export function packetAsCode(packet: Packet): string {
  const socket = packet.namespace && packet.namespace !== '/' ? `io(${JSON.stringify(packet.namespace)})` : 'socket';
  const args = (packet.args ?? []).map((arg) => jsonText(arg)).join(', ');
  return `${socket}.emit(${JSON.stringify(packet.event)}${args ? `, ${args}` : ''});`;
}

function PairLink({
  entry,
  relation,
  label,
  rtt,
  onSelect,
}: {
  entry: TimelinePacket;
  relation: 'Answered by' | 'Answers';
  label: string;
  rtt: number | undefined;
  onSelect: (entry: TimelinePacket) => void;
}) {
  return (
    <p class="pair">
      {relation}{' '}
      <button type="button" class="link" onClick={() => onSelect(entry)}>
        {boundedText(label, NAME_CHARS)}
      </button>{' '}
      after <span class="rtt">{rtt?.toFixed(1)} ms</span>
    </p>
  );
}

function fieldsOf({ packet, session }: TimelinePacket): [string, string][] {
  const fields: [string, string | undefined][] = [
    ['Session', `${session.id}${session.sid ? ` (sid ${session.sid})` : ''}`],
    ['Direction', packet.direction],
    ['Transport', packet.transport],
    ['Time', formatTime(packet.time)],
    ['Engine.IO', packet.eioType],
    ['Socket.IO', packet.sioType],
    ['Parser', packet.parser],
    ['Namespace', packet.namespace],
    ['Event', packet.event === undefined ? undefined : String(packet.event)],
    ['Ack id', packet.ackIdDigits],
    ['Attachments', packet.attachments === undefined ? undefined : String(packet.attachments)],
    ['Size', `${packet.size} B`],
    ['Note', packet.note],
  ];
  return fields.flatMap(([name, value]) => (value === undefined ? [] : [[name, boundedText(value, DETAIL_CHARS)]]));
}

/** The payload's binary values, each in a hex view (the first MAX_BINARIES of them). */
function Binaries({ payload }: { payload: unknown }) {
  const { found, total } = findBinaries(payload, MAX_BINARIES);
  return (
    <>
      {found.map(({ path, bytes }, index) => (
        <HexView key={index} bytes={bytes} label={`Binary ${path}`} />
      ))}
      {total > found.length && <p class="json-more">… {total - found.length} more binary values</p>}
    </>
  );
}

/** Everything about the selected packet: fields, its pair (ACK ↔ EVENT, pong ↔ ping), payload tree, binary, raw. */
export function PacketDetails({
  timeline,
  entry,
  onSelect,
  composer,
}: {
  timeline: TimelineStore;
  entry: TimelinePacket;
  onSelect: (entry: TimelinePacket) => void;
  composer: ComposerActions;
}) {
  const { packet } = entry;
  const { reply, original } = useComputed(() => {
    void timeline.revision.value; // a reply is often decoded after its packet was selected
    return { reply: answeredBy(timeline, entry), original: answers(timeline, entry) };
  }).value;
  const payload = packet.args ?? packet.open ?? packet.data;
  const raw = typeof packet.raw === 'string' ? packet.raw : undefined;
  return (
    <aside class="details" aria-label="Packet details">
      {packet.error && (
        <p class="error" role="alert">
          {boundedText(packet.error, DETAIL_CHARS)}
        </p>
      )}
      <dl>
        {fieldsOf(entry).map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {reply && (
        <PairLink
          entry={reply}
          relation="Answered by"
          label={`${reply.packet.sioType ?? reply.packet.eioType} ${reply.packet.ackIdDigits ?? ''}`}
          rtt={reply.packet.rtt}
          onSelect={onSelect}
        />
      )}
      {original && (
        <PairLink
          entry={original}
          relation="Answers"
          label={`${original.packet.sioType ?? original.packet.eioType} ${original.packet.event ?? ''}`}
          rtt={packet.rtt}
          onSelect={onSelect}
        />
      )}
      <div class="copy">
        <button type="button" onClick={() => copyText(raw ?? hexText(packet.raw as Uint8Array))}>
          Copy raw
        </button>
        <button type="button" onClick={() => copyText(stringifyJson(toJsonValue(payload)) ?? '')}>
          Copy as JSON
        </button>
        {packet.event !== undefined && (
          <>
            <button type="button" onClick={() => copyText(packetAsCode(packet))}>
              Copy as code
            </button>
            <button type="button" onClick={() => composer.replay(entry)}>
              {packet.direction === 'sent' ? 'Replay' : 'Deliver again'}
            </button>
            <button type="button" onClick={() => composer.load(entry)}>
              Edit in composer
            </button>
          </>
        )}
      </div>
      {payload !== undefined && (
        <section class="payload" aria-label="Payload">
          <JsonTree value={payload} />
        </section>
      )}
      <Binaries payload={payload} />
      <section class="raw" aria-label="Raw frame">
        <h3>Raw{packet.rawTruncated ? ' (truncated)' : ''}</h3>
        {raw !== undefined ? (
          <pre>{boundedText(raw, RAW_CHARS)}</pre>
        ) : (
          <HexView bytes={packet.raw as Uint8Array} label="Raw bytes" />
        )}
      </section>
    </aside>
  );
}
