-- wrk script for Hearth: POST /api/v1/events with a 5-event batch, the same shape as the
-- hb-ingest peer's wrk-events.lua, but with UUID ids and ids from Hearth's own manifest.
local counter = 0
local tid = 0
function setup(thread) thread:set("tid", tid); tid = tid + 1 end
function init(args) math.randomseed(os.time() + tid * 7919) end
request = function()
  counter = counter + 1
  local evs = {}
  for i = 1, 5 do
    local id = string.format("%08x-%04x-4%03x-8%03x-%012x", math.random(0, 0x7fffffff), tid % 0x10000,
                             counter % 0x1000, i, math.random(0, 0xffffffffff))
    evs[i] = string.format('{"id":"%s","type":"module.completed","course":"arguing-better","module":"what-happens","area":"E10000012"}', id)
  end
  local body = '{"events":[' .. table.concat(evs, ",") .. ']}'
  return wrk.format("POST", "/api/v1/events", {["Content-Type"] = "application/json"}, body)
end
