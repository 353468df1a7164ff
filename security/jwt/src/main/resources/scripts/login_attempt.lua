-- Counts one login attempt against an account and against an address, atomically, in fixed
-- windows. Counting before the password is checked (not only failures, after it) is what makes
-- the limit hold under concurrency: 50 parallel guesses cannot all pass a "fewer than 5 so far"
-- check before the first failure is recorded.
-- KEYS[1]: the account's counter, KEYS[2]: the address's counter
-- ARGV[1]: window in milliseconds, ARGV[2]: account limit, ARGV[3]: address limit
-- Returns {admitted (1/0), milliseconds until the blocking window ends (0 when admitted)}.
local window = tonumber(ARGV[1])
local limits = { tonumber(ARGV[2]), tonumber(ARGV[3]) }
local retry = 0
for i = 1, 2 do
  local count = redis.call('INCR', KEYS[i])
  if count == 1 then
    redis.call('PEXPIRE', KEYS[i], window)
  end
  if count > limits[i] then
    retry = math.max(retry, redis.call('PTTL', KEYS[i]))
  end
end
if retry > 0 then
  return { 0, retry }
end
return { 1, 0 }
