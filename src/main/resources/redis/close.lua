-- OPEN -> CLOSED: stop voting, delete every draft, append the audit line, in one step.
-- KEYS: 1 state, 2 drafts (set of person ids), 3 audit
-- ARGV: 1 audit line, 2 draft key prefix ("tn:{vote}:draft:")
-- The draft keys are built here from the set; they share the vote's hash tag, so they
-- live in the same slot as KEYS even on a cluster.
local state = redis.call('GET', KEYS[1]) or 'DRAFT'
if state == 'CLOSED' then
  return 'ALREADY'
end
if state ~= 'OPEN' then
  return 'WRONG_STATE'
end
redis.call('SET', KEYS[1], 'CLOSED')
for _, person in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  redis.call('DEL', ARGV[2] .. person)
end
redis.call('DEL', KEYS[2])
redis.call('RPUSH', KEYS[3], ARGV[1])
return 'DONE'
