/** The streamed zip: a valid archive, the producer waits for a slow reader, and stops when the download is cancelled. */
import { randomBytes } from "node:crypto";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { zipStream } from "../../server/records/zip-stream.js";

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe("zipStream", () => {
  it("writes whole files and files in parts into one valid zip", async () => {
    const pdf = randomBytes(10_000);
    const zip = zipStream(
      async (z) => {
        await z.file("README.txt", "Hej på dig, å ä ö\n");
        await z.file("protokoll/1.pdf", pdf, { compress: false });
        await z.parts(
          "logg.csv",
          (async function* () {
            for (let i = 0; i < 1000; i++) yield `${i};rad\r\n`;
          })(),
        );
      },
      () => {},
    );
    const files = unzipSync(await readAll(zip));
    expect(new TextDecoder().decode(files["README.txt"])).toBe("Hej på dig, å ä ö\n");
    expect(Buffer.from(files["protokoll/1.pdf"] as Uint8Array).equals(pdf)).toBe(true);
    expect(new TextDecoder().decode(files["logg.csv"]).split("\r\n")).toHaveLength(1001);
  });

  it("waits while the reader is behind, and stops producing when the download is cancelled", async () => {
    let written = 0;
    let failed: unknown = null;
    let finished = false;
    const zip = zipStream(
      async (z) => {
        for (let i = 0; i < 100; i++) {
          await z.file(`f${i}.bin`, randomBytes(256 * 1024), { compress: false });
          written++;
        }
        finished = true;
      },
      (error) => {
        failed = error;
      },
    );
    const reader = zip.getReader();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 50));
    // 25 MB were asked for; with a 1 MiB buffer only a few files are made before the reader catches up.
    expect(written).toBeLessThan(10);
    await reader.cancel();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(finished).toBe(false);
    expect(written).toBeLessThan(10);
    expect(failed).toBeNull();
  });
});
