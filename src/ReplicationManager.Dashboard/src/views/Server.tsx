import { useEffect, useState } from "preact/hooks";
import { get } from "../api";
import { useLive } from "../live";
import { href } from "../route";
import { gtid, lag, role, stateClass } from "../format";
import type { Process, RenderedSeries, Replication, Variable } from "../types";
import { Chart } from "./Chart";
import { ActionBar } from "./Actions";
import { serverActions } from "./Cluster";

const Tabs: [string, string][] = [
  ["status", "Status"],
  ["graphs", "Graphs"],
  ["variables", "Variables"],
  ["processlist", "Processlist"],
  ["replication", "Replication"],
  ["errorlog", "Error log"],
  ["slowquery", "Slow log"],
];

export function ServerView({ cluster, serverId, tab }: { cluster: string; serverId: string; tab: string }) {
  const live = useLive();
  const server = live.servers[cluster]?.find((s) => s.id === serverId);
  if (!server) return <p class="muted">{live.connected ? `No server ${serverId} in ${cluster}.` : "Connecting…"}</p>;
  const base = `/api/clusters/${encodeURIComponent(cluster)}/servers/${serverId}`;
  return (
    <>
      <h2>
        {server.url} <span class={`badge ${stateClass(server.state)}`}>{server.state}</span>
      </h2>
      <p class="summary">
        {role(server)} · lag {lag(server)} · GTID {gtid(server.state === "Master" ? server.gtidBinlogPos : server.slaveGtid)} · read_only {server.readOnly}
        {server.replicationHealth ? ` · ${server.replicationHealth}` : ""}
      </p>
      <ActionBar actions={serverActions(cluster, server)} testId="server-actions" />
      <nav class="tabs">
        {Tabs.map(([name, label]) => <a class={name === tab ? "active" : ""} href={href({ view: "server", cluster, server: serverId, tab: name })}>{label}</a>)}
      </nav>
      {tab === "status" && <KeyValues path={`${base}/status`} grant="db-show-status" />}
      {tab === "graphs" && <Graphs node={`${server.host}_${server.port}`.replace(/[^A-Za-z0-9_-]/g, "_")} />}
      {tab === "variables" && <KeyValues path={`${base}/variables`} grant="db-show-variables" />}
      {tab === "processlist" && <ProcessTable path={`${base}/processlist`} />}
      {tab === "replication" && <ReplicationTable channels={server.replications} />}
      {(tab === "errorlog" || tab === "slowquery") && <CollectedLogView path={`${base}/collected-logs/${tab}?lines=500`} cluster={cluster} />}
    </>
  );
}

/** Reads <path> again whenever <version> changes; the last answer stays shown meanwhile. */
function useFetch<T>(path: string, version: string | number): { data: T | null; error: string | null } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    get<T>(path, abort.signal).then(
      (value) => { setData(value); setError(null); },
      (failure) => { if (!abort.signal.aborted) setError((failure as Error).message); },
    );
    return () => abort.abort();
  }, [path, version]);
  return { data, error };
}

function Refresh({ onClick }: { onClick: () => void }) {
  return <button class="small" onClick={onClick}>Refresh</button>;
}

