-- Takes an account's turn (a lease) if nobody holds it.
-- KEYS: 1 the turn (holder's token, expires), 2 the last update number handled for the account
-- ARGV: 1 token, 2 lease in milliseconds
-- Returns the last update number handled (-1 if none) when taken, -2 when another holds it.
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return tonumber(redis.call('GET', KEYS[2]) or '-1')
end
return -2
