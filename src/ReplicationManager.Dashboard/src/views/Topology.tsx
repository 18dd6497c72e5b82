// The replication graph: the primary on top, the servers replicating from it below, each box coloured by its state
// with its lag and GTID; a server replicating from a replica hangs under that replica.
import type { Server } from "../types";
import { gtid, lag, stateClass } from "../format";
import { href } from "../route";

const BoxWidth = 190;
const BoxHeight = 64;
const GapX = 24;
const GapY = 56;

interface Placed { server: Server; x: number; y: number; parent?: Placed }

function sourceOf(server: Server, servers: Server[]): Server | undefined {
  const replication = server.replications[0];
  if (!replication || !replication.masterHost.Valid) return undefined;
  return servers.find((other) => other.host === replication.masterHost.String && other.port === replication.masterPort.String);
}

function layout(servers: Server[]): Placed[] {
  const children = new Map<Server | undefined, Server[]>();
  for (const server of servers) {
    const source = server.state === "Master" ? undefined : sourceOf(server, servers);
    children.set(source, [...(children.get(source) ?? []), server]);
  }
  // Roots: the primary first, then servers with no known source (standalone, failed).
  const roots = (children.get(undefined) ?? []).sort((a, b) => Number(b.state === "Master") - Number(a.state === "Master"));
  const levels: Server[][] = [];
  const placedOf = new Map<Server, Placed>();
  const walk = (server: Server, depth: number) => {
    (levels[depth] ??= []).push(server);
    for (const child of children.get(server) ?? []) walk(child, depth + 1);
  };
  roots.forEach((root) => walk(root, 0));
  const width = Math.max(...levels.map((level) => level.length), 1) * (BoxWidth + GapX);
  const placed: Placed[] = [];
  levels.forEach((level, depth) => {
    const offset = (width - level.length * (BoxWidth + GapX)) / 2;
    level.forEach((server, index) => {
      const node: Placed = { server, x: offset + index * (BoxWidth + GapX) + GapX / 2, y: depth * (BoxHeight + GapY) + 8 };
      placedOf.set(server, node);
      placed.push(node);
    });
  });
  for (const node of placed) {
    const source = node.server.state === "Master" ? undefined : sourceOf(node.server, servers);
    if (source) node.parent = placedOf.get(source);
  }
  return placed;
}

export function TopologyGraph({ cluster, servers }: { cluster: string; servers: Server[] }) {
  const placed = layout(servers);
  const width = Math.max(...placed.map((node) => node.x + BoxWidth + GapX / 2), 200);
  const height = Math.max(...placed.map((node) => node.y + BoxHeight + 8), 80);
  return (
    <svg class="topology" viewBox={`0 0 ${width} ${height}`} style={{ maxWidth: `${width}px` }} role="img" aria-label="replication topology" data-testid="topology">
      {placed.filter((node) => node.parent).map((node) => (
        <line class="edge" x1={node.parent!.x + BoxWidth / 2} y1={node.parent!.y + BoxHeight} x2={node.x + BoxWidth / 2} y2={node.y} />
      ))}
      {placed.map((node) => (
        <a href={href({ view: "server", cluster, server: node.server.id, tab: "status" })}>
          <g class={`node ${stateClass(node.server.state)}`} data-server={node.server.url} data-state={node.server.state} transform={`translate(${node.x},${node.y})`}>
            <rect width={BoxWidth} height={BoxHeight} rx="8" />
            <text x="10" y="20" class="name">{node.server.url}</text>
            <text x="10" y="38">{node.server.state}{node.server.isSlave ? ` · lag ${lag(node.server)}` : ""}</text>
            <text x="10" y="55" class="gtid">{gtid(node.server.state === "Master" ? node.server.gtidBinlogPos : node.server.slaveGtid)}</text>
          </g>
        </a>
      ))}
    </svg>
  );
}
