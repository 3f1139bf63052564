import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/** A built Vite app (a folder with `index.html` and `assets/`) and where it is served. */
export interface FrontEnd {
  /** What it is called in messages: `portal`, `inbox`, `studio`. */
  name: string;
  /** The path it is served under, ending in a slash: `/`, `/inbox/`. */
  prefix: string;
  /** The built folder (absolute). */
  root: string;
}

export interface FrontEndsOptions {
  frontEnds: readonly FrontEnd[];
}

/** Vite puts a hash of the content into every name under assets/, so such a file never changes. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (index.html above all) may be kept, but is checked with the server before each use. */
const REVALIDATE = 'no-cache';
/** Addresses that belong to the server, never to a front end's client-side routes. */
const SERVER_PATHS = /^\/(?:api|docs)(?:[/?]|$)/;

/**
 * Serves the built front ends next to the API. Each is served from the files its build wrote, as found at the
 * start (a new build needs a restart); any other GET of a page (one that accepts text/html) under its prefix gets
 * its index.html, so the app's client-side routes work on reload, while a missing file under assets/ stays a 404.
 * A front end whose folder has no index.html is left out with a warning: the API runs without it.
 *
 * @example
 * await app.register(frontEndsPlugin, { frontEnds: [{ name: 'portal', prefix: '/', root: '/srv/portal/dist' }] });
 */
async function frontEndsPlugin(app: FastifyInstance, options: FrontEndsOptions): Promise<void> {
  for (const frontEnd of options.frontEnds) {
    if (!existsSync(join(frontEnd.root, 'index.html'))) {
      app.log.warn({ root: frontEnd.root }, `the ${frontEnd.name} is not built (no index.html in ${frontEnd.root}); serving the API without it`);
      continue;
    }
    // Wrapped: Fastify would take the front end's `prefix` as a prefix for the plugin's routes.
    await app.register(serveFrontEnd, { frontEnd });
  }
}

/** One front end, in a context of its own (each has its own `reply.sendFile` root). */
async function serveFrontEnd(app: FastifyInstance, { frontEnd }: { frontEnd: FrontEnd }): Promise<void> {
  // What the build wrote, read once: an address is served from this list, so unknown addresses never touch the
  // disk, and no file outside it (or a compressed sibling by its own name) can be reached.
  const files = listBuiltFiles(frontEnd.root);
  // Only `reply.sendFile` (pre-compressed siblings, ETag, our cache headers); the route is ours, so it carries
  // its declared access like every other route.
  await app.register(fastifyStatic, {
    root: frontEnd.root,
    serve: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, path) => {
      void reply.header('cache-control', relative(frontEnd.root, path).startsWith(`assets${sep}`) ? IMMUTABLE : REVALIDATE);
    },
  });
  const route = { config: { access: 'public' as const }, schema: { hide: true } };
  app.get(`${frontEnd.prefix}*`, route, (request, reply) => {
    const path = (request.params as { '*': string })['*'] || 'index.html';
    if (files.has(path)) return reply.sendFile(path);
    if (path.startsWith('assets/') || SERVER_PATHS.test(request.url) || !acceptsHtml(request)) return reply.callNotFound();
    return reply.sendFile('index.html');
  });
  // `/inbox` is the inbox too, not a route of the portal at `/`.
  if (frontEnd.prefix !== '/') app.get(frontEnd.prefix.slice(0, -1), route, (_request, reply) => reply.redirect(frontEnd.prefix, 301));
}

/**
 * Every file below the folder as a URL path (`assets/app-1a2b.js`), without the pre-compressed siblings and
 * without dotfiles and dot-folders (Vite's `.vite/manifest.json` is for build tools, not browsers).
 */
function listBuiltFiles(root: string): Set<string> {
  const entries = readdirSync(root, { recursive: true, withFileTypes: true });
  return new Set(
    entries
      .filter((entry) => entry.isFile() && !/\.(?:br|gz)$/.test(entry.name))
      .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
      .filter((path) => !path.split('/').some((segment) => segment.startsWith('.'))),
  );
}

function acceptsHtml(request: FastifyRequest): boolean {
  return /\btext\/html\b/i.test(request.headers.accept ?? '');
}

export default fp(frontEndsPlugin, { name: 'front-ends', fastify: '5.x', dependencies: ['auth', 'error-handler'] });
