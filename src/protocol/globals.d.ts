// Minimal ambient declarations for the few web-platform globals this pure module uses.
// They exist in every browser and in Node >= 18; lib "ES2022" alone does not declare them.
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
  encodeInto(source: string, destination: Uint8Array): { read: number; written: number };
}
declare function atob(data: string): string;
declare function btoa(data: string): string;
