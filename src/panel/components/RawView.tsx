import type { Packet } from '../../protocol';
import { boundedText, moreCharacters, NAME_CHARS, RAW_CHARS, splitText } from '../bounded';
import { rawParts } from '../raw-parts';
import { HexView } from './HexView';

/**
 * The Raw tab: the packet as on the wire. Text is cut into its parts (the Engine.IO type digit, the Socket.IO type,
 * attachments, namespace, ack id, the JSON), each highlighted and named in the legend under it; bytes are a hex view.
 */
export function RawView({ packet }: { packet: Packet }) {
  const { raw } = packet;
  const cut = packet.rawTruncated ? ' (truncated)' : '';
  if (typeof raw !== 'string') return <HexView bytes={raw} label={`Raw bytes${cut}`} />;
  const { head, more } = splitText(raw, RAW_CHARS);
  const parts = rawParts(packet, head);
  return (
    <section class="raw-view" aria-label={`Raw frame${cut}`}>
      <pre class="raw-text">
        {parts.map((part, index) => (
          <span key={index} class={`raw-${part.kind}`} title={part.label}>
            {part.text}
          </span>
        ))}
        {more > 0 && <span class="json-more">{moreCharacters(more)}</span>}
      </pre>
      <dl class="raw-legend" aria-label="Parts">
        {parts.map((part, index) => (
          <div key={index}>
            <dt class={`raw-${part.kind}`}>{boundedText(part.text, NAME_CHARS)}</dt>
            <dd>{part.label}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
