-- OPEN -> CLOSED: stop voting, delete every draft, put who voted in sorted order, append
-- the audit line, in one step.
-- KEYS: 1 state, 2 drafts (set of person ids), 3 audit, 4-6 hashes to sort (voted, links,
--       accounts), 7.. the draft key of each person in the drafts set, as the caller read it
-- ARGV: 1 audit line, 2 draft key prefix ("tn:{vote}:draft:")
-- Every key is passed in KEYS, as a Redis Cluster needs. A draft made since the caller read
-- the set would not be: then nothing changes and 'RETRY' asks the caller to read it again.
--
-- Why sort: a small hash keeps its fields in the order they were added, and RDB files,
-- AOF rewrites and replicas copy that order. The voted hash would list participants in
-- the order they submitted (and links and accounts in the order they checked in, which
-- often follows it). Rewritten here, before the bot rewrites the append-only file, each
-- holds its fields in byte order of the field, which tells nothing about time.
local function sortHash(key)
  local flat = redis.call('HGETALL', key)
  if #flat == 0 then
    return
  end
  local fields = {}
  local values = {}
  for i = 1, #flat, 2 do
    fields[#fields + 1] = flat[i]
    values[flat[i]] = flat[i + 1]
  end
  table.sort(fields)
  redis.call('DEL', key)
  -- In slices: unpack has a limit of a few thousand values.
  local args = {}
  for _, field in ipairs(fields) do
    args[#args + 1] = field
    args[#args + 1] = values[field]
    if #args >= 1000 then
      redis.call('HSET', key, unpack(args))
      args = {}
    end
  end
  if #args > 0 then
    redis.call('HSET', key, unpack(args))
  end
end

local state = redis.call('GET', KEYS[1]) or 'DRAFT'
if state == 'CLOSED' then
  return 'ALREADY'
end
if state ~= 'OPEN' then
  return 'WRONG_STATE'
end
local given = {}
for i = 7, #KEYS do
  given[KEYS[i]] = true
end
for _, person in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  if not given[ARGV[2] .. person] then
    return 'RETRY'
  end
end
redis.call('SET', KEYS[1], 'CLOSED')
for i = 7, #KEYS do
  redis.call('DEL', KEYS[i])
end
redis.call('DEL', KEYS[2])
for i = 4, 6 do
  sortHash(KEYS[i])
end
redis.call('RPUSH', KEYS[3], ARGV[1])
return 'DONE'
