-- Gives each person a proposed invite code unless they already hold one (or the code is
-- taken), then returns every unused code.
-- KEYS: 1 invites (person -> code), 2 invite-of (code -> person)
-- ARGV: person id, code, person id, code, ...
for i = 1, #ARGV, 2 do
  local person, code = ARGV[i], ARGV[i + 1]
  if redis.call('HEXISTS', KEYS[1], person) == 0 and redis.call('HEXISTS', KEYS[2], code) == 0 then
    redis.call('HSET', KEYS[1], person, code)
    redis.call('HSET', KEYS[2], code, person)
  end
end
return redis.call('HGETALL', KEYS[1])
