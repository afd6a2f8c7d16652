import { base64Encode } from '../../protocol';
import { copyText } from '../clipboard';

const BYTES_PER_LINE = 16;
const MAX_LINES = 256;

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}

/** Bytes as hex text: `0a1b…`. */
export function hexText(bytes: Uint8Array): string {
  return Array.from(bytes, hex).join('');
}

/** Offset, hex and ASCII columns for binary data (its first MAX_LINES lines), with copy as hex or base64. */
export function HexView({ bytes, label }: { bytes: Uint8Array; label: string }) {
  const lines: string[] = [];
  for (let offset = 0; offset < bytes.length && lines.length < MAX_LINES; offset += BYTES_PER_LINE) {
    const chunk = bytes.subarray(offset, offset + BYTES_PER_LINE);
    const hexColumn = Array.from(chunk, hex)
      .join(' ')
      .padEnd(BYTES_PER_LINE * 3 - 1);
    const ascii = Array.from(chunk, (byte) => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.')).join('');
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hexColumn}  ${ascii}`);
  }
  const shown = lines.length * BYTES_PER_LINE;
  return (
    <section class="hex-view" aria-label={label}>
      <header>
        <span>
          {label} ({bytes.length} bytes)
        </span>
        <button type="button" onClick={() => copyText(hexText(bytes))}>
          Copy as hex
        </button>
        <button type="button" onClick={() => copyText(base64Encode(bytes))}>
          Copy as base64
        </button>
      </header>
      <pre>
        {lines.join('\n')}
        {bytes.length > shown ? `\n… ${bytes.length - shown} more bytes` : ''}
      </pre>
    </section>
  );
}
