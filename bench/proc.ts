/** Reads CPU time and RSS of processes and of the whole machine from /proc (Linux only), to measure servers from outside. */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  ticksPerSecond ??= Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  return ticksPerSecond;
}

/** Fields after the command name in /proc/<pid>/stat; the name may contain spaces, so split after its ')'. */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

/**
 * The process and its descendants: a server's work includes its children's (ours runs its
 * embedded database in a child process).
 */
function withDescendants(pid: number): number[] {
  const all = [pid];
  for (let i = 0; i < all.length; i++) all.push(...childrenOf(all[i] as number));
  return all;
}

/** From /proc/<pid>/task/<tid>/children: a child belongs to the thread that started it. */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return children; // gone
  }
  for (const task of tasks) {
    try {
      const list = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      if (list) children.push(...list.split(" ").map(Number));
    } catch {
      // the thread ended meanwhile
    }
  }
  return children;
}

/** User + system CPU seconds the process and its descendants (or it alone) have used so far (0 if gone). */
export function cpuSeconds(pid: number, descendants = true): number {
  let ticks = 0;
  for (const p of descendants ? withDescendants(pid) : [pid]) {
    const f = statFields(p);
    // After the name: state(0) ppid(1) … utime(11) stime(12).
    if (f) ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks / clockTicks();
}

/** Resident set size of the process and its descendants, in bytes (0 if gone). */
export function rssBytes(pid: number): number {
  let bytes = 0;
  for (const p of withDescendants(pid)) {
    try {
      const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      if (match) bytes += Number(match[1]) * 1024;
    } catch {
      // gone meanwhile
    }
  }
  return bytes;
}

/**
 * A CPU meter over an interval: call `stop()` for the share of one core used since `start`, by the
 * process and its descendants, or (`descendants` false) by the process alone.
 */
export function cpuMeter(pid: number, descendants = true) {
  const t0 = performance.now();
  const c0 = cpuSeconds(pid, descendants);
  return {
    /** Percent of one core. */
    stop: () => ((cpuSeconds(pid, descendants) - c0) / ((performance.now() - t0) / 1000)) * 100,
  };
}

/** The same for this process (the load generator), from process.cpuUsage(). */
export function selfCpuMeter() {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  return {
    stop: () => {
      const d = process.cpuUsage(c0);
      return ((d.user + d.system) / 1000 / (performance.now() - t0)) * 100;
    },
  };
}

/** Busy CPU seconds of the whole machine (all cores) from /proc/stat: everything but idle and iowait. */
export function machineBusySeconds(): number {
  const line = readFileSync("/proc/stat", "utf8").split("\n", 1)[0] ?? "";
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / clockTicks();
}

/** The machine's busy time over an interval, in % of one core (200 % = two busy cores). */
export function machineMeter() {
  const t0 = performance.now();
  const c0 = machineBusySeconds();
  return { stop: () => ((machineBusySeconds() - c0) / ((performance.now() - t0) / 1000)) * 100 };
}
