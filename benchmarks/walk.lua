-- wrk script for the tile benchmark: walk a list of request paths (one per line, path + query) in order, each
-- exactly once, then stop. Run with ONE thread (-t1) so one Lua state owns the list; -c sets the concurrency.
--   wrk -t1 -c8 -d600s --timeout 30s -s benchmarks/walk.lua http://127.0.0.1:PORT -- PATHS_FILE
-- When every listed request is answered it prints "walk-done requests=.. seconds=.. non200=.." (wall time from
-- the first request to the last answer, monotonic clock) and stops its thread; the caller (tiles_bench.py)
-- then sends SIGINT so wrk ends without waiting out -d, and done() prints "walk-latency p50_us=.. p95_us=..
-- socket_errors=..".

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } walk_timespec;
int clock_gettime(int clock_id, walk_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local ts = ffi.new("walk_timespec")

local function now()
   ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
   return tonumber(ts.tv_sec) + tonumber(ts.tv_nsec) / 1e9
end

local paths = {}
local sent = 0
local received = 0
local non200 = 0
local started = nil

function init(args)
   for line in io.lines(args[1]) do
      if line ~= "" then
         paths[#paths + 1] = wrk.format("GET", line)
      end
   end
end

function request()
   if started == nil then
      started = now()
   end
   sent = sent + 1
   -- a connection that asks for work after the list is done repeats the last path; that answer is never
   -- counted, because the thread stops as soon as every listed request has been answered
   return paths[math.min(sent, #paths)]
end

function response(status, headers, body)
   received = received + 1
   if status ~= 200 then
      non200 = non200 + 1
   end
   if received == #paths then
      io.write(string.format("walk-done requests=%d seconds=%.6f non200=%d\n", received, now() - started, non200))
      io.stdout:flush()
      wrk.thread:stop()
   end
end

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format("walk-latency p50_us=%d p95_us=%d socket_errors=%d\n", latency:percentile(50),
                          latency:percentile(95), e.connect + e.read + e.write + e.timeout))
   io.stdout:flush()
end
