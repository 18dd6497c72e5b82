// What the event stream has said so far: one store for the whole page, replaced (never mutated) at each event, so
// that every view re-renders from the same state.
import { useEffect, useState } from "preact/hooks";
import { followEvents } from "./api";
import type { Alerts, Cluster, LiveJob, Problem, Server, StateChange } from "./types";

export interface LiveState {
  connected: boolean;
  user: string;
  grants: ReadonlySet<string>;
  clusters: Cluster[];
  servers: Record<string, Server[]>;
  problems: Record<string, Problem[]>;
  jobs: Record<string, LiveJob[]>;
  alerts: Record<string, Alerts>;
  changes: StateChange[];
  /** Bumped when a cluster's jobs change: views that fetch backups read them again then, and only then. */
  jobsVersion: Record<string, number>;
}

const KeptChanges = 100;

let state: LiveState = {
  connected: false,
  user: "",
  grants: new Set(),
  clusters: [],
  servers: {},
  problems: {},
  jobs: {},
  alerts: {},
  changes: [],
  jobsVersion: {},
};
const subscribers = new Set<() => void>();

function update(change: Partial<LiveState>): void {
  state = { ...state, ...change };
  for (const subscriber of subscribers) subscriber();
}

export function apply(type: string, data: any): void {
  switch (type) {
    case "hello":
      update({ user: data.user, grants: new Set(data.grants) });
      break;
    case "clusters":
      update({ clusters: data });
      break;
    case "servers":
      update({ servers: { ...state.servers, [data.cluster]: data.servers }, problems: { ...state.problems, [data.cluster]: data.problems } });
      break;
    case "jobs":
      update({
        jobs: { ...state.jobs, [data.cluster]: data.jobs },
        jobsVersion: { ...state.jobsVersion, [data.cluster]: (state.jobsVersion[data.cluster] ?? 0) + 1 },
      });
      break;
    case "alerts":
      update({ alerts: { ...state.alerts, [data.cluster]: data.alerts } });
      break;
    case "state":
      update({ changes: [data, ...state.changes].slice(0, KeptChanges) });
      break;
  }
}

/** Follows the stream while the page is logged in; the returned function stops it. */
export function startLive(): () => void {
  const abort = new AbortController();
  void followEvents({ onEvent: apply, onConnected: (connected) => update({ connected }) }, abort.signal);
  return () => abort.abort();
}

export function useLive(): LiveState {
  const [, setVersion] = useState(0);
  useEffect(() => {
    const subscriber = () => setVersion((version) => version + 1);
    subscribers.add(subscriber);
    return () => void subscribers.delete(subscriber);
  }, []);
  return state;
}
