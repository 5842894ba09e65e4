// The Lua scripts that make each step atomic in Redis. A session's keys are passed in the order of `SessionKeys`:
// record, lease, epoch, log, state (then the namespace index where needed). The lease holds `<node> <epoch>`.

/**
 * Claims a session for a node unless another node's lease holds it (a lease of the node named dead, whose liveness
 * key the caller found expired, does not count): increments the fencing epoch, takes the lease, creates the record
 * of a new session (or resets the connection count and last use of one taken over).
 * ARGV: node, lease ms, now, token, url, retention ms, id, token expiry ms or "", dead node or "".
 * Returns {0, holder node} or {1, epoch, 1 if the session existed}.
 */
export const CLAIM = `
local holder = redis.call('GET', KEYS[2])
if holder then
  local node = string.match(holder, '^(%S+)')
  if node ~= ARGV[1] and node ~= ARGV[9] then return {0, node} end
end
local epoch = redis.call('INCR', KEYS[3])
redis.call('SET', KEYS[2], ARGV[1] .. ' ' .. epoch, 'PX', ARGV[2])
local existed = redis.call('EXISTS', KEYS[1])
if existed == 0 then
  redis.call('DEL', KEYS[4], KEYS[5])
  redis.call('HSET', KEYS[1], 'token', ARGV[4], 'url', ARGV[5], 'createdAt', ARGV[3], 'lastAccessAt', ARGV[3], 'connectionCount', 0)
  if ARGV[8] ~= '' then redis.call('HSET', KEYS[1], 'tokenExpiresAt', ARGV[8]) end
else
  redis.call('HSET', KEYS[1], 'connectionCount', 0, 'lastAccessAt', ARGV[3])
end
redis.call('SADD', KEYS[6], ARGV[7])
redis.call('PEXPIRE', KEYS[1], ARGV[6])
for i = 3, 5 do redis.call('PEXPIRE', KEYS[i], ARGV[6]) end
return {1, epoch, existed}
`;

/**
 * A fenced write: runs only while the session's epoch is still the writer's. KEYS: epoch, target.
 * ARGV: epoch, op (xadd | hset | hdel), field or entry, value. Returns 1 (xadd: the entry's id), or 0 when fenced off.
 */
export const FENCED_WRITE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] == 'xadd' then
  return redis.call('XADD', KEYS[2], '*', 'p', ARGV[1], 'e', ARGV[3])
elseif ARGV[2] == 'hset' then
  redis.call('HSET', KEYS[2], ARGV[3], ARGV[4])
else
  redis.call('HDEL', KEYS[2], ARGV[3])
end
return 1
`;

/**
 * Saves a snapshot (record field "snapshot") and trims the log up to the entry it covers, both only while the
 * session's epoch is still the writer's. KEYS: epoch, record, log. ARGV: epoch, snapshot JSON, id of the last entry
 * it covers. Returns 1, or 0 when fenced off.
 */
export const SNAPSHOT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[2], 'snapshot', ARGV[2])
local ms, seq = string.match(ARGV[3], '^(%d+)-(%d+)$')
redis.call('XTRIM', KEYS[3], 'MINID', ms .. '-' .. (tonumber(seq) + 1))
return 1
`;

/**
 * Renews the leases of many sessions of one node: 5 keys per session (record, lease, epoch, log, state).
 * ARGV: node, lease ms, retention ms, then each session's epoch. Returns per session 1 (renewed, or re-taken after
 * it lapsed while nobody claimed it), 0 (another node claimed it) or 2 (its data is gone: Redis lost it).
 */
export const RENEW = `
local out = {}
for i = 0, #KEYS / 5 - 1 do
  local epoch = ARGV[4 + i]
  local mine = ARGV[1] .. ' ' .. epoch
  local holder = redis.call('GET', KEYS[i * 5 + 2])
  local current = redis.call('GET', KEYS[i * 5 + 3])
  if current == epoch and (holder == mine or not holder) then
    redis.call('SET', KEYS[i * 5 + 2], mine, 'PX', ARGV[2])
    for k = 1, 5 do
      if k ~= 2 then redis.call('PEXPIRE', KEYS[i * 5 + k], ARGV[3]) end
    end
    out[#out + 1] = 1
  elseif not current then
    out[#out + 1] = 2
  else
    out[#out + 1] = 0
  end
end
return out
`;

