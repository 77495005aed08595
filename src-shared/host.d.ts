// What src-shared uses from its host, declared by hand: every process it runs in (Node, its
// workers, the page) has these, and nothing else beyond ECMAScript may be assumed.

/** The WebAssembly API, as far as the SIMD kernels use it. */
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Memory {
    constructor(descriptor: { initial: number; maximum?: number; shared?: boolean });
    readonly buffer: ArrayBuffer;
  }
  class Instance {
    constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
  /** Whether the engine accepts the bytes (feature detection: relaxed SIMD). */
  function validate(bytes: Uint8Array): boolean;
}

/** UTF-8 encoding (protobuf strings). */
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}

/** UTF-8 decoding (the JSON header of a stored aligned-array blob). */
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}

/** Base64 decoding (the embedded kernel module). */
declare function atob(data: string): string;

/** Random bytes (ids). */
declare var crypto: { getRandomValues<T extends Uint8Array | Uint16Array | Uint32Array>(array: T): T };
