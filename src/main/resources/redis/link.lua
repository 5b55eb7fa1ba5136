-- Links a chat account to a roster entry, one to one, first wins: plain check-in, or
-- check-in with a one-time invite code. The code is burnt only if the link is made, so a
-- refused attempt (account already used elsewhere) leaves it for its owner.
-- KEYS: 1 links (person -> account), 2 accounts (account -> person),
--       3 invites (person -> code), 4 invite-of (code -> person)
-- ARGV: 1 account, 2 'person' or 'code', 3 the person id or the code
local account = ARGV[1]
local person = ARGV[3]
if ARGV[2] == 'code' then
  person = redis.call('HGET', KEYS[4], ARGV[3])
  if not person then
    return 'UNKNOWN_CODE'
  end
end
local linked = redis.call('HGET', KEYS[1], person)
if linked then
  if linked == account then
    return 'ALREADY_LINKED'
  end
  return 'ENTRY_TAKEN'
end
if redis.call('HEXISTS', KEYS[2], account) == 1 then
  return 'ACCOUNT_TAKEN'
end
redis.call('HSET', KEYS[1], person, account)
redis.call('HSET', KEYS[2], account, person)
if ARGV[2] == 'code' then
  redis.call('HDEL', KEYS[4], ARGV[3])
  redis.call('HDEL', KEYS[3], person)
end
return 'LINKED'
