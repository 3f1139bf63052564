import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';

export function healthRoutes(app: FastifyInstance): void {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Whether the server and its database answer',
        response: {
          200: {
            type: 'object',
            required: ['status', 'database'],
            properties: { status: { const: 'ok' }, database: { enum: ['postgres', 'pglite'] } },
          },
          500: { $ref: 'Error#' },
        },
      },
    },
    async () => {
      await sql`select 1`.execute(app.database.db);
      return { status: 'ok' as const, database: app.database.kind };
    },
  );
}
