-- One call evaluates every op of one request (appended to algorithms.lua).
-- KEYS[i] is op i's storage key; ARGV holds 5 values per op:
-- kind ("t" token bucket, "f" fixed window, "s" sliding window,
-- "x" suspicion) and its four integer arguments in algorithms.lua order.
-- Returns one string of 4 integers per op, space-separated: flag (1/0),
-- count, milliseconds, and for a denied limit the milliseconds until that
-- request would be allowed (else 0). One string rather than an array: Redis
-- builds and the client parses one value instead of four per op.
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
local out = {}
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
  local kind = ARGV[base + 1]
  local a1, a2, a3, a4 = tonumber(ARGV[base + 2]), tonumber(ARGV[base + 3]),
    tonumber(ARGV[base + 4]), tonumber(ARGV[base + 5])
  local new, flag, count, ms, ttl = algorithms[kind](state, now, a1, a2, a3, a4)
  if new == nil or ttl <= 0 then
    if stored then redis.call('DEL', key) end
  elseif new[3] then
    redis.call('SET', key, format('%d:%d:%d', new[1], new[2], new[3]), 'PX', ttl)
  else
    redis.call('SET', key, format('%d:%d', new[1], new[2]), 'PX', ttl)
  end
  -- A denied limit's retry-after (what the DENY cache keeps it for); 0 otherwise.
  local retry = 0
  if not flag and retry_after[kind] then retry = retry_after[kind](new, now, a1, a2, a3, a4) end
  out[i] = format('%d %d %d %d', flag and 1 or 0, count, ms, retry)
end
if #KEYS == 1 then return out[1] end
return table.concat(out, ' ')
