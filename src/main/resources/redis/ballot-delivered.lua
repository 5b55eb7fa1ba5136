-- The platform accepted a ballot copy (VoteStore.recordBallotCopy): it becomes the live copy of
-- the account's participant, unless they have voted or the vote is not open meanwhile. A chat
-- message id only; never a choice.
-- KEYS: 1 accounts (account -> person), 2 voted (person -> receipt), 3 state,
--       4 ballot-msg (person -> ballot copy record)
-- ARGV: 1 account, 2 the copy's message id
-- Returns:
--   {'N'}              the account is linked to nobody (nothing changed)
--   {'V'}              the participant has voted (nothing changed)
--   {'S', state}       the vote is not open (nothing changed)
--   {'OK', replaced}   recorded live; replaced is the record it replaced, or ''
local person = redis.call('HGET', KEYS[1], ARGV[1])
if not person then
  return {'N'}
end
if redis.call('HEXISTS', KEYS[2], person) == 1 then
  return {'V'}
end
local state = redis.call('GET', KEYS[3]) or 'DRAFT'
if state ~= 'OPEN' then
  return {'S', state}
end
local replaced = redis.call('HGET', KEYS[4], person) or ''
redis.call('HSET', KEYS[4], person, ARGV[2])
return {'OK', replaced}
