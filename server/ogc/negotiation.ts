/**
 * Which representation an /ogc answer takes (issue 19): `f=json|html` when given, else the Accept
 * header — HTML for a browser (text/html before any JSON type), JSON for GIS clients (GDAL asks for
 * application/geo+json and application/json) and for anything that does not say.
 */
export type OgcFormat = 'json' | 'html';

export function formatOf(f: string | undefined, accept: string | undefined): OgcFormat {
  if (f === 'json' || f === 'html') return f;
  if (!accept) return 'json';
  const html = accept.indexOf('text/html');
  if (html < 0) return 'json';
  const json = accept.search(/application\/([a-z.+-]*\+)?json/);
  return json < 0 || html < json ? 'html' : 'json';
}
