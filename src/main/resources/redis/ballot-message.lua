-- Swaps the live ballot copy of one participant (a chat message id; never a choice).
-- KEYS: 1 ballot-msg hash (person id -> message id)
-- ARGV: 1 person id, 2 message id to record, or '' to record that no copy is live
-- Returns the message id recorded before, or nil.
local old = redis.call('HGET', KEYS[1], ARGV[1])
if ARGV[2] == '' then
  redis.call('HDEL', KEYS[1], ARGV[1])
else
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
end
return old
