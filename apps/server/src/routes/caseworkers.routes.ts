import { listCaseworkers } from '@amtsweg/db';
import type { FastifyInstance } from 'fastify';

/** Who works on cases here: for assigning a case to a colleague and for names in the history. */
export function caseworkersRoutes(app: FastifyInstance): void {
  app.get(
    '/api/caseworkers',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: ['cases'],
        summary: 'The organisation’s active caseworkers with their process roles per service',
        response: {
          200: {
            type: 'object',
            required: ['caseworkers'],
            properties: {
              caseworkers: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['id', 'displayName', 'serviceRoles'],
                  properties: {
                    id: { type: 'string' },
                    displayName: { type: 'string' },
                    serviceRoles: { type: 'array', items: { type: 'object', properties: { serviceId: { type: 'string' }, role: { type: 'string' } } } },
                  },
                },
              },
            },
          },
        },
      },
    },
    async (request) => {
      const people = await listCaseworkers(app.database.db, request.organisation.id);
      return { caseworkers: people.map((person) => ({ id: person.id, displayName: person.display_name, serviceRoles: person.service_roles })) };
    },
  );
}
