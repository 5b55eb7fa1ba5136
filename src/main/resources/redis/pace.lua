-- One message from a chat's budget and, for a broadcast, from the bulk budget, shared by every
-- replica: a GCRA per budget (the key holds the budget's theoretical arrival time in
-- microseconds of Redis's clock, so replicas' clocks do not matter). Takes from both or from
-- neither.
-- KEYS: 1 the chat's budget, 2 (optional) the bulk budget; both under one hash tag
-- ARGV: 1 chat interval (us), 2 chat burst, 3 bulk interval (us), 4 bulk burst
-- Returns 0 when taken, else the microseconds to wait before asking again.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])

local function check(key, interval, burst)
  local tat = tonumber(redis.call('GET', key) or '0')
  if tat < now then
    tat = now
  end
  local wait = tat - (burst - 1) * interval - now
  if wait < 0 then
    wait = 0
  end
  return wait, tat
end

local function store(key, tat, interval)
  local next = tat + interval
  redis.call('SET', key, string.format('%.0f', next), 'PX', math.floor((next - now) / 1000) + 1000)
end

local chatInterval, chatBurst = tonumber(ARGV[1]), tonumber(ARGV[2])
local chatWait, chatTat = check(KEYS[1], chatInterval, chatBurst)
local bulkWait, bulkTat = 0, 0
local bulkInterval, bulkBurst
if #KEYS > 1 then
  bulkInterval, bulkBurst = tonumber(ARGV[3]), tonumber(ARGV[4])
  bulkWait, bulkTat = check(KEYS[2], bulkInterval, bulkBurst)
end
local wait = math.max(chatWait, bulkWait)
if wait > 0 then
  return math.ceil(wait)
end
store(KEYS[1], chatTat, chatInterval)
if #KEYS > 1 then
  store(KEYS[2], bulkTat, bulkInterval)
end
return 0
