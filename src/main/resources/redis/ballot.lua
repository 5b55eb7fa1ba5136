-- One ballot press, start to finish, in one round trip: who pressed, which copy, the guards,
-- then a compare-and-set of the draft, or the submit. The ballot logic ran in Java
-- (BallotMachine) on the draft the caller expected; this script checks that draft is still
-- the stored one and, if it is not, returns the stored one for the caller to try again.
--
-- KEYS: 1 state, 2 voted (person -> receipt), 3 accounts (account -> person),
--       4 ballot-msg (person -> ballot copy record), 5 drafts (set of person ids holding a
--       draft), 6 counts
-- ARGV: 1 'account' or 'person', 2 the account or the person id,
--       3 draft key prefix ("tn:{vote}:draft:"): the draft key is the prefix and the person
--         id; it shares the vote's hash tag, so it lives in the same slot as KEYS on a cluster,
--       4 pressed message id, or '' (no copy check, and nothing adopted),
--       5 action: 'M' write the moved draft, 'R' confirm a refusal, 'U' submit,
--       6 expected draft version (0 = no draft; '' = any: submit whatever is stored),
--       7 new version, 8 new value "<version>|<cursor>:<choices>", 9 ttl in milliseconds,
--       10 receipt ('U'), 11.. leader ids in ballot order ('U')
-- Returns, each with the person id second:
--   {'N'}                          the account is linked to nobody (nothing changed)
--   {'X', person}                  the pressed copy is not the live one (nothing changed)
--   {'S', person, state, draft}    the vote is not open
--   {'V', person, draft, receipt}  already voted; on 'U' no copy is live afterwards
--   {'C', person, draft, ms}       the stored draft is not the expected one: try again on it
--                                  (ms left to live, -2 if there is none)
--   {'OK', person}                 moved (and written), or the refusal stands
--   {'A', person, receipt}         counted
--   {'I', person}                  submit refused: the stored draft is missing a row
--
-- Counts are keyed by leader id, never by person, and the voted hash holds only the
-- receipt: after a submit nothing pairs the person with a choice. Not even by order: a small
-- hash keeps its fields in the order they were created (and so do RDB files, AOF rewrites
-- and replicas), so the first submit creates every count field, at zero, in a fixed order
-- (ballot order x H, M, L, B) before counting anything.
local person = ARGV[2]
if ARGV[1] == 'account' then
  person = redis.call('HGET', KEYS[3], ARGV[2])
  if not person then
    return {'N'}
  end
end

-- The copy check (BallotCopy.check): the live copy, a copy nobody recorded, or a stale one.
local pressed = ARGV[4]
local unrecorded = false
if pressed ~= '' then
  local record = redis.call('HGET', KEYS[4], person)
  if not record then
    unrecorded = true
  elseif string.sub(record, 1, 1) == '~' then
    unrecorded = true
    for id in string.gmatch(string.sub(record, 2), '%S+') do
      if id == pressed then
        unrecorded = false
      end
    end
    if not unrecorded then
      return {'X', person}
    end
  elseif record ~= pressed then
    return {'X', person}
  end
end

local draftKey = ARGV[3] .. person
local state = redis.call('GET', KEYS[1]) or 'DRAFT'
local current = redis.call('GET', draftKey)
if state ~= 'OPEN' then
  return {'S', person, state, current or ''}
end
local receipt = redis.call('HGET', KEYS[2], person)
if receipt then
  if ARGV[5] == 'U' then
    redis.call('HDEL', KEYS[4], person)
  end
  return {'V', person, current or '', receipt}
end

if ARGV[6] ~= '' then
  local version = 0
  if current then
    version = tonumber(string.match(current, '^(%d+)|'))
  end
  if version ~= tonumber(ARGV[6]) then
    return {'C', person, current or '', redis.call('PTTL', draftKey)}
  end
end

if ARGV[5] == 'R' then
  return {'OK', person}
end

if ARGV[5] == 'M' then
  -- An accepted event that changes nothing (a double tap) only needed the guards: no write,
  -- and the TTL keeps counting from the last real change.
  if ARGV[7] ~= ARGV[6] then
    redis.call('SET', draftKey, ARGV[8], 'PX', ARGV[9])
    redis.call('SADD', KEYS[5], person)
  end
  if unrecorded then
    redis.call('HSET', KEYS[4], person, pressed)
  end
  return {'OK', person}
end

-- 'U': submit the stored draft.
if not current then
  return {'I', person}
end
local choices = string.match(current, ':([HMLB%-]*)$')
local leaders = #ARGV - 10
-- Every row must hold H, M, L or B (blank counts as an invalid row, but it is a row).
if not choices or #choices ~= leaders or not string.match(choices, '^[HMLB]*$') then
  return {'I', person}
end
if redis.call('EXISTS', KEYS[6]) == 0 then
  local zeros = {}
  for i = 1, leaders do
    for _, level in ipairs({'H', 'M', 'L', 'B'}) do
      zeros[#zeros + 1] = ARGV[i + 10] .. ':' .. level
      zeros[#zeros + 1] = '0'
    end
  end
  redis.call('HSET', KEYS[6], unpack(zeros))
end
for i = 1, leaders do
  redis.call('HINCRBY', KEYS[6], ARGV[i + 10] .. ':' .. string.sub(choices, i, i), 1)
end
redis.call('HSET', KEYS[2], person, ARGV[10])
redis.call('DEL', draftKey)
redis.call('SREM', KEYS[5], person)
redis.call('HDEL', KEYS[4], person)
return {'A', person, ARGV[10]}
