-- DRAFT -> OPEN with its audit line, in one step.
-- KEYS: 1 state, 2 audit
-- ARGV: 1 audit line
local state = redis.call('GET', KEYS[1]) or 'DRAFT'
if state == 'OPEN' then
  return 'ALREADY'
end
if state ~= 'DRAFT' then
  return 'WRONG_STATE'
end
redis.call('SET', KEYS[1], 'OPEN')
redis.call('RPUSH', KEYS[2], ARGV[1])
return 'DONE'
