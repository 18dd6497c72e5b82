import type { Gtid, Job, Server } from "./types";

export const JobStates = ["pending", "processing", "halted", "finished", "success", "error", "post-job error"];

export function jobState(job: Job): string {
  return JobStates[job.state] ?? `state ${job.state}`;
}

export function isJobOver(job: Job): boolean {
  return job.state >= 3;
}

export function isJobError(job: Job): boolean {
  return job.state === 5 || job.state === 6;
}

export function gtid(list: Gtid[] | undefined): string {
  return list && list.length > 0 ? list.map((g) => `${g.domainId}-${g.serverId}-${g.seqNo}`).join(",") : "—";
}

export function bytes(value: number | null | undefined): string {
  if (value == null) return "—";
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let size = value;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit++;
  }
  return `${size.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

export function duration(seconds: number): string {
  if (seconds < 60) return `${Math.max(0, Math.round(seconds))} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

export function jobDuration(job: Job): string {
  const end = job.end > 0 ? job.end : Date.now() / 1000;
  return duration(end - job.start);
}

export function time(unixSeconds: number): string {
  return unixSeconds > 0 ? new Date(unixSeconds * 1000).toLocaleString() : "—";
}

/** How a server's state reads at a glance: ok (green), warn (amber), bad (red), off (grey). */
export function stateClass(state: string): string {
  switch (state) {
    case "Master":
    case "Slave":
    case "Relay":
      return "ok";
    case "SlaveLate":
    case "RelayLate":
    case "Suspect":
    case "Maintenance":
    case "StandAlone":
    case "Unknown":
      return "warn";
    case "Failed":
    case "SlaveErr":
    case "RelayErr":
    case "ErrorAuth":
      return "bad";
    default:
      return "off";
  }
}

export function lag(server: Server): string {
  const replication = server.replications[0];
  if (!replication) return "—";
  return replication.secondsBehindMaster.Valid ? `${replication.secondsBehindMaster.Int64} s` : "NULL";
}

export function role(server: Server): string {
  if (server.state === "Master") return "primary";
  if (server.isSlave) return "replica";
  return server.state.toLowerCase();
}
