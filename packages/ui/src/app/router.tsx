import { createContext, useContext, useEffect, useState, type AnchorHTMLAttributes, type ReactNode } from 'react';
import { markNavigation } from './page-heading';

/**
 * A small router on the History API: the portal has a handful of routes, so a routing library would cost more
 * bytes on an old phone than it saves in code. Links are real links (open in a new tab, copy the address).
 */
export interface Place {
  path: string;
  search: URLSearchParams;
  hash: string;
}

const PlaceContext = createContext<Place | null>(null);

let base = '';

/**
 * Serves the app below a path prefix (an organisation's portal at `/o/<slug>` on a shared host): places are read
 * without it, and links and navigation add it.
 */
export function setRouterBase(prefix: string): void {
  base = prefix.replace(/\/+$/, '');
}

/** An address inside the app as the browser needs it (with the path prefix, if any). */
export function withRouterBase(to: string): string {
  return base && to.startsWith('/') && !to.startsWith(`${base}/`) ? `${base}${to}` : to;
}

function currentPlace(): Place {
  const { pathname } = location;
  const path = base && (pathname === base || pathname.startsWith(`${base}/`)) ? pathname.slice(base.length) || '/' : pathname;
  return { path, search: new URLSearchParams(location.search), hash: location.hash };
}

export function RouterProvider({ children }: { children: ReactNode }): ReactNode {
  const [place, setPlace] = useState(currentPlace);
  useEffect(() => {
    const update = () => {
      // From now on a new page heading takes the focus, as a new page would after a full load.
      markNavigation();
      setPlace(currentPlace());
    };
    window.addEventListener('popstate', update);
    window.addEventListener('amtsweg:navigate', update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener('amtsweg:navigate', update);
    };
  }, []);
  return <PlaceContext.Provider value={place}>{children}</PlaceContext.Provider>;
}

export function usePlace(): Place {
  const place = useContext(PlaceContext);
  if (!place) throw new Error('usePlace outside RouterProvider');
  return place;
}

/** Goes to an address inside the portal; `replace` does not add a history entry. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const to = withRouterBase(path);
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.dispatchEvent(new Event('amtsweg:navigate'));
  const hash = new URL(to, location.href).hash;
  if (!hash) window.scrollTo(0, 0);
}

/** A link that navigates inside the portal without reloading (and as a normal link with modifier keys). */
export function Link({ to, children, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>): ReactNode {
  return (
    <a
      href={withRouterBase(to)}
      {...rest}
      onClick={(event) => {
        rest.onClick?.(event);
        if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

/** Matches a path against a pattern with `:name` parts; returns the parts or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const names: string[] = [];
  const regex = new RegExp(
    `^${pattern.replace(/\/:([a-zA-Z]+)/g, (_m, name: string) => {
      names.push(name);
      return '/([^/]+)';
    })}/?$`,
  );
  const match = regex.exec(path);
  if (!match) return null;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
}
