import type { StableKeys } from '../area-controls/stable-keys';

/** What the parts of the procedure designer share besides the editor: stable keys and focus after a render. */
export interface ProcessUi {
  keys: StableKeys;
  focusLater: (elementId: string, options?: { select?: boolean }) => void;
}

/** Scope of the keys of states. */
export const STATES_SCOPE = 'states';

/** Scope of the keys of the actions of one state (by the state's stable key). */
export function actionsScope(stateKey: string): string {
  return `actions:${stateKey}`;
}

/** Scope of the keys of the inputs of one action (by the action's stable key). */
export function inputsScope(actionKey: string): string {
  return `inputs:${actionKey}`;
}

/**
 * The findings under `pointer` that none of the `claimed` pointers (shown at their own controls) takes: they
 * are shown at the section itself.
 */
export function listUnclaimed<TFinding extends { path: string }>(findings: readonly TFinding[], claimed: readonly string[]): TFinding[] {
  return findings.filter((finding) => !claimed.some((pointer) => finding.path === pointer || finding.path.startsWith(`${pointer}/`)));
}
