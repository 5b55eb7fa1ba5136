-- Reads a participant's draft together with the guards press needs, so a cache miss
-- costs one round trip and a closed vote is reported as closed, not as a stale button.
-- KEYS: 1 state, 2 voted, 3 draft
-- ARGV: 1 person id
-- Returns {'S', state, draft} (not open), {'V', draft} (already voted) or
-- {'D', draft, ms}: the draft and its remaining time to live (-2 if there is none).
-- A missing draft is ''.
local state = redis.call('GET', KEYS[1]) or 'DRAFT'
local draft = redis.call('GET', KEYS[3]) or ''
if state ~= 'OPEN' then
  return {'S', state, draft}
end
if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then
  return {'V', draft}
end
return {'D', draft, redis.call('PTTL', KEYS[3])}