function KeyValues({ path, grant }: { path: string; grant: string }) {
  const live = useLive();
  const [refresh, setRefresh] = useState(0);
  const [filter, setFilter] = useState("");
  const { data, error } = useFetch<Variable[]>(path, refresh);
  if (!live.grants.has(grant)) return <p class="muted">Your grants do not show this ({grant}).</p>;
  if (error) return <p class="error">{error}</p>;
  if (!data) return <p class="muted">Loading…</p>;
  const needle = filter.trim().toLowerCase();
  return (
    <>
      <div class="filters">
        <input placeholder="filter" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
        <Refresh onClick={() => setRefresh((r) => r + 1)} />
      </div>
      <table class="grid">
        <tbody>
          {data.filter((v) => v.variableName.toLowerCase().includes(needle)).map((v) => (
            <tr><td class="mono">{v.variableName}</td><td class="mono">{v.value}</td></tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Sessions change by the second: read again every 2 s while this tab is shown (one query on the server each time). */
const ProcessEvery = 2_000;

function ProcessTable({ path }: { path: string }) {
  const live = useLive();
  const [refresh, setRefresh] = useState(0);
  const [tick, setTick] = useState(0);
  const allowed = live.grants.has("db-show-process");
  useEffect(() => {
    if (!allowed) return;
    const timer = setInterval(() => setTick((t) => t + 1), ProcessEvery);
    return () => clearInterval(timer);
  }, [path, allowed]);
  const { data, error } = useFetch<Process[]>(path, `${refresh}:${tick}`);
  if (!allowed) return <p class="muted">Your grants do not show sessions (db-show-process).</p>;
  if (error) return <p class="error">{error}</p>;
  if (!data) return <p class="muted">Loading…</p>;
  return (
    <>
      <Refresh onClick={() => setRefresh((r) => r + 1)} />
      <table class="grid" data-testid="processlist">
        <thead>
          <tr><th>Id</th><th>User</th><th>Host</th><th>Db</th><th>Command</th><th>Time</th><th>State</th><th>Info</th></tr>
        </thead>
        <tbody>
          {data.map((p) => (
            <tr><td>{p.id}</td><td>{p.user}</td><td>{p.host}</td><td>{p.db ?? ""}</td><td>{p.command}</td><td>{p.time}</td><td>{p.state ?? ""}</td><td class="mono">{p.info ?? ""}</td></tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function ReplicationTable({ channels }: { channels: Replication[] }) {
  if (channels.length === 0) return <p class="muted">This server replicates from nowhere.</p>;
  const text = (value: { String: string; Valid: boolean }) => (value.Valid ? value.String : "NULL");
  return (
    <table class="grid" data-testid="replication">
      <thead>
        <tr><th>Channel</th><th>Source</th><th>IO</th><th>SQL</th><th>Lag</th><th>GTID mode</th><th>IO pos</th><th>Applied</th><th>Errors</th></tr>
      </thead>
      <tbody>
        {channels.map((c) => (
          <tr class={text(c.slaveIoRunning) !== "Yes" || text(c.slaveSqlRunning) !== "Yes" ? "failed" : ""}>
            <td>{text(c.connectionName) || "(default)"}</td>
            <td>{text(c.masterHost)}:{text(c.masterPort)}</td>
            <td>{text(c.slaveIoRunning)}</td>
            <td>{text(c.slaveSqlRunning)}</td>
            <td>{c.secondsBehindMaster.Valid ? `${c.secondsBehindMaster.Int64} s` : "NULL"}</td>
            <td>{text(c.usingGtid)}</td>
            <td class="mono">{text(c.gtidIoPos)}</td>
            <td class="mono">{text(c.gtidSlavePos)}</td>
            <td class="error">{[text(c.lastIoError), text(c.lastSqlError)].filter((e) => e && e !== "NULL").join("; ")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CollectedLogView({ path, cluster }: { path: string; cluster: string }) {
  const live = useLive();
  const [refresh, setRefresh] = useState(0);
  // A collection lands when a job of the cluster moves: read the log again then, as the backups list does.
  const { data, error } = useFetch<{ lines: string[]; size: number }>(path, `${refresh}:${live.jobsVersion[cluster] ?? 0}`);
  if (!live.grants.has("db-logs")) return <p class="muted">Your grants do not show logs (db-logs).</p>;
  if (error) return <p class="error">{error}</p>;
  if (!data) return <p class="muted">Loading…</p>;
  return (
    <>
      <Refresh onClick={() => setRefresh((r) => r + 1)} />
      {data.lines.length === 0 ? (
        <p class="muted">Nothing collected yet: the job script collects logs on schedule (scheduler-db-servers-logs) or with "Collect error log".</p>
      ) : (
        <pre class="logview">{data.lines.map((line) => <div class={/\[ERROR\]/.test(line) ? "error" : /\[Warning\]/.test(line) ? "warn" : ""}>{line}</div>)}</pre>
      )}
    </>
  );
}

/** Lag and queries per second of the last hour from the embedded Graphite store; read again every 10 s while shown. */
function Graphs({ node }: { node: string }) {
  const [series, setSeries] = useState<{ lag: RenderedSeries[]; qps: RenderedSeries[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    const render = (target: string) =>
      get<RenderedSeries[]>(`/graphite/render?target=${encodeURIComponent(target)}&from=-1h&format=json&maxDataPoints=300`, abort.signal);
    const load = () =>
      Promise.all([
        render(`alias(mysql.${node}.mysql_slave_status_seconds_behind_master, "lag")`),
        render(`alias(perSecond(mysql.${node}.mysql_global_status_questions), "queries/s")`),
      ]).then(
        ([lag, qps]) => { setSeries({ lag, qps }); setError(null); },
        (failure) => { if (!abort.signal.aborted) setError((failure as Error).message); },
      );
    void load();
    // The store gains a point per step (10 s by default): one read of two targets per step, only while this tab is open.
    const timer = setInterval(load, 10_000);
    return () => { clearInterval(timer); abort.abort(); };
  }, [node]);
  if (error) return <p class="error">{/not found|404/i.test(error) ? "Graphs need graphite-embedded = true and graphite-metrics = true." : error}</p>;
  if (!series) return <p class="muted">Loading…</p>;
  return (
    <div class="charts">
      <Chart title="Replication lag" series={series.lag} unit=" s" />
      <Chart title="Queries per second" series={series.qps} unit="" />
    </div>
  );
}
