// The REST API as the page uses it: the token of the login (kept for the tab only), JSON calls that turn problem
// details into errors that say what is wrong, and the live event stream (fetch, so the token stays in a header).
import type { Problemdetails } from "./types";

const TokenKey = "repman.token";

export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly detail?: Problemdetails) {
    super(message);
  }
}

export const session = {
  get token(): string | null {
    return sessionStorage.getItem(TokenKey);
  },
  set token(value: string | null) {
    if (value) sessionStorage.setItem(TokenKey, value);
    else sessionStorage.removeItem(TokenKey);
    for (const listener of listeners) listener();
  },
};

const listeners = new Set<() => void>();
export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function login(username: string, password: string): Promise<void> {
  const response = await fetch("/api/login", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw await errorOf(response);
  const body = (await response.json()) as { token: string };
  session.token = body.token;
}

export function logout(): void {
  session.token = null;
}

export async function get<T>(path: string, signal?: AbortSignal): Promise<T> {
  return call<T>("GET", path, signal);
}

export async function post<T>(path: string, signal?: AbortSignal): Promise<T> {
  return call<T>("POST", path, signal);
}

async function call<T>(method: string, path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { method, headers: authorization(), signal });
  if (response.status === 401) session.token = null;
  if (!response.ok) throw await errorOf(response);
  const text = await response.text();
  return (text ? JSON.parse(text) : null) as T;
}

function authorization(): Record<string, string> {
  return session.token ? { Authorization: `Bearer ${session.token}` } : {};
}

async function errorOf(response: Response): Promise<ApiError> {
  let detail: Problemdetails | undefined;
  try {
    detail = (await response.json()) as Problemdetails;
  } catch {
    detail = undefined;
  }
  const message = detail?.detail ?? detail?.title ?? `${response.status} ${response.statusText}`;
  return new ApiError(response.status, message, detail);
}

export interface StreamHandlers {
  onEvent(type: string, data: unknown): void;
  onConnected(connected: boolean): void;
}

/** Reads /api/events until the signal aborts; reconnects after a drop, waiting longer each time (up to 10 s). */
export async function followEvents(handlers: StreamHandlers, signal: AbortSignal): Promise<void> {
  let delay = 500;
  while (!signal.aborted && session.token) {
    try {
      const response = await fetch("/api/events", { headers: { ...authorization(), Accept: "text/event-stream" }, signal });
      if (response.status === 401) {
        session.token = null;
        return;
      }
      if (!response.ok || !response.body) throw await errorOf(response);
      handlers.onConnected(true);
      delay = 500;
      await readEvents(response.body, handlers);
    } catch (error) {
      if (signal.aborted) return;
      console.warn("event stream:", error);
    }
    handlers.onConnected(false);
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 10_000);
  }
}

async function readEvents(body: ReadableStream<BufferSource>, handlers: StreamHandlers): Promise<void> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let type = "message";
      const data: string[] = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event:")) type = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
      }
      if (data.length > 0) handlers.onEvent(type, JSON.parse(data.join("\n")));
    }
  }
}
