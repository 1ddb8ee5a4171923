-- One call evaluates every op of one request (appended to algorithms.lua).
-- KEYS[i] is op i's storage key; ARGV holds 5 values per op:
-- kind ("t" token bucket, "f" fixed window, "s" sliding window,
-- "x" suspicion) and its four integer arguments in algorithms.lua order.
-- Returns 3 integers per op: flag (1/0), count, milliseconds.

-- Time comes from the server so every client of one Redis agrees on it.
-- Needed before Redis 5 to allow writes after TIME; a no-op since.
if redis.replicate_commands then redis.replicate_commands() end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)

local function decode(value)
  if not value then return nil end
  local state = {}
  for n in string.gmatch(value, '%-?%d+') do
    state[#state + 1] = tonumber(n)
  end
  return state
end

local function encode(state)
  local parts = {}
  for i = 1, #state do
    parts[i] = string.format('%d', state[i])
  end
  return table.concat(parts, ':')
end

local out = {}
for i = 1, #KEYS do
  local base = (i - 1) * 5
  local step = algorithms[ARGV[base + 1]]
  local key = KEYS[i]
  local stored = redis.call('GET', key)
  local state, flag, count, ms, ttl = step(
    decode(stored), now,
    tonumber(ARGV[base + 2]), tonumber(ARGV[base + 3]),
    tonumber(ARGV[base + 4]), tonumber(ARGV[base + 5]))
  if state == nil or ttl <= 0 then
    if stored then redis.call('DEL', key) end
  else
    redis.call('SET', key, encode(state), 'PX', ttl)
  end
  out[#out + 1] = flag and 1 or 0
  out[#out + 1] = count
  out[#out + 1] = ms
end
return out
