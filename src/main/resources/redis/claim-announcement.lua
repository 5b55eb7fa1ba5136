-- Claims announcing a closed vote's results, for a lease, so that one process announces them
-- whichever replica closes or whose deadline ticker fires first.
-- KEYS: 1 claim (holder's token, expires), 2 announced flag
-- ARGV: 1 holder's token, 2 lease in milliseconds
-- Returns 1 if the caller holds the claim now (taken, or already its own: renewed), else 0
-- (another holds it, or the results were announced already).
if redis.call('EXISTS', KEYS[2]) == 1 then
  return 0
end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return 1
end
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
