/**
 * What one page hands to the next across a navigation, held in memory only: the signing secret of an endpoint
 * just registered (shown once on its page, gone on reload, never stored in the browser), and a message about
 * what just happened ("deleted") for the page the administrator lands on.
 */
const secrets = new Map<string, string>();
let message: string | undefined;

export function handOverSecret(endpointId: string, secret: string): void {
  secrets.set(endpointId, secret);
}

/** The secret handed over for an endpoint; read on the page's first render, forgotten once it is shown. */
export function readHandedSecret(endpointId: string): string | undefined {
  return secrets.get(endpointId);
}

export function forgetHandedSecret(endpointId: string): void {
  secrets.delete(endpointId);
}

export function handOverMessage(text: string): void {
  message = text;
}

/** The message handed over; read on the next page's first render, forgotten once it is shown. */
export function readHandedMessage(): string | undefined {
  return message;
}

export function forgetHandedMessage(): void {
  message = undefined;
}
