import { useLive } from "../live";
import { href } from "../route";
import { isJobOver } from "../format";
import { JobsTable } from "./Jobs";

export function Overview() {
  const live = useLive();
  const fleetJobs = Object.entries(live.jobs)
    .flatMap(([cluster, jobs]) => jobs.map((job) => ({ cluster, ...job })))
    .sort((a, b) => Number(isJobOver(a.job)) - Number(isJobOver(b.job)) || b.job.start - a.job.start)
    .slice(0, 30);
  return (
    <>
      <section>
        <h2>Clusters</h2>
        {live.clusters.length === 0 && <p class="muted">{live.connected ? "No cluster is monitored." : "Connecting…"}</p>}
        <div class="cards">
          {live.clusters.map((cluster) => {
            const servers = live.servers[cluster.name] ?? [];
            const primary = servers.find((server) => server.state === "Master");
            const problems = live.problems[cluster.name] ?? [];
            const running = (live.jobs[cluster.name] ?? []).filter((job) => !isJobOver(job.job)).length;
            const health = cluster.isDown ? "bad" : problems.length > 0 || !cluster.isAllDbUp ? "warn" : "ok";
            return (
              <a class={`card ${health}`} href={href({ view: "cluster", cluster: cluster.name, tab: "topology" })} data-testid={`cluster-${cluster.name}`}>
                <h3>{cluster.name}</h3>
                <dl>
                  <dt>State</dt>
                  <dd>{cluster.isDown ? "down" : cluster.isAllDbUp ? "all servers up" : "degraded"}</dd>
                  <dt>Primary</dt>
                  <dd>{primary?.url ?? "none"}</dd>
                  <dt>Servers</dt>
                  <dd>{servers.length}</dd>
                  <dt>Problems</dt>
                  <dd>{problems.length}</dd>
                  <dt>Running jobs</dt>
                  <dd>{running}</dd>
                </dl>
              </a>
            );
          })}
        </div>
      </section>
      <section>
        <h2>Jobs of every cluster</h2>
        {live.grants.has("cluster-process") ? <JobsTable jobs={fleetJobs} showCluster /> : <p class="muted">Your grants do not show jobs (cluster-process).</p>}
      </section>
      <section>
        <h2>Server state changes</h2>
        {live.changes.length === 0 ? (
          <p class="muted">None since this page opened.</p>
        ) : (
          <table class="grid">
            <thead>
              <tr><th>Time</th><th>Cluster</th><th>Server</th><th>From</th><th>To</th><th>Why</th></tr>
            </thead>
            <tbody>
              {live.changes.map((change) => (
                <tr>
                  <td>{new Date(change.time).toLocaleTimeString()}</td>
                  <td>{change.cluster}</td>
                  <td>{change.server}</td>
                  <td>{change.previous}</td>
                  <td>{change.current}</td>
                  <td>{change.reason ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