/**
 * Writes back a live session whose data Redis lost (restarted empty), unless another node claimed it meanwhile.
 * KEYS: the session's 5 keys and the index. ARGV: node, epoch, lease ms, retention ms, id, record JSON, state JSON,
 * then the logged entries. Returns 1, or 0 when another node got there first.
 */
export const RESEED = `
if redis.call('EXISTS', KEYS[3]) == 1 then return 0 end
redis.call('SET', KEYS[3], ARGV[2])
redis.call('SET', KEYS[2], ARGV[1] .. ' ' .. ARGV[2], 'PX', ARGV[3])
redis.call('DEL', KEYS[1], KEYS[4], KEYS[5])
for k, v in pairs(cjson.decode(ARGV[6])) do redis.call('HSET', KEYS[1], k, v) end
for k, v in pairs(cjson.decode(ARGV[7])) do redis.call('HSET', KEYS[5], k, v) end
for i = 8, #ARGV do redis.call('XADD', KEYS[4], '*', 'p', ARGV[2], 'e', ARGV[i]) end
redis.call('SADD', KEYS[6], ARGV[5])
for k = 1, 5 do
  if k ~= 2 then redis.call('PEXPIRE', KEYS[k], ARGV[4]) end
end
return 1
`;

/**
 * Gives a session up, if the epoch is still the node's: drops the lease (another node may resume it at once) and,
 * when the session is over, all its data. KEYS: the 5 keys and the index. ARGV: node, epoch, forget (1|0), id.
 */
export const RELEASE = `
if redis.call('GET', KEYS[3]) ~= ARGV[2] then return 0 end
if redis.call('GET', KEYS[2]) == ARGV[1] .. ' ' .. ARGV[2] then redis.call('DEL', KEYS[2]) end
if ARGV[3] == '1' then
  redis.call('DEL', KEYS[1], KEYS[3], KEYS[4], KEYS[5])
  redis.call('SREM', KEYS[6], ARGV[4])
else
  redis.call('HSET', KEYS[1], 'connectionCount', 0)
end
return 1
`;

/** Adds `ARGV[1]` (may be negative, never below 0) to the connection count of an existing record; ARGV[2]: now or "". */
export const COUNT_CONNECTION = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local count = tonumber(redis.call('HGET', KEYS[1], 'connectionCount') or '0') + tonumber(ARGV[1])
if count < 0 then count = 0 end
redis.call('HSET', KEYS[1], 'connectionCount', count)
if ARGV[2] ~= '' then redis.call('HSET', KEYS[1], 'lastAccessAt', ARGV[2]) end
return 1
`;

/** Creates a record unless it exists. KEYS: record, index. ARGV: id, then field/value pairs. Returns 1 or 0. */
export const CREATE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
redis.call('SADD', KEYS[2], ARGV[1])
return 1
`;

/**
 * Deletes a session's data only if it is unused at `now` (no connections, idle longer than the lifetime).
 * KEYS: the 5 keys and the index. ARGV: id, now, lifetime ms. Returns the record's fields, or an empty list.
 */
export const DELETE_IF_UNUSED = `
local fields = redis.call('HGETALL', KEYS[1])
if #fields == 0 then return {} end
local count = tonumber(redis.call('HGET', KEYS[1], 'connectionCount') or '0')
local last = tonumber(redis.call('HGET', KEYS[1], 'lastAccessAt') or '0')
if count > 0 or tonumber(ARGV[2]) - last <= tonumber(ARGV[3]) then return {} end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5])
redis.call('SREM', KEYS[6], ARGV[1])
return fields
`;
