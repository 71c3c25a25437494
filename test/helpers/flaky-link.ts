/**
 * A TCP link between a client and the server that can lose its network, as a tablet's Wi-Fi does:
 * while down, bytes on open connections go nowhere in either direction (no FIN, no RST: the
 * server only learns from its pings), and new connections fail at once. When the network comes
 * back, new connections work; the ones that were open stay dead, as after a NAT mapping is lost.
 */
import net from "node:net";

export interface FlakyLink {
  /** Base URL (http://127.0.0.1:port) that leads to the server through this link. */
  url: string;
  down(): void;
  up(): void;
  readonly isDown: boolean;
  close(): Promise<void>;
}

export async function startFlakyLink(targetUrl: string): Promise<FlakyLink> {
  const target = new URL(targetUrl);
  let isDown = false;
  const pairs = new Set<{ client: net.Socket; server: net.Socket; dead: boolean }>();

  const proxy = net.createServer((client) => {
    if (isDown) {
      client.resetAndDestroy();
      return;
    }
    const server = net.connect(Number(target.port), target.hostname);
    const pair = { client, server, dead: false };
    pairs.add(pair);
    const forward = (from: net.Socket, to: net.Socket) =>
      from.on("data", (chunk) => {
        if (!pair.dead && !to.destroyed) to.write(chunk);
      });
    forward(client, server);
    forward(server, client);
    const end = () => {
      pairs.delete(pair);
      if (!pair.dead) {
        client.destroy();
        server.destroy();
      }
    };
    // A dead link passes nothing on, not even a close: each side finds out by itself.
    client.on("close", () => {
      if (!pair.dead) end();
    });
    server.on("close", () => {
      if (!pair.dead) end();
    });
    client.on("error", () => {});
    server.on("error", () => {});
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const port = (proxy.address() as net.AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    down() {
      isDown = true;
      for (const pair of pairs) pair.dead = true;
    },
    up() {
      isDown = false;
    },
    get isDown() {
      return isDown;
    },
    async close() {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.server.destroy();
      }
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}
