/**
 * A zip archive written as a stream (fflate): files are added one at a time and leave as they
 * are compressed, and the producer waits while the reader is behind, so the memory an export
 * needs is about one file plus the stream's buffer, whatever the partnership's size.
 */
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from "fflate";

/** Bytes queued for the reader before the producer waits. */
const BUFFER_BYTES = 1024 * 1024;

export interface ZipWriter {
  /** A whole file; `compress: false` for what is compressed already (PDF). */
  file(name: string, content: string | Uint8Array, options?: { compress?: boolean }): Promise<void>;
  /** A file written in parts (a long CSV), never held whole. */
  parts(name: string, parts: AsyncIterable<string>): Promise<void>;
}

export class ExportCancelled extends Error {
  override name = "ExportCancelled";
}

export function zipStream(
  produce: (zip: ZipWriter) => Promise<void>,
  onError: (error: unknown) => void,
): ReadableStream<Uint8Array> {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let cancelled = false;
  let resume: (() => void) | null = null;
  const stream = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
      },
      pull() {
        resume?.();
        resume = null;
      },
      cancel() {
        cancelled = true;
        resume?.();
        resume = null;
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: BUFFER_BYTES }),
  );
  const mtime = new Date();
  const zip = new Zip((error, chunk, final) => {
    if (cancelled) return;
    if (error) {
      controller.error(error);
      return;
    }
    controller.enqueue(chunk);
    if (final) controller.close();
  });

  async function drained() {
    while (!cancelled && (controller.desiredSize ?? 1) <= 0) await new Promise<void>((r) => (resume = r));
    if (cancelled) throw new ExportCancelled("the download was cancelled");
  }

  const writer: ZipWriter = {
    async file(name, content, options = {}) {
      await drained();
      const entry = options.compress === false ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 6 });
      entry.mtime = mtime;
      zip.add(entry);
      entry.push(typeof content === "string" ? strToU8(content) : content, true);
    },
    async parts(name, parts) {
      await drained();
      const entry = new ZipDeflate(name, { level: 6 });
      entry.mtime = mtime;
      zip.add(entry);
      for await (const part of parts) {
        entry.push(strToU8(part));
        await drained();
      }
      entry.push(new Uint8Array(0), true);
    },
  };

  void produce(writer).then(
    () => {
      if (!cancelled) zip.end();
    },
    (error) => {
      if (error instanceof ExportCancelled) return;
      onError(error);
      if (!cancelled) controller.error(error);
    },
  );
  return stream;
}
