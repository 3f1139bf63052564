/**
 * Governance: webhooks reach only hosts the organisation allows. An entry is a host name (`fachverfahren.example`),
 * optionally with a port (`127.0.0.1:8443`), or `*.example` for its subdomains. Compared case-insensitively;
 * without a port in the entry any port is allowed.
 */
export function isHostAllowed(url: URL, allowed: readonly string[]): boolean {
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = url.port;
  return allowed.some((entry) => {
    const [pattern = '', entryPort] = splitHostPort(entry.toLowerCase());
    if (entryPort !== undefined && entryPort !== port) return false;
    // A wildcard names subdomains of a domain; it never matches an address (`*.0.0.1` is not `127.0.0.1`).
    if (pattern.startsWith('*.')) return !isIpLiteral(host) && host.endsWith(pattern.slice(1));
    return host === pattern;
  });
}

function isIpLiteral(host: string): boolean {
  return host.includes(':') || /^[0-9.]+$/.test(host);
}

function splitHostPort(entry: string): [string, string | undefined] {
  const bracketed = /^\[(.+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return [bracketed[1]!, bracketed[2]];
  const parts = entry.split(':');
  return parts.length === 2 ? [parts[0]!, parts[1]] : [entry, undefined];
}

/** A host entry as an administrator may write it (no scheme, no path). */
export const WEBHOOK_HOST_PATTERN = '^(\\*\\.)?[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?$|^\\[[0-9A-Fa-f:.]{2,45}\\](:[0-9]{1,5})?$';
