-- DRAFT -> OPEN with its audit line and the frozen definition, in one step.
-- KEYS: 1 state, 2 audit, 3 frozen definition
-- ARGV: 1 audit line, 2 the frozen definition (FrozenDefinition.encode)
local state = redis.call('GET', KEYS[1]) or 'DRAFT'
if state == 'OPEN' then
  return 'ALREADY'
end
if state ~= 'DRAFT' then
  return 'WRONG_STATE'
end
redis.call('SET', KEYS[1], 'OPEN')
redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('SET', KEYS[3], ARGV[2])
return 'DONE'
