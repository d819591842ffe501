/**
 * The OpenAPI document, made from the routes' JSON schemas, served with Swagger UI at /docs
 * (the JSON at /docs/json). Registered before the routes so it sees all of them.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const openapiPlugin = fp(async (app: FastifyInstance) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'povmap API', version: '0.1.0', description: 'Multidimensional poverty (BMN MPI) by area, rankings and household lists.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
});
