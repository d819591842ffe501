/**
 * The plain HTML pages of /ogc (issue 19): a heading, the links of the JSON answer, and a table
 * where the answer lists things (collections, features). Every value is escaped; no script, no
 * external resource, so the security headers' strict policy holds.
 */
export interface HtmlLink {
  href: string;
  rel: string;
  type?: string;
  title?: string;
  /** The href is a URI template ({tileMatrix}/{tileRow}/{tileCol}). */
  templated?: boolean;
}

export const escapeHtml = (v: unknown) =>
  String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function htmlPage(title: string, description: string, links: readonly HtmlLink[], table?: { columns: string[]; rows: unknown[][] }): string {
  const linkItems = links.map((l) => `<li><a href="${escapeHtml(l.href)}">${escapeHtml(l.title ?? l.rel)}</a> <small>(${escapeHtml(l.rel)}${l.type ? `, ${escapeHtml(l.type)}` : ''})</small></li>`);
  const tableHtml = table
    ? `<table border="1" cellpadding="4"><thead><tr>${table.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>${
      table.rows.map((r) => `<tr>${r.map((v) => `<td>${escapeHtml(v)}</td>`).join('')}</tr>`).join('\n')}</tbody></table>`
    : '';
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} – povmap OGC API</title></head>\n`
    + `<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(description)}</p><ul>${linkItems.join('\n')}</ul>\n${tableHtml}</body></html>\n`;
}
