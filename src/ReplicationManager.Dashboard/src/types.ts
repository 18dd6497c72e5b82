// The JSON the REST API and /api/events send, as far as the dashboard reads it.

export interface Gtid { domainId: number; serverId: number; seqNo: number }
export interface GoNullString { String: string; Valid: boolean }
export interface GoNullInt64 { Int64: number; Valid: boolean }

export interface Replication {
  connectionName: GoNullString;
  masterHost: GoNullString;
  masterPort: GoNullString;
  slaveIoRunning: GoNullString;
  slaveSqlRunning: GoNullString;
  secondsBehindMaster: GoNullInt64;
  lastIoError: GoNullString;
  lastSqlError: GoNullString;
  usingGtid: GoNullString;
  gtidIoPos: GoNullString;
  gtidSlavePos: GoNullString;
  slaveSQLRunningState: GoNullString;
}

export interface Server {
  id: string;
  url: string;
  host: string;
  port: string;
  state: string;
  prevState: string;
  readOnly: string;
  isSlave: boolean;
  isMaintenance: boolean;
  gtidBinlogPos: Gtid[];
  currentGtid: Gtid[];
  slaveGtid: Gtid[];
  replications: Replication[];
  replicationHealth: string;
  dbVersion: { flavor: string; major: number; minor: number; release: number } | null;
}

export interface Cluster {
  name: string;
  dbServers: string[];
  isDown: boolean;
  isAllDbUp: boolean;
  isFailable: boolean;
  topology: string;
  failoverCounter: number;
}

export interface Problem { code: string; server: string | null; message: string }

export interface ScriptOutput { lines: number; levels: Record<string, number>; tail: string[]; errorCodes: string[] }

export interface Job {
  id: number;
  task: string;
  state: number;
  result: string;
  start: number;
  end: number;
  target: { host: string; port: number };
  mode: string;
  bytes: number | null;
  path: string | null;
  waitingFor: string | null;
  output: ScriptOutput | null;
  position: { gtid?: string } | null;
}

export interface LiveJob { serverId: string; received: number | null; job: Job }

export interface Warning { number: string; desc: string; serverUrl: string; from: string }
export interface Alerts { errors: Warning[]; warnings: Warning[] }

export interface StateChange {
  cluster: string;
  server: string;
  serverId: string;
  previous: string;
  current: string;
  reason: string | null;
  time: string;
}

export interface Backup {
  id: string;
  tool: string;
  kind: string;
  server: string;
  size: number;
  gtid: string;
  end: string;
  ageSeconds: number;
  path: string | null;
  snapshot: string | null;
  restoreCheck: { passed: boolean; step: string; message: string; rtoSeconds: number | null; rpoSeconds: number; checkedAt: string } | null;
  local: boolean;
}

export interface ScheduledTask { name: string; cronKey: string; enabled: boolean; cron: string; nextRun: string | null; running: boolean }
export interface Schedule { enabled: boolean; jobsMode: string; tasks: ScheduledTask[] }

export interface Setting { key: string; value: string; default: string; kind: string; origin: string; description: string; isDefault: boolean }

export interface Variable { variableName: string; value: string }

export interface Process { id: number; user: string; host: string; db: string | null; command: string; time: number; state: string | null; info: string | null }

export interface PlanStep { action: string; server: string; description: string }
export interface PlanNote { code: string; server: string | null; message: string }
export interface Plan { kind: string; oldPrimary: string | null; candidate: string | null; steps: PlanStep[]; refusals: PlanNote[]; warnings: PlanNote[] }

export interface Problemdetails { title?: string; detail?: string; status?: number }

export interface RenderedSeries { target: string; datapoints: [number | null, number][] }
