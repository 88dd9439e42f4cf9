-- wrk script: PUT a survey response to personal links taken in turn from tokens.txt.
-- With GRAPPE_RATE (submissions per second over the whole run) and GRAPPE_THREADS (wrk's -t),
-- requests are paced at a constant rate, as latency objectives are measured (wrk2's idea with
-- wrk's own delay()): each thread sends on a fixed schedule, and a connection that is free
-- waits for the next slot. Without GRAPPE_RATE every connection sends again as soon as it
-- has its answer (closed loop: the capacity).
local tokens = {}
for line in io.lines(os.getenv("GRAPPE_TOKENS") or "tokens.txt") do tokens[#tokens + 1] = line end
-- Each wrk thread runs this script in its own Lua state: thread i of n sends links i, i + n,
-- i + 2n… (setup() numbers them), so the threads together go through every link once before
-- any is sent twice (with one counter each, both threads sent the first half only, and the
-- first answers of the other half fell into the next run).
local counter = 0
local thread_count = 0
function setup(thread)
  thread:set("first", thread_count)
  thread_count = thread_count + 1
end
local stride = tonumber(os.getenv("GRAPPE_THREADS") or "2")
local body = '{"language":"fr","answers":{"interest":"yes","consent":"yes","needs":["digital","export"],' ..
             '"needs_detail":"Mutualiser un poste de dessinateur et un camion","host_meeting":"maybe"}}'
wrk.method = "PUT"
wrk.headers["Content-Type"] = "application/json"
wrk.body = body
request = function()
  local link = (first or 0) + counter * stride
  counter = counter + 1
  return wrk.format(nil, "/api/v1/survey/" .. tokens[(link % #tokens) + 1])
end
local non_ok = 0
response = function(status)
  if status ~= 200 then non_ok = non_ok + 1 end
end

local rate = tonumber(os.getenv("GRAPPE_RATE") or "")
if rate and rate > 0 then
  local ffi = require("ffi")
  ffi.cdef [[
    typedef struct { long tv_sec; long tv_nsec; } grappe_timespec;
    int clock_gettime(int clock, grappe_timespec* ts);
  ]]
  local ts = ffi.new("grappe_timespec")
  local function now_ms()
    ffi.C.clock_gettime(1, ts)  -- CLOCK_MONOTONIC
    return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
  end
  local period = 1000 / (rate / tonumber(os.getenv("GRAPPE_THREADS") or "1"))  -- ms between sends, per thread
  local next_send = nil
  -- Called when a connection is ready to send: the time (ms) to wait for this thread's next
  -- slot. Slots follow the schedule, not the answers: when the server falls behind, the late
  -- slots are sent at once (the achieved rate then says it did not keep up).
  delay = function()
    local now = now_ms()
    next_send = next_send or now
    local wait = next_send - now
    next_send = next_send + period
    return wait > 0 and wait or 0
  end
end
