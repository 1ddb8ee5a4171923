-- One call evaluates every op of one request (appended to algorithms.lua).
-- KEYS[i] is op i's storage key; ARGV holds 5 values per op:
-- kind ("t" token bucket, "f" fixed window, "s" sliding window,
-- "x" suspicion) and its four integer arguments in algorithms.lua order.
-- Returns 3 integers per op: flag (1/0), count, milliseconds.
--
-- This runs on every request, so it is kept lean: three redis.call per op
-- at most (TIME once, GET, SET or DEL), state parsed by one string.match and
-- written by one string.format, no helper tables beyond the algorithm's own.
-- A stored value is "a:b" or "a:b:c" (integers), the format of every
-- earlier version, so state survives an upgrade.

-- Time comes from the server so every client of one Redis agrees on it.
-- Needed before Redis 5 to allow writes after TIME; a no-op since.
if redis.replicate_commands then redis.replicate_commands() end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)

local match, format = string.match, string.format
local out, n = {}, 0
for i = 1, #KEYS do
  local base = (i - 1) * 5
  local key = KEYS[i]
  local stored = redis.call('GET', key)
  local state = nil
  if stored then
    local a, b, c = match(stored, '^(%-?%d+):(%-?%d+):?(%-?%d*)$')
    if a then  -- anything unparsable counts as no state
      state = {tonumber(a), tonumber(b), tonumber(c)}  -- tonumber('') is nil: two fields
    end
  end
  local new, flag, count, ms, ttl = algorithms[ARGV[base + 1]](
    state, now,
    tonumber(ARGV[base + 2]), tonumber(ARGV[base + 3]),
    tonumber(ARGV[base + 4]), tonumber(ARGV[base + 5]))
  if new == nil or ttl <= 0 then
    if stored then redis.call('DEL', key) end
  elseif new[3] then
    redis.call('SET', key, format('%d:%d:%d', new[1], new[2], new[3]), 'PX', ttl)
  else
    redis.call('SET', key, format('%d:%d', new[1], new[2]), 'PX', ttl)
  end
  out[n + 1] = flag and 1 or 0
  out[n + 2] = count
  out[n + 3] = ms
  n = n + 3
end
return out
