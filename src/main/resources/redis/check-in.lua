-- A /start, from the account to the reply, in one round trip (VoteStore.arrive): the roster
-- entry the account is linked to, or else the link to the given entry (as link.lua makes it),
-- then where the vote stands for the participant: the state, their receipt if they have voted,
-- else their draft and, for a fresh ballot copy, the copy record reserved (BallotCopy.reserve).
--
-- KEYS: 1 links (person -> account), 2 accounts (account -> person), 3 state,
--       4 voted (person -> receipt), 5 ballot-msg (person -> ballot copy record)
-- ARGV: 1 account, 2 the person id to link if the account is linked to nobody, or '',
--       3 draft key prefix ("tn:{vote}:draft:"): the draft key is the prefix and the person
--         id; it shares the vote's hash tag, so it lives in the same slot as KEYS on a cluster,
--       4 '1' to reserve the record for a fresh ballot copy, or '',
--       5 how many retired copy ids a record keeps (BallotCopy.KEEP_RETIRED)
-- Returns:
--   {'N'}                        the account is linked to nobody and no person was given
--   {'R', outcome}               the link was refused: ENTRY_TAKEN (nothing changed)
--   {'W', person, link, state, receipt, draft, replaced}
--                                a participant: link is LINKED, ALREADY_LINKED or '' (found
--                                linked); receipt, draft and replaced are '' when there is none
--                                (the draft and the copy only on an open vote, before voting)
local account = ARGV[1]
local person = redis.call('HGET', KEYS[2], account)
local link = ''
if not person then
  person = ARGV[2]
  if person == '' then
    return {'N'}
  end
  local linked = redis.call('HGET', KEYS[1], person)
  if linked then
    if linked ~= account then
      return {'R', 'ENTRY_TAKEN'}
    end
    link = 'ALREADY_LINKED'
  else
    -- The account is linked to nobody (read above): the link is made.
    redis.call('HSET', KEYS[1], person, account)
    redis.call('HSET', KEYS[2], account, person)
    link = 'LINKED'
  end
end

local state = redis.call('GET', KEYS[3]) or 'DRAFT'
if state ~= 'OPEN' then
  return {'W', person, link, state, '', '', ''}
end
local receipt = redis.call('HGET', KEYS[4], person)
if receipt then
  return {'W', person, link, state, receipt, '', ''}
end
local draft = redis.call('GET', ARGV[3] .. person) or ''
local replaced = ''
if ARGV[4] == '1' then
  replaced = redis.call('HGET', KEYS[5], person) or ''
  local retired = {}
  if replaced ~= '' and string.sub(replaced, 1, 1) ~= '~' then
    retired[1] = replaced
  else
    local keep = tonumber(ARGV[5])
    for id in string.gmatch(string.sub(replaced, 2), '%S+') do
      if #retired < keep then
        retired[#retired + 1] = id
      end
    end
  end
  redis.call('HSET', KEYS[5], person, '~' .. table.concat(retired, ' '))
end
return {'W', person, link, state, '', draft, replaced}
