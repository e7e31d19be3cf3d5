-- wrk script: GET the status of a random member from the seed's sample file.
-- Environment: OPENAGG_SAMPLE (file of "user_guid member_guid" lines), OPENAGG_AUTH (the Authorization header).
local paths = {}
local auth = os.getenv("OPENAGG_AUTH")

for line in io.lines(os.getenv("OPENAGG_SAMPLE")) do
  local user, member = line:match("(%S+)%s+(%S+)")
  paths[#paths + 1] = "/users/" .. user .. "/members/" .. member .. "/status"
end

request = function()
  return wrk.format("GET", paths[math.random(#paths)], {
    ["Authorization"] = auth,
    ["Accept"] = "application/vnd.mx.api.v1+json",
  })
end
