/**
 * Security headers on every response (@fastify/helmet).
 *
 * The Content-Security-Policy fits what the map client does and nothing more: its own scripts,
 * styles and self-hosted @fontsource fonts ('self'); MapLibre and deck.gl start their workers from
 * blob: URLs (worker-src, and child-src for browsers without worker-src) and draw images from data:
 * and blob: URLs (img-src); tiles, TileJSON and the API are same-origin fetches (connect-src, where
 * workers fetch from too). Inline styles are allowed because MapLibre's controls and popups set
 * style attributes; no inline script is. No page may frame the app (frame-ancestors 'none' and
 * X-Frame-Options DENY), no plugin content, forms and <base> only to our own origin. The Swagger UI
 * at /docs is served under the same policy (its scripts are files, its images data: URLs).
 * Referrer-Policy no-referrer: area codes in the URL never leave with a link. Cross-origin-isolation
 * headers (COEP) are left off: nothing here needs SharedArrayBuffer.
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'child-src': ["'self'", 'blob:'],
  'frame-ancestors': ["'none'"],
  'frame-src': ["'none'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
} as const;

export const securityPlugin = fp(async (app: FastifyInstance) => {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY as unknown as Record<string, string[]> },
    crossOriginEmbedderPolicy: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
});
