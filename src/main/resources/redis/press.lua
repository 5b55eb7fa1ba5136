-- Compare-and-set of one draft. The ballot logic ran in Java (BallotMachine); this
-- script only applies the guards and writes if nobody changed the draft meanwhile.
-- KEYS: 1 state, 2 voted, 3 draft, 4 drafts (set of person ids holding a draft)
-- ARGV: 1 person id, 2 expected version (0 = no draft), 3 new version,
--       4 new value "<version>|<cursor>:<choices>", 5 ttl in milliseconds
-- Returns {'OK'}, {'S', state, draft} (not open), {'V', draft} (already voted)
-- or {'C', draft, ms} (version conflict: the caller retries on the returned draft, which
-- has ms milliseconds left to live, -2 if there is none).
local state = redis.call('GET', KEYS[1]) or 'DRAFT'
local current = redis.call('GET', KEYS[3])
if state ~= 'OPEN' then
  return {'S', state, current or ''}
end
if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then
  return {'V', current or ''}
end
local version = 0
if current then
  version = tonumber(string.match(current, '^(%d+)|'))
end
if version ~= tonumber(ARGV[2]) then
  return {'C', current or '', redis.call('PTTL', KEYS[3])}
end
-- An accepted event that changes nothing (a double tap, the Submit button) only needed
-- the guards above: no write, and the TTL keeps counting from the last real change.
if ARGV[3] ~= ARGV[2] then
  redis.call('SET', KEYS[3], ARGV[4], 'PX', ARGV[5])
  redis.call('SADD', KEYS[4], ARGV[1])
end
return {'OK'}
