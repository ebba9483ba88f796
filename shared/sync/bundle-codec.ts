/**
 * Bundle bytes on disk. A `.quorum` file is the bundle's JSON, UTF-8, gzip-
 * compressed with the platform's CompressionStream (Chromium, Electron, Node 20:
 * no library needed); a `.quorum.json` file is the same JSON uncompressed, for
 * people who want to read it. Reading tells the two apart by content (gzip's
 * magic bytes 1F 8B, or a `{`), not by file name, and names what went wrong:
 * not gzip, truncated, damaged, not JSON, not a bundle, too large.
 */
import { DamagedBundleError, NotGzipError, NotJsonError, TruncatedBundleError, BundleTooLargeError } from './bundle-errors';

/**
 * Refuse to unpack more than this: a bundle of 100,000 changes is about 30 MB of JSON.
 * The other limits (nesting, counts, lengths) are checked on the parsed JSON by
 * readBundle (bundle-format.ts, BUNDLE_LIMITS; docs/bundle-format.md §11).
 */
export const MAX_BUNDLE_JSON_BYTES = 1_000_000_000;

const encoder = new TextEncoder();

async function collect(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw new BundleTooLargeError(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function streamOf(bytes: Uint8Array<ArrayBuffer>): ReadableStream<BufferSource> {
  return new ReadableStream<BufferSource>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

export async function gzip(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  return collect(streamOf(bytes).pipeThrough(new CompressionStream('gzip')), Number.MAX_SAFE_INTEGER);
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The bundle's JSON text as bytes, compressed or not. */
export async function encodeBundleText(json: string, compressed: boolean): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = encoder.encode(json);
  return compressed ? gzip(bytes) : bytes;
}

function startsLikeJson(bytes: Uint8Array): boolean {
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3; // UTF-8 byte order mark
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return bytes[i] === 0x7b; // '{'
}

/** Unpacks a file's bytes to the bundle's JSON text. */
export async function decodeBundleText(bytes: Uint8Array, limit: number = MAX_BUNDLE_JSON_BYTES): Promise<string> {
  let json: Uint8Array;
  if (isGzip(bytes)) {
    try {
      json = await collect(streamOf(new Uint8Array(bytes)).pipeThrough(new DecompressionStream('gzip')), limit);
    } catch (error) {
      if (error instanceof BundleTooLargeError) throw error;
      const message = error instanceof Error ? error.message.toLowerCase() : '';
      // zlib says "unexpected end of file" for a cut-off stream; anything else is corruption.
      if (message.includes('end of') || message.includes('unexpected end') || message.includes('truncat')) throw new TruncatedBundleError();
      throw new DamagedBundleError();
    }
  } else if (startsLikeJson(bytes)) {
    if (bytes.length > limit) throw new BundleTooLargeError(limit);
    json = bytes;
  } else {
    throw new NotGzipError();
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(json);
  } catch {
    throw new NotJsonError();
  }
}

/**
 * Parses the JSON text, telling a file cut short from one that was never JSON.
 * JSON.parse does not recurse (V8 parses iteratively), so however deeply the text
 * nests it cannot overflow the stack here; readBundle then refuses what nests too
 * deep before anything recurses over it. A member named "__proto__" becomes an
 * ordinary own member, as JSON.parse always makes it.
 */
export function parseBundleJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const trimmed = text.trimEnd();
    if (trimmed.startsWith('{') && !trimmed.endsWith('}')) throw new TruncatedBundleError();
    throw new NotJsonError();
  }
}
