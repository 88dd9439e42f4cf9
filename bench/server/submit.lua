-- wrk script: PUT a survey response to personal links taken in turn from tokens.txt.
local tokens = {}
for line in io.lines(os.getenv("GRAPPE_TOKENS") or "tokens.txt") do tokens[#tokens + 1] = line end
local counter = 0
local body = '{"language":"fr","answers":{"interest":"yes","consent":"yes","needs":["digital","export"],' ..
             '"needs_detail":"Mutualiser un poste de dessinateur et un camion","host_meeting":"maybe"}}'
wrk.method = "PUT"
wrk.headers["Content-Type"] = "application/json"
wrk.body = body
request = function()
  counter = counter + 1
  return wrk.format(nil, "/api/v1/survey/" .. tokens[(counter % #tokens) + 1])
end
local non_ok = 0
response = function(status)
  if status ~= 200 then non_ok = non_ok + 1 end
end
