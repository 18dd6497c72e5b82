import { useEffect, useState } from "preact/hooks";
import { get, post } from "../api";
import { useLive } from "../live";
import { href } from "../route";
import { bytes, duration, gtid, lag, role, stateClass } from "../format";
import type { Backup, Schedule, Server, Setting } from "../types";
import { ActionBar, type Action } from "./Actions";
import { JobsTable } from "./Jobs";
import { TopologyGraph } from "./Topology";

const Tabs = ["topology", "jobs", "backups", "schedule", "settings"];

export function ClusterView({ cluster, tab }: { cluster: string; tab: string }) {
  const live = useLive();
  const servers = live.servers[cluster];
  if (!live.clusters.some((c) => c.name === cluster)) {
    return <p class="muted">{live.connected ? `No cluster named ${cluster}.` : "Connecting…"}</p>;
  }
  const base = `/api/clusters/${encodeURIComponent(cluster)}`;
  const actions: Action[] = [
    { label: "Physical backup of the primary", grant: "db-backup", path: `${base}/actions/master-physical-backup`, explain: "Run a physical backup (mariabackup) of the primary now, streamed to repman." },
    { label: "Optimize", grant: "cluster-rolling", path: `${base}/actions/optimize`, explain: "OPTIMIZE TABLE on every replica now." },
    { label: "Analyze", grant: "db-analyse", path: `${base}/actions/analyze`, explain: "ANALYZE TABLE of every user table on the primary now." },
    { label: "Restore check", grant: "db-backup", path: `${base}/actions/restore-check`, explain: "Restore the newest backups into a scratch server and compare them with the primary." },
    { label: "Switchover", grant: "cluster-switchover", path: `${base}/actions/switchover`, dryRun: `${base}/actions/switchover/dry-run`, explain: "", danger: true },
    { label: "Failover", grant: "cluster-failover", path: `${base}/actions/failover`, dryRun: `${base}/actions/failover/dry-run`, explain: "", danger: true },
  ];
  return (
    <>
      <h2>{cluster}</h2>
      <ActionBar actions={actions} testId="cluster-actions" />
      <nav class="tabs">
        {Tabs.map((name) => <a class={name === tab ? "active" : ""} href={href({ view: "cluster", cluster, tab: name })}>{name}</a>)}
      </nav>
      {tab === "topology" && <TopologyTab cluster={cluster} servers={servers ?? []} />}
      {tab === "jobs" && (live.grants.has("cluster-process") ? <JobsTable jobs={live.jobs[cluster] ?? []} cluster={cluster} /> : <p class="muted">Your grants do not show jobs.</p>)}
      {tab === "backups" && <BackupsTab cluster={cluster} />}
      {tab === "schedule" && <ScheduleTab cluster={cluster} />}
      {tab === "settings" && <SettingsTab cluster={cluster} />}
    </>
  );
}

export function serverActions(cluster: string, server: Server): Action[] {
  const base = `/api/clusters/${encodeURIComponent(cluster)}/servers/${server.id}`;
  return [
    { label: "Logical backup", grant: "db-backup", path: `${base}/actions/backup-logical`, explain: `Dump ${server.url} now (backup-logical-type).` },
    { label: "Physical backup", grant: "db-backup", path: `${base}/actions/backup-physical`, explain: `Back ${server.url} up with mariabackup now, streamed to repman.` },
    { label: "Optimize", grant: "db-maintenance", path: `${base}/actions/optimize`, explain: `OPTIMIZE TABLE on ${server.url} now.` },
    { label: "Collect error log", grant: "db-backup", path: `${base}/actions/backup-error-log`, explain: `Fetch the error log of ${server.url} through the job script.` },
    { label: "Switchover to this server", grant: "cluster-switchover", path: `${base}/actions/switchover`,
      dryRun: `/api/clusters/${encodeURIComponent(cluster)}/actions/switchover/dry-run?prefmaster=${encodeURIComponent(server.url)}`, explain: "", danger: true },
    { label: "Reseed (physical)", grant: "db-restore", path: `${base}/actions/reseed/physicalbackup`, confirmQuery: true, explain: "", danger: true },
    { label: "Reseed (logical)", grant: "db-restore", path: `${base}/actions/reseed/logicalbackup`, confirmQuery: true, explain: "", danger: true },
  ];
}

