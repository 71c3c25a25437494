/**
 * What `/metrics` reports (Prometheus text format, prom-client). Hot paths (every frame sent,
 * every update received) add to plain numbers here, which are read only when scraped; gauges ask
 * their sources (the realtime engine, the database) at scrape time through `addSource`.
 * Nothing of a token, secret, cookie, e-mail address or board content is ever a label or a value.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

export const registry = new Registry();

/** Counted where it happens, read when scraped. */
export const traffic = { updatesIn: 0, updateBytesIn: 0, framesOut: 0, bytesOut: 0 };

/** Audit actions worth a counter of their own (the rest are in the händelselogg). */
const COUNTED_ACTIONS = new Set([
  "auth.login.failure",
  "auth.login.success",
  "minutes.sealed",
  "workspace.exported",
  "identity_number.removed",
  "identity_number.refused",
]);
const auditCounts = new Map<string, number>();

export function countAuditEvent(action: string): void {
  if (COUNTED_ACTIONS.has(action)) auditCounts.set(action, (auditCounts.get(action) ?? 0) + 1);
}

export interface MetricsSource {
  connections(): number;
  boardsLoaded(): number;
  writeBacklog(): number;
  /** Each storage source (database, database process, write queue) and whether it is up. */
  storage(): Record<string, boolean>;
}
const sources = new Set<MetricsSource>();

/** Registers a source of gauges (one per realtime engine); returns the function that removes it. */
export function addSource(source: MetricsSource): () => void {
  sources.add(source);
  return () => sources.delete(source);
}

/** Dependencies outside the realtime engine (Redis, with several processes): name → whether it is up now. */
const dependencies = new Map<string, () => boolean>();

/** Reports `name` in samverkan_storage_up; returns the function that removes it. */
export function addDependency(name: string, isUp: () => boolean): () => void {
  dependencies.set(name, isUp);
  return () => dependencies.delete(name);
}

const sum = (read: (s: MetricsSource) => number) => [...sources].reduce((total, s) => total + read(s), 0);

function counterFrom(name: string, help: string, read: () => number): void {
  new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      this.reset();
      this.inc(read());
    },
  });
}

new Gauge({
  name: "samverkan_connections",
  help: "Open WebSocket connections to boards",
  registers: [registry],
  collect() {
    this.set(sum((s) => s.connections()));
  },
});
new Gauge({
  name: "samverkan_boards_loaded",
  help: "Boards held in memory (rooms)",
  registers: [registry],
  collect() {
    this.set(sum((s) => s.boardsLoaded()));
  },
});
new Gauge({
  name: "samverkan_write_queue_depth",
  help: "Board updates received but not yet durable",
  registers: [registry],
  collect() {
    this.set(sum((s) => s.writeBacklog()));
  },
});
new Gauge({
  name: "samverkan_storage_up",
  help: "1 while a dependency (database, database process, write queue, Redis) works, 0 while it is down",
  labelNames: ["source"],
  registers: [registry],
  collect() {
    this.reset();
    for (const s of sources)
      for (const [name, up] of Object.entries(s.storage())) this.set({ source: name }, up ? 1 : 0);
    for (const [name, isUp] of dependencies) this.set({ source: name }, isUp() ? 1 : 0);
  },
});
counterFrom("samverkan_updates_received_total", "Board updates received from clients", () => traffic.updatesIn);
counterFrom("samverkan_update_bytes_received_total", "Bytes of board updates received", () => traffic.updateBytesIn);
counterFrom("samverkan_frames_sent_total", "WebSocket frames sent to clients", () => traffic.framesOut);
counterFrom("samverkan_bytes_sent_total", "Bytes sent to clients over WebSockets", () => traffic.bytesOut);
new Counter({
  name: "samverkan_events_total",
  help: "Login successes and failures, minutes sealed, exports, identity numbers refused or removed",
  labelNames: ["event"],
  registers: [registry],
  collect() {
    this.reset();
    for (const action of COUNTED_ACTIONS) this.inc({ event: action }, auditCounts.get(action) ?? 0);
  },
});

/** Receipt of an update to its commit in the database. */
export const persistLatency = new Histogram({
  name: "samverkan_persist_seconds",
  help: "Time from receiving a board update to its commit",
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
  registers: [registry],
});

let defaultsOn = false;
/** Process metrics (CPU, RSS, heap, GC, event-loop delay): only when /metrics is turned on. */
export function collectProcessMetrics(): void {
  if (defaultsOn) return;
  defaultsOn = true;
  collectDefaultMetrics({ register: registry, prefix: "samverkan_", eventLoopMonitoringPrecision: 20 });
}
