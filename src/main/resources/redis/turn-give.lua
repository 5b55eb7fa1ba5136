-- Gives an account's turn back after handling an update, recording its number (if it is
-- the highest yet), but only if the caller still holds the turn (the fencing check: a
-- holder whose lease ran out must not overwrite the record of the one after it).
-- KEYS: 1 the turn, 2 the last update number handled
-- ARGV: 1 token, 2 update number (-1: none), 3 how long the record is kept, milliseconds
-- Returns 1 if the caller still held the turn, else 0.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return 0
end
local seq = tonumber(ARGV[2])
if seq >= 0 and seq > tonumber(redis.call('GET', KEYS[2]) or '-1') then
  redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
end
redis.call('DEL', KEYS[1])
return 1
