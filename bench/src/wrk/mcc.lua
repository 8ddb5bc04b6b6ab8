-- The load of `pnpm bench` (bench/src/wrk.ts runs wrk with this script): one kind of request per
-- run, and every answer checked — a wrong answer counts as `bad`, and a run with bad answers is
-- reported as such, never as throughput.
--
-- wrk <url> -s mcc.lua -- <mode> <expect> <delayMs> [mode arguments]
--   get            GET the URL as given
--   post <file>    POST the file's contents (a SOAP envelope) to the URL
--   rest-cycle <startPath> <closePath>      startSession, then closeSession of the id it answered
--   soap-cycle <startFile> <closeTemplate>  the same over SOAP (the template's %s is the id)
-- <expect>: text every answer must contain. <delayMs>: pause before each request of a connection
-- (0: as fast as the server answers; > 0: a fixed, lower rate for the CPU-per-request figure).
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

local function readFile(path)
  local file = assert(io.open(path, 'rb'))
  local text = file:read('*a')
  file:close()
  return text
end

local soapHeaders = { ['Content-Type'] = 'text/xml; charset=utf-8', ['SOAPAction'] = '""' }

function init(args)
  mode, expect, pause = args[1], args[2], tonumber(args[3]) or 0
  bad, answered = 0, 0
  ready, closing = {}, {}
  if mode == 'get' then
    fixed = wrk.format('GET', wrk.path)
  elseif mode == 'post' then
    fixed = wrk.format('POST', wrk.path, soapHeaders, readFile(args[4]))
  elseif mode == 'rest-cycle' then
    start = wrk.format('GET', args[4])
    closePath = args[5]
  elseif mode == 'soap-cycle' then
    start = wrk.format('POST', wrk.path, soapHeaders, readFile(args[4]))
    closeTemplate = readFile(args[5])
  else
    error('unknown mode ' .. tostring(mode))
  end
end

function delay()
  return pause
end

function request()
  if fixed then return fixed end
  local id = table.remove(ready)
  if not id then return start end
  closing[id] = true
  if mode == 'rest-cycle' then return wrk.format('GET', closePath .. id) end
  return wrk.format('POST', wrk.path, soapHeaders, string.format(closeTemplate, id))
end

function response(status, headers, body)
  answered = answered + 1
  if status ~= 200 or not body:find(expect, 1, true) then
    bad = bad + 1
    return
  end
  if fixed then return end
  local id = body:match('"sessionId":"([^"]+)"') or body:match('<sessionId>([^<]+)</sessionId>')
  if not id then
    bad = bad + 1
  elseif closing[id] then
    closing[id] = nil
  else
    table.insert(ready, id)
  end
end

function done(summary, latency, requests)
  local badTotal, answeredTotal = 0, 0
  for _, thread in ipairs(threads) do
    badTotal = badTotal + thread:get('bad')
    answeredTotal = answeredTotal + thread:get('answered')
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"durationUs":%d,"answered":%d,"bad":%d,"socketErrors":%d,' ..
      '"p50Us":%d,"p99Us":%d,"generatorCpuSec":%.3f}\n',
    summary.requests, summary.duration, answeredTotal, badTotal,
    e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(99), os.clock()))
end
