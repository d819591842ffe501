/**
 * The origin of the absolute links /ogc writes. GIS clients need absolute links (GDAL 3.6's OAPIF
 * driver resolves "/ogc/…" against the landing page's URL and asks for /ogc/ogc/…), so:
 * PUBLIC_URL when set (behind a proxy it must be); otherwise the address the connection reached on
 * this server — the socket's local address and port, which the client cannot choose, unlike the Host
 * header, which is never used. Without a socket (tests' inject) links are relative.
 */
import type { FastifyRequest } from 'fastify';

export function ogcBase(request: FastifyRequest, publicUrl: string | undefined): string {
  if (publicUrl) return `${publicUrl.replace(/\/+$/, '')}/ogc`;
  const { localAddress, localPort } = request.socket ?? {};
  if (!localAddress || !localPort) return '/ogc';
  const host = localAddress.includes(':') ? `[${localAddress.replace(/^::ffff:(?=[0-9.]+$)/, '')}]` : localAddress;
  const plain = /^\[[0-9.]+\]$/.test(host) ? host.slice(1, -1) : host;
  return `http://${plain}:${localPort}/ogc`;
}
