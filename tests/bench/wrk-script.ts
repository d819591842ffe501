/**
 * The wrk Lua script the benchmarks share: GET each path in turn (round-robin), asking for gzip, so
 * wrk's load is the same fixed set of requests for every server it is pointed at. With
 * `countStatuses`, wrk also counts the responses by status and prints `status N COUNT` lines at the
 * end (read them with `statusCounts`); it costs a Lua call per response, so the tiles benchmark,
 * which compares throughput with nginx, leaves it off.
 */
import fs from 'node:fs';
import path from 'node:path';

export function wrkScript(dir: string, name: string, paths: string[], options: { countStatuses?: boolean } = {}): string {
  const file = path.join(dir, `${name}.lua`);
  const counting = options.countStatuses ? `
local threads = {}
setup = function(thread) table.insert(threads, thread) end
statuses = {}
response = function(status, headers, body) statuses[status] = (statuses[status] or 0) + 1 end
done = function(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("statuses")) do total[k] = (total[k] or 0) + v end
  end
  for k, v in pairs(total) do io.write(string.format("status %d %d\\n", k, v)) end
end
` : '';
  fs.writeFileSync(file, `local paths = { ${paths.map((p) => JSON.stringify(p)).join(', ')} }
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], { ["Accept-Encoding"] = "gzip" })
end
${counting}`);
  return file;
}

/** The `status N COUNT` lines of a script made with `countStatuses`, as { status: count }. */
export function statusCounts(wrkOutput: string): Record<number, number> {
  const out: Record<number, number> = {};
  for (const m of wrkOutput.matchAll(/^status (\d+) (\d+)$/gm)) out[Number(m[1])] = Number(m[2]);
  return out;
}
