/**
 * Who may call a route, declared next to its schema in `config.access`. Identity and roles arrive with the
 * access issue (4); its plugin enforces these declarations. A test fails if any /api route lacks one.
 */
export type RouteAccess = 'public' | 'applicant' | 'staff' | 'designer';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export {};
