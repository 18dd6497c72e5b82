// Hash routes, so that the server serves one index.html and every view has an address to bookmark:
// #/  ·  #/c/<cluster>/<tab>  ·  #/c/<cluster>/s/<server id>/<tab>
import { useEffect, useState } from "preact/hooks";

export type Route =
  | { view: "overview" }
  | { view: "cluster"; cluster: string; tab: string }
  | { view: "server"; cluster: string; server: string; tab: string };

export function parse(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  if (parts[0] === "c" && parts[1]) {
    if (parts[2] === "s" && parts[3]) return { view: "server", cluster: parts[1], server: parts[3], tab: parts[4] ?? "status" };
    return { view: "cluster", cluster: parts[1], tab: parts[2] ?? "topology" };
  }
  return { view: "overview" };
}

export function href(route: Route): string {
  switch (route.view) {
    case "overview":
      return "#/";
    case "cluster":
      return `#/c/${encodeURIComponent(route.cluster)}/${route.tab}`;
    case "server":
      return `#/c/${encodeURIComponent(route.cluster)}/s/${encodeURIComponent(route.server)}/${route.tab}`;
  }
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parse(location.hash));
  useEffect(() => {
    const listener = () => setRoute(parse(location.hash));
    addEventListener("hashchange", listener);
    return () => removeEventListener("hashchange", listener);
  }, []);
  return route;
}
