-- The Redis peer's scripts, one per operation type, each run atomically by EVALSHA.
-- A position is a hash {on_hand, held, committed} at key "p:<sku>@<location>"; a reservation is a list at key
-- "r:<id>": its state (H held, C committed, X closed) and then position key, quantity, position key, quantity...
-- Scripts are separated by lines holding only "--;" and named by their first comment line.
-- reserve: KEYS = reservation, positions...; ARGV = quantities. All lines or none.
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
for i = 2, #KEYS do
  local s = redis.call('HMGET', KEYS[i], 'on_hand', 'held', 'committed')
  if tonumber(s[1]) - tonumber(s[2]) - tonumber(s[3]) < tonumber(ARGV[i - 1]) then return 0 end
end
local entry = {'H'}
for i = 2, #KEYS do
  redis.call('HINCRBY', KEYS[i], 'held', ARGV[i - 1])
  entry[#entry + 1] = KEYS[i]
  entry[#entry + 1] = ARGV[i - 1]
end
redis.call('RPUSH', KEYS[1], unpack(entry))
return 1
--;
-- confirm: KEYS = reservation. Held units become committed.
local r = redis.call('LRANGE', KEYS[1], 0, -1)
if r[1] ~= 'H' then return 0 end
for i = 2, #r, 2 do
  redis.call('HINCRBY', r[i], 'held', -tonumber(r[i + 1]))
  redis.call('HINCRBY', r[i], 'committed', r[i + 1])
end
redis.call('LSET', KEYS[1], 0, 'C')
return 1
--;
-- fulfil: KEYS = reservation. Committed units leave; rejected if a line's position has less on hand.
local r = redis.call('LRANGE', KEYS[1], 0, -1)
if r[1] ~= 'C' then return 0 end
for i = 2, #r, 2 do
  if tonumber(redis.call('HGET', r[i], 'on_hand')) < tonumber(r[i + 1]) then return 0 end
end
for i = 2, #r, 2 do
  redis.call('HINCRBY', r[i], 'on_hand', -tonumber(r[i + 1]))
  redis.call('HINCRBY', r[i], 'committed', -tonumber(r[i + 1]))
end
redis.call('LSET', KEYS[1], 0, 'X')
return 1
--;
-- release: KEYS = reservation. Held or committed units become available.
local r = redis.call('LRANGE', KEYS[1], 0, -1)
local field
if r[1] == 'H' then field = 'held' elseif r[1] == 'C' then field = 'committed' else return 0 end
for i = 2, #r, 2 do
  redis.call('HINCRBY', r[i], field, -tonumber(r[i + 1]))
end
redis.call('LSET', KEYS[1], 0, 'X')
return 1
--;
-- sell: KEYS = position; ARGV = quantity. On hand drops, even below what is held; never below zero.
if tonumber(redis.call('HGET', KEYS[1], 'on_hand')) < tonumber(ARGV[1]) then return 0 end
redis.call('HINCRBY', KEYS[1], 'on_hand', -tonumber(ARGV[1]))
return 1
--;
-- add: KEYS = position; ARGV = quantity. A receipt or a restocked return.
redis.call('HINCRBY', KEYS[1], 'on_hand', ARGV[1])
return 1
