-- Submit, atomically: count the stored draft, mark the participant as voted, delete the
-- draft. Counts are keyed by leader id, never by person, and the voted hash holds only
-- the receipt: after this script nothing pairs the person with a choice.
-- Not even by order: a small hash keeps its fields in the order they were created (and so
-- do RDB files, AOF rewrites and replicas), so a count field created by the first ballot
-- that chose it would tell the first voter's ballot. The first submit creates every field,
-- at zero, in a fixed order (ballot order x H, M, L, B) before counting anything.
-- KEYS: 1 state, 2 voted, 3 draft, 4 drafts, 5 counts
-- ARGV: 1 person id, 2 receipt, 3.. leader ids in ballot order
-- Returns {'S', state}, {'V', receipt}, {'I'} (incomplete) or {'A', receipt}.
local state = redis.call('GET', KEYS[1]) or 'DRAFT'
if state ~= 'OPEN' then
  return {'S', state}
end
local receipt = redis.call('HGET', KEYS[2], ARGV[1])
if receipt then
  return {'V', receipt}
end
local draft = redis.call('GET', KEYS[3])
if not draft then
  return {'I'}
end
local choices = string.match(draft, ':([HMLB%-]*)$')
local leaders = #ARGV - 2
-- Every row must hold H, M, L or B (blank counts as an invalid row, but it is a row).
if not choices or #choices ~= leaders or not string.match(choices, '^[HMLB]*$') then
  return {'I'}
end
if redis.call('EXISTS', KEYS[5]) == 0 then
  local zeros = {}
  for i = 1, leaders do
    for _, level in ipairs({'H', 'M', 'L', 'B'}) do
      zeros[#zeros + 1] = ARGV[i + 2] .. ':' .. level
      zeros[#zeros + 1] = '0'
    end
  end
  redis.call('HSET', KEYS[5], unpack(zeros))
end
for i = 1, leaders do
  redis.call('HINCRBY', KEYS[5], ARGV[i + 2] .. ':' .. string.sub(choices, i, i), 1)
end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('DEL', KEYS[3])
redis.call('SREM', KEYS[4], ARGV[1])
return {'A', ARGV[2]}
