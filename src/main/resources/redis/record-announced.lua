-- Records that a vote's results went out: sets the announced flag and appends the audit
-- line, unless they were announced already or another process holds the claim (the caller's
-- lease ran out and another took over: that one announces, the caller drops its messages).
-- KEYS: 1 claim, 2 announced flag, 3 audit
-- ARGV: 1 holder's token, 2 audit line
-- Returns 1 if recorded (the caller sends its announcement), else 0.
if redis.call('EXISTS', KEYS[2]) == 1 then
  return 0
end
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then
  return 0
end
redis.call('SET', KEYS[2], '1')
redis.call('RPUSH', KEYS[3], ARGV[2])
redis.call('DEL', KEYS[1])
return 1
