import type { Packet } from '../../protocol';
import { previewValue } from '../format-packet';
import { formatTime } from '../format';
import { answeredBy, answers, type TimelinePacket, type TimelineStore } from '../store/timeline';
import { binaryLeaves, HexView } from './HexView';
import { JsonTree } from './JsonTree';
import { submit } from './Composer';
import { toJsonValue } from '../export/sio-json';
import type { ComposerStore } from '../store/composer';
import type { Session } from '../decode/sessions';
import type { PanelTransport } from '../transport';
import type { HistoryStorage } from '../history';

interface Actions {
  tabId: number;
  transport: PanelTransport;
  sessions: readonly Session[];
  composer: ComposerStore;
  history: HistoryStorage;
}

/** Loads an EVENT into the composer: its session, namespace, name and arguments. */
function loadIntoComposer(composer: ComposerStore, entry: TimelinePacket): void {
  composer.session.value = entry.session.id;
  composer.namespace.value = entry.packet.namespace ?? '/';
  composer.event.value = String(entry.packet.event);
  composer.argsText.value = JSON.stringify(toJsonValue(entry.packet.args ?? []));
  composer.ack.value = false;
}

function copy(text: string): void {
  void navigator.clipboard?.writeText(text).catch(() => undefined);
}

/** The packet as the code that would send it: `socket.emit("event", ...args)`. */
export function packetAsCode(packet: Packet): string {
  const socket = packet.namespace && packet.namespace !== '/' ? `io(${JSON.stringify(packet.namespace)})` : 'socket';
  const args = (packet.args ?? []).map((arg) => previewValue(arg)).join(', ');
  return `${socket}.emit(${JSON.stringify(packet.event)}${args ? `, ${args}` : ''});`;
}

function Link({
  entry,
  label,
  onSelect,
}: {
  entry: TimelinePacket;
  label: string;
  onSelect: (entry: TimelinePacket) => void;
}) {
  return (
    <button type="button" class="link" onClick={() => onSelect(entry)}>
      {label}
    </button>
  );
}

/** Everything about the selected packet: fields, its pair (ACK ↔ EVENT, pong ↔ ping), payload tree, binary, raw. */
export function PacketDetails({
  timeline,
  entry,
  onSelect,
  actions,
}: {
  timeline: TimelineStore;
  entry: TimelinePacket;
  onSelect: (entry: TimelinePacket) => void;
  actions: Actions;
}) {
  const { packet, session } = entry;
  const reply = answeredBy(timeline, entry);
  const original = answers(timeline, entry);
  const payload = packet.args ?? packet.open ?? packet.data;
  const binaries = binaryLeaves(payload);
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
  return (
    <aside class="details" aria-label="Packet details">
      {packet.error && (
        <p class="error" role="alert">
          {packet.error}
        </p>
      )}
      <dl>
        {fields
          .filter(([, value]) => value !== undefined)
          .map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      {reply && (
        <p class="pair">
          Answered by{' '}
          <Link
            entry={reply}
            label={`${reply.packet.sioType ?? reply.packet.eioType} ${reply.packet.ackIdDigits ?? ''}`}
            onSelect={onSelect}
          />{' '}
          after <span class="rtt">{reply.packet.rtt?.toFixed(1)} ms</span>
        </p>
      )}
      {original && (
        <p class="pair">
          Answers{' '}
          <Link
            entry={original}
            label={`${original.packet.sioType ?? original.packet.eioType} ${original.packet.event ?? ''}`}
            onSelect={onSelect}
          />{' '}
          after <span class="rtt">{packet.rtt?.toFixed(1)} ms</span>
        </p>
      )}
      <div class="copy">
        <button
          type="button"
          onClick={() =>
            copy(
              typeof packet.raw === 'string'
                ? packet.raw
                : Array.from(packet.raw, (byte) => byte.toString(16).padStart(2, '0')).join(''),
            )
          }
        >
          Copy raw
        </button>
        <button type="button" onClick={() => copy(previewValue(payload))}>
          Copy as JSON
        </button>
        {packet.event !== undefined && (
          <button type="button" onClick={() => copy(packetAsCode(packet))}>
            Copy as code
          </button>
        )}
        {packet.event !== undefined && (
          <button
            type="button"
            onClick={() => {
              loadIntoComposer(actions.composer, entry);
              submit(actions, packet.direction === 'sent' ? 'emit' : 'deliver');
            }}
          >
            {packet.direction === 'sent' ? 'Replay' : 'Deliver again'}
          </button>
        )}
        {packet.event !== undefined && (
          <button type="button" onClick={() => loadIntoComposer(actions.composer, entry)}>
            Edit in composer
          </button>
        )}
      </div>
      {payload !== undefined && (
        <section class="payload" aria-label="Payload">
          <JsonTree value={payload} />
        </section>
      )}
      {binaries.map(({ path, bytes }) => (
        <HexView key={path} bytes={bytes} label={`Binary ${path}`} />
      ))}
      <section class="raw" aria-label="Raw frame">
        <h3>Raw{packet.rawTruncated ? ' (truncated)' : ''}</h3>
        {typeof packet.raw === 'string' ? <pre>{packet.raw}</pre> : <HexView bytes={packet.raw} label="Raw bytes" />}
      </section>
    </aside>
  );
}
