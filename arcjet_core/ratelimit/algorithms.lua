-- The Lua twin of algorithms.py: same inputs, same integers out.
-- Lua 5.1 numbers are doubles; every value here is an integer below 2^53,
-- and floordiv corrects the one place a double division could round.
-- Each function returns new_state (nil = nothing to keep), flag, count,
-- reset_ms, ttl_ms.

local function floordiv(a, b)
  local q = math.floor(a / b)
  if q * b > a then
    q = q - 1
  elseif (q + 1) * b <= a then
    q = q + 1
  end
  return q
end

local function token_bucket(state, now, refill_rate, interval_ms, capacity, requested)
  local tokens, last
  if state == nil then
    tokens, last = capacity, now
  else
    tokens, last = state[1], state[2]
    if now < last then now = last end
    local refills = floordiv(now - last, interval_ms)
    if refills > 0 then
      tokens = math.min(capacity, tokens + refills * refill_rate)
      last = last + refills * interval_ms
    end
  end
  if tokens >= capacity then
    tokens, last = capacity, now
  end
  local allowed = requested <= tokens
  if allowed then tokens = tokens - requested end
  if tokens >= capacity then
    return nil, allowed, tokens, 0, 0
  end
  local reset_ms = last + interval_ms - now
  local refills_to_full = -floordiv(-(capacity - tokens), refill_rate)
  local ttl_ms = last + refills_to_full * interval_ms - now
  return {tokens, last}, allowed, tokens, reset_ms, ttl_ms
end

local function fixed_window(state, now, max, window_ms, requested)
  local index = floordiv(now, window_ms)
  local count = 0
  if state ~= nil then
    if state[1] > index then
      index, now = state[1], state[1] * window_ms
    end
    if state[1] == index then count = state[2] end
  end
  local allowed = count + requested <= max
  if allowed then count = count + requested end
  local reset_ms = (index + 1) * window_ms - now
  return {index, count}, allowed, math.max(0, max - count), reset_ms, reset_ms
end

local function sliding_window(state, now, max, interval_ms, requested)
  local index = floordiv(now, interval_ms)
  local current, previous = 0, 0
  if state ~= nil then
    if state[1] > index then
      index, now = state[1], state[1] * interval_ms
    end
    if state[1] == index then
      current, previous = state[2], state[3]
    elseif state[1] == index - 1 then
      previous = state[2]
    end
  end
  local elapsed = now - index * interval_ms
  local weighted_previous = previous * (interval_ms - elapsed)
  local allowed = weighted_previous + (current + requested) * interval_ms <= max * interval_ms
  if allowed then current = current + requested end
  local remaining = math.max(0, floordiv(max * interval_ms - weighted_previous - current * interval_ms, interval_ms))
  local reset_ms = interval_ms - elapsed
  return {index, current, previous}, allowed, remaining, reset_ms, reset_ms + interval_ms
end

local function suspicion(state, now, add, threshold, window_ms, block_ms)
  local score, expires, blocked_until = 0, 0, 0
  if state ~= nil then
    score, expires, blocked_until = state[1], state[2], state[3]
  end
  if blocked_until > now then
    local remaining = blocked_until - now
    return {score, expires, blocked_until}, true, score, remaining, remaining
  end
  if expires <= now then score = 0 end
  if add <= 0 then
    if score == 0 then return nil, false, 0, 0, 0 end
    return {score, expires, 0}, false, score, 0, expires - now
  end
  if score == 0 then expires = now + window_ms end
  score = score + add
  if score >= threshold then
    return {score, 0, now + block_ms}, true, score, block_ms, block_ms
  end
  return {score, expires, 0}, false, score, 0, expires - now
end

-- After a deny: ms until the same request would be allowed (algorithms.py's
-- *_retry_ms). state is what the denying step returned.
local function token_bucket_retry(state, now, refill_rate, interval_ms, capacity, requested)
  if state == nil or requested > capacity then return interval_ms end
  local tokens, last = state[1], state[2]
  if now < last then now = last end
  local refills = -floordiv(-(requested - tokens), refill_rate)
  return math.max(1, last + refills * interval_ms - now)
end

local function fixed_window_retry(state, now, max, window_ms, requested)
  local index = floordiv(now, window_ms)
  if state ~= nil and state[1] > index then index = state[1] end
  return math.max(1, (index + 1) * window_ms - math.max(now, index * window_ms))
end

local function sliding_window_retry(state, now, max, interval_ms, requested)
  if state == nil then return 1 end
  local index, current, previous = state[1], state[2], state[3]
  now = math.max(now, index * interval_ms)
  local elapsed = now - index * interval_ms
  local room = (max - current - requested) * interval_ms
  if room >= 0 then
    local fits_at = 0
    if previous > 0 then fits_at = interval_ms - floordiv(room, previous) end
    if fits_at < interval_ms then return math.max(1, fits_at - elapsed) end
  end
  local to_next = interval_ms - elapsed
  room = (max - requested) * interval_ms
  if room < 0 then return to_next + interval_ms end
  if current == 0 then return math.max(1, to_next) end
  local fits_at = interval_ms - floordiv(room, current)
  return math.max(1, to_next + math.max(0, math.min(interval_ms, fits_at)))
end

local retry_after = {
  t = token_bucket_retry,
  f = fixed_window_retry,
  s = sliding_window_retry,
}

local algorithms = {
  t = token_bucket,
  f = fixed_window,
  s = sliding_window,
  x = suspicion,
}