function TopologyTab({ cluster, servers }: { cluster: string; servers: Server[] }) {
  const live = useLive();
  const problems = live.problems[cluster] ?? [];
  const warnings = live.alerts[cluster]?.warnings ?? [];
  return (
    <>
      {servers.length > 0 && <TopologyGraph cluster={cluster} servers={servers} />}
      {(problems.length > 0 || warnings.length > 0) && (
        <ul class="problems" data-testid="problems">
          {problems.map((problem) => <li class="error">{problem.message}</li>)}
          {warnings.map((warning) => <li class="warn">{warning.number}: {warning.desc}</li>)}
        </ul>
      )}
      <table class="grid servers" data-testid="servers">
        <thead>
          <tr><th>Server</th><th>Role</th><th>State</th><th>Lag</th><th>GTID</th><th>Read-only</th><th>Version</th><th>Actions</th></tr>
        </thead>
        <tbody>
          {servers.map((server) => (
            <tr data-server={server.url}>
              <td><a href={href({ view: "server", cluster, server: server.id, tab: "status" })}>{server.url}</a></td>
              <td>{role(server)}</td>
              <td><span class={`badge ${stateClass(server.state)}`} data-testid="state">{server.state}</span></td>
              <td>{lag(server)}</td>
              <td class="mono">{gtid(server.state === "Master" ? server.gtidBinlogPos : server.slaveGtid)}</td>
              <td>{server.readOnly}</td>
              <td>{server.dbVersion ? `${server.dbVersion.flavor} ${server.dbVersion.major}.${server.dbVersion.minor}.${server.dbVersion.release}` : "—"}</td>
              <td>
                <details class="menu">
                  <summary>Actions</summary>
                  <ActionBar actions={serverActions(cluster, server)} />
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Loads a route when the view opens and again when the cluster's jobs move (a backup ended, a schedule fired). */
function useLoad<T>(path: string, version: number): { data: T | null; error: string | null; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    get<T>(path, abort.signal).then(
      (value) => { setData(value); setError(null); },
      (failure) => { if (!abort.signal.aborted) setError((failure as Error).message); },
    );
    return () => abort.abort();
  }, [path, version, tick]);
  return { data, error, reload: () => setTick((t) => t + 1) };
}

function BackupsTab({ cluster }: { cluster: string }) {
  const live = useLive();
  const { data, error } = useLoad<Backup[]>(`/api/clusters/${encodeURIComponent(cluster)}/backups`, live.jobsVersion[cluster] ?? 0);
  if (error) return <p class="error">{error}</p>;
  if (!data) return <p class="muted">Loading…</p>;
  if (data.length === 0) return <p class="muted">No complete backup yet.</p>;
  return (
    <table class="grid" data-testid="backups">
      <thead>
        <tr><th>Backup</th><th>Tool</th><th>Server</th><th>Size</th><th>GTID</th><th>Ended</th><th>Age</th><th>Where</th><th>Restore check</th></tr>
      </thead>
      <tbody>
        {data.map((backup) => (
          <tr>
            <td class="mono">{backup.id}</td>
            <td>{backup.tool}</td>
            <td>{backup.server}</td>
            <td>{bytes(backup.size)}</td>
            <td class="mono">{backup.gtid || "—"}</td>
            <td>{new Date(backup.end).toLocaleString()}</td>
            <td>{duration(backup.ageSeconds)}</td>
            <td>{[backup.local ? "local" : null, backup.snapshot ? `restic ${backup.snapshot.slice(0, 8)}` : null].filter(Boolean).join(", ")}</td>
            <td class={backup.restoreCheck ? (backup.restoreCheck.passed ? "ok-text" : "error") : "muted"}>
              {backup.restoreCheck
                ? backup.restoreCheck.passed
                  ? `passed${backup.restoreCheck.rtoSeconds != null ? `, RTO ${duration(backup.restoreCheck.rtoSeconds)}` : ""}`
                  : `failed at ${backup.restoreCheck.step}: ${backup.restoreCheck.message}`
                : "not checked"}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ScheduleTab({ cluster }: { cluster: string }) {
  const live = useLive();
  const base = `/api/clusters/${encodeURIComponent(cluster)}`;
  const { data, error, reload } = useLoad<Schedule>(`${base}/schedule`, live.jobsVersion[cluster] ?? 0);
  const [message, setMessage] = useState<string | null>(null);
  const canChange = live.grants.has("cluster-settings");

  async function change(path: string) {
    setMessage(null);
    try {
      await post(path);
      reload();
    } catch (failure) {
      setMessage((failure as Error).message);
    }
  }

  async function editCron(cronKey: string, current: string) {
    const cron = prompt(`New cron for ${cronKey} (six fields: seconds first, or @every 10m)`, current);
    if (cron === null || cron === current) return;
    await change(`${base}/settings/actions/set-cron/${cronKey}/${encodeURIComponent(cron)}`);
  }

  if (error) return <p class="error">{error}</p>;
  if (!data) return <p class="muted">Loading…</p>;
  return (
    <>
      <p>Scheduler {data.enabled ? "on" : "off"}; jobs reach the script through {data.jobsMode === "api" ? "the REST API" : "the jobs table"}.</p>
      {message && <p class="error" role="alert">{message}</p>}
      <table class="grid" data-testid="schedule">
        <thead>
          <tr><th>Task</th><th>Cron</th><th>Next run</th><th>Enabled</th><th></th></tr>
        </thead>
        <tbody>
          {data.tasks.map((task) => (
            <tr>
              <td>{task.name}{task.running ? " (running)" : ""}</td>
              <td class="mono">{task.cron}</td>
              <td>{task.nextRun ? new Date(task.nextRun).toLocaleString() : "—"}</td>
              <td>{task.enabled ? "yes" : "no"}</td>
              <td class="actions">
                {canChange && <button class="small" onClick={() => change(`${base}/settings/actions/switch/${task.name}`)}>{task.enabled ? "Disable" : "Enable"}</button>}
                {canChange && <button class="small" onClick={() => editCron(task.cronKey, task.cron)}>Edit cron</button>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function SettingsTab({ cluster }: { cluster: string }) {
  const { data, error } = useLoad<Setting[]>(`/api/clusters/${encodeURIComponent(cluster)}/settings/effective`, 0);
  const [filter, setFilter] = useState("");
  const [changedOnly, setChangedOnly] = useState(false);
  if (error) return <p class="error">{error}</p>;
  if (!data) return <p class="muted">Loading…</p>;
  const shown = data.filter((setting) => (!changedOnly || !setting.isDefault) && setting.key.includes(filter.trim()));
  return (
    <>
      <div class="filters">
        <input placeholder="filter keys" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
        <label><input type="checkbox" checked={changedOnly} onChange={(e) => setChangedOnly(e.currentTarget.checked)} /> only keys set in the files</label>
      </div>
      <table class="grid settings" data-testid="settings">
        <thead>
          <tr><th>Key</th><th>Value</th><th>Default</th><th>Set at</th></tr>
        </thead>
        <tbody>
          {shown.map((setting) => (
            <tr class={setting.isDefault ? "" : "changed"} title={setting.description}>
              <td class="mono">{setting.key}</td>
              <td class="mono">{setting.value}</td>
              <td class="mono">{setting.default}</td>
              <td class="muted">{setting.origin}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
