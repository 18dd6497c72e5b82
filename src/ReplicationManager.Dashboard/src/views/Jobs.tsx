import { useState } from "preact/hooks";
import { post } from "../api";
import { useLive } from "../live";
import { bytes, isJobError, isJobOver, jobDuration, jobState, time } from "../format";
import type { LiveJob } from "../types";

type Row = LiveJob & { cluster?: string };

/** Jobs, running first: state, phase, bytes, duration, the script's last log lines, errors in red, cancel. */
export function JobsTable({ jobs, showCluster, cluster }: { jobs: Row[]; showCluster?: boolean; cluster?: string }) {
  const live = useLive();
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (jobs.length === 0) return <p class="muted">No jobs yet.</p>;

  async function cancel(row: Row) {
    setError(null);
    try {
      await post(`/api/clusters/${encodeURIComponent(row.cluster ?? cluster ?? "")}/servers/${row.serverId}/actions/job-cancel/${row.job.task}`);
    } catch (failure) {
      setError((failure as Error).message);
    }
  }

  return (
    <>
      {error && <p class="error" role="alert">{error}</p>}
      <table class="grid jobs" data-testid="jobs">
        <thead>
          <tr>
            {showCluster && <th>Cluster</th>}
            <th>Id</th><th>Task</th><th>Server</th><th>State</th><th>Phase / result</th><th>Received</th><th>Started</th><th>Duration</th><th></th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((row) => {
            const key = `${row.cluster ?? cluster}/${row.serverId}/${row.job.task}/${row.job.id}`;
            const job = row.job;
            const levels = job.output?.levels ?? {};
            return (
              <>
                <tr class={isJobError(job) ? "failed" : isJobOver(job) ? "" : "running"} data-task={job.task} data-state={jobState(job)}>
                  {showCluster && <td>{row.cluster}</td>}
                  <td>{job.id}</td>
                  <td>{job.task}</td>
                  <td>{job.target.host}:{job.target.port}</td>
                  <td class="state">{jobState(job)}</td>
                  <td class="result">{isJobOver(job) ? job.result : job.waitingFor ?? job.result}</td>
                  <td>{bytes(row.received ?? job.bytes)}</td>
                  <td>{time(job.start)}</td>
                  <td>{jobDuration(job)}</td>
                  <td class="actions">
                    {job.output && job.output.tail.length > 0 && (
                      <button class="link" onClick={() => setOpen(open === key ? null : key)}>
                        log ({job.output.lines}{levels.ERROR ? `, ${levels.ERROR} errors` : ""})
                      </button>
                    )}
                    {!isJobOver(job) && live.grants.has("cluster-process") && <button class="small" onClick={() => cancel(row)}>Cancel</button>}
                  </td>
                </tr>
                {open === key && job.output && (
                  <tr class="log">
                    <td colSpan={showCluster ? 10 : 9}>
                      <pre>{job.output.tail.map((line) => <div class={/\bERROR\b|\bFATAL\b/.test(line) ? "error" : ""}>{line}</div>)}</pre>
                    </td>
                  </tr>
                )}
              </>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
