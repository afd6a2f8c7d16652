// engine.io-parser 5.x's WebTransport stream encoder and decoder, as the oracle of the framing.
import { createRequire } from 'node:module';

export interface StreamPacket {
  type: string;
  data?: string | Uint8Array;
}

const eio5 = createRequire(import.meta.url)('engine.io-parser-v5') as {
  createPacketEncoderStream(): TransformStream<StreamPacket, Uint8Array>;
  createPacketDecoderStream(maxPayload: number, binaryType: string): TransformStream<Uint8Array, StreamPacket>;
};

async function run<I, O>(stream: TransformStream<I, O>, inputs: I[]): Promise<O[]> {
  const writer = stream.writable.getWriter();
  for (const input of inputs) void writer.write(input);
  void writer.close();
  const outputs: O[] = [];
  for await (const output of stream.readable as unknown as AsyncIterable<O>) outputs.push(output);
  return outputs;
}

/** The chunks the official encoder writes for these packets: each packet's header, then its bytes. */
export const officialStreamChunks = (packets: StreamPacket[]): Promise<Uint8Array[]> =>
  run(eio5.createPacketEncoderStream(), packets);

/** The packets the official decoder reads from these chunks (it is given copies: it consumes what it reads). */
export const officialStreamPackets = (chunks: Uint8Array[], maxPayload: number): Promise<StreamPacket[]> =>
  run(
    eio5.createPacketDecoderStream(maxPayload, 'arraybuffer'),
    chunks.map((chunk) => chunk.slice()),
  );
