/**
 * The wrk Lua script the benchmarks share: GET each path in turn (round-robin), asking for gzip, so
 * wrk's load is the same fixed set of requests for every server it is pointed at.
 */
import fs from 'node:fs';
import path from 'node:path';

export function wrkScript(dir: string, name: string, paths: string[]): string {
  const file = path.join(dir, `${name}.lua`);
  fs.writeFileSync(file, `local paths = { ${paths.map((p) => JSON.stringify(p)).join(', ')} }
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], { ["Accept-Encoding"] = "gzip" })
end
`);
  return file;
}
