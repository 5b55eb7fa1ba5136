-- One more wrong invite code from an account: counts it, opening a window on the first.
-- KEYS: 1 the account's count
-- ARGV: 1 window in milliseconds
local n = redis.call('INCR', KEYS[1])
if n == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return n
