// The actions a user's grants allow, each behind a confirmation that shows what will happen: the dry-run plan where
// the API has one (switchover, failover), the reseed's own answer without ?confirm=true, a sentence otherwise.
import { useState } from "preact/hooks";
import { ApiError, get, post } from "../api";
import { useLive } from "../live";
import type { Plan } from "../types";

export interface Action {
  label: string;
  grant: string;
  /** The route that acts (POST). */
  path: string;
  /** What the confirmation says when there is no plan to show. */
  explain: string;
  /** A dry-run route (GET) answering a Plan. */
  dryRun?: string;
  /** The route answers 409 with what it would do until called with ?confirm=true (reseed). */
  confirmQuery?: boolean;
  danger?: boolean;
}

type Pending = { action: Action; plan?: Plan; preview?: string; refused?: string };

export function ActionBar({ actions, testId }: { actions: Action[]; testId?: string }) {
  const live = useLive();
  const [pending, setPending] = useState<Pending | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const allowed = actions.filter((action) => live.grants.has(action.grant));
  if (allowed.length === 0) return null;

  async function ask(action: Action) {
    setMessage(null);
    if (action.dryRun) {
      try {
        const plan = await get<Plan>(action.dryRun);
        setPending({ action, plan, refused: plan.refusals.length > 0 ? plan.refusals.map((r) => r.message).join("; ") : undefined });
      } catch (failure) {
        setPending({ action, refused: (failure as Error).message });
      }
      return;
    }
    if (action.confirmQuery) {
      try {
        await post(action.path);
        setMessage({ text: `${action.label}: started`, error: false });
      } catch (failure) {
        const error = failure as ApiError;
        if (error.status === 409 && error.detail?.title?.includes("not confirmed")) setPending({ action, preview: error.message });
        else setPending({ action, refused: error.message });
      }
      return;
    }
    setPending({ action, preview: action.explain });
  }

  async function confirm() {
    if (!pending) return;
    const { action } = pending;
    setPending(null);
    try {
      await post(action.confirmQuery ? `${action.path}${action.path.includes("?") ? "&" : "?"}confirm=true` : action.path);
      setMessage({ text: `${action.label}: started`, error: false });
    } catch (failure) {
      setMessage({ text: `${action.label}: ${(failure as Error).message}`, error: true });
    }
  }

  return (
    <div class="action-bar" data-testid={testId}>
      {allowed.map((action) => (
        <button class={action.danger ? "danger" : ""} onClick={() => ask(action)}>{action.label}</button>
      ))}
      {message && <span class={message.error ? "error" : "note"} role="status">{message.text}</span>}
      {pending && (
        <div class="dialog-backdrop">
          <div class="dialog" role="dialog" aria-modal="true" aria-label={pending.action.label}>
            <h3>{pending.action.label}</h3>
            {pending.refused && <p class="error">Refused: {pending.refused}</p>}
            {pending.preview && <p>{pending.preview}</p>}
            {pending.plan && pending.plan.steps.length > 0 && (
              <>
                <p>{pending.plan.kind} from {pending.plan.oldPrimary ?? "—"} to {pending.plan.candidate ?? "—"}:</p>
                <ol class="plan">
                  {pending.plan.steps.map((step) => <li><b>{step.action}</b> {step.server}: {step.description}</li>)}
                </ol>
                {pending.plan.warnings.map((warning) => <p class="warn">{warning.message}</p>)}
              </>
            )}
            <div class="dialog-buttons">
              <button onClick={() => setPending(null)}>Cancel</button>
              {!pending.refused && <button class={pending.action.danger ? "danger" : "primary"} onClick={confirm}>Confirm</button>}
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
