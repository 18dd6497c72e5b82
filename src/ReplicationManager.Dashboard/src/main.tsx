import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { logout, onSessionChange, session } from "./api";
import { startLive, useLive } from "./live";
import { href, useRoute } from "./route";
import { Login } from "./views/Login";
import { Overview } from "./views/Overview";
import { ClusterView } from "./views/Cluster";
import { ServerView } from "./views/Server";
import "./style.css";

function App() {
  const [token, setToken] = useState(session.token);
  useEffect(() => onSessionChange(() => setToken(session.token)), []);
  if (!token) return <Login />;
  return <LoggedIn />;
}

function LoggedIn() {
  useEffect(() => startLive(), []);
  const live = useLive();
  const route = useRoute();
  return (
    <>
      <header class="bar">
        <a class="brand" href={href({ view: "overview" })}>repman</a>
        <nav class="crumbs">
          {route.view !== "overview" && <a href={href({ view: "cluster", cluster: route.cluster, tab: "topology" })}>{route.cluster}</a>}
          {route.view === "server" && <span> / {live.servers[route.cluster]?.find((s) => s.id === route.server)?.url ?? route.server}</span>}
        </nav>
        <span class={`live ${live.connected ? "on" : "off"}`} data-testid="live" title={live.connected ? "live" : "reconnecting"}>
          {live.connected ? "live" : "reconnecting…"}
        </span>
        <span class="user">{live.user}</span>
        <button class="link" onClick={logout}>Log out</button>
      </header>
      <main>
        {route.view === "overview" && <Overview />}
        {route.view === "cluster" && <ClusterView cluster={route.cluster} tab={route.tab} />}
        {route.view === "server" && <ServerView cluster={route.cluster} serverId={route.server} tab={route.tab} />}
      </main>
    </>
  );
}

render(<App />, document.getElementById("app")!);
