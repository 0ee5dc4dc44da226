import { createHash } from 'node:crypto';

/** A Lua script and its SHA-1 (what `EVALSHA` names it by). */
export interface LuaScript {
  readonly name: string;
  readonly source: string;
  readonly sha1: string;
}

function script(name: string, source: string): LuaScript {
  return { name, source, sha1: createHash('sha1').update(source).digest('hex') };
}

/** Value of a committed key. A reservation's value is its owner's token, `r:<owner>:<n>`. */
export const COMMITTED = 'c';

/**
 * Claims a batch of deliveries' keys at once. KEYS: every claim's keys, concatenated. ARGV[1]: the reservation
 * token, ARGV[2]: the reservation TTL in ms, ARGV[3..]: how many keys each claim has. Answers two integers per
 * claim: (0, 0) all its keys reserved (`SET NX PX`); (1, i) its i-th key (1-based) is committed; (2, i) its i-th
 * key is reserved by someone. A claim reserves all of its keys or none; a committed key wins over a reserved one.
 */
export const CLAIM_SCRIPT = script(
  'claim',
  `local token = ARGV[1]
local ttl = ARGV[2]
local out = {}
local k = 1
for g = 3, #ARGV do
  local n = tonumber(ARGV[g])
  local committed = 0
  local busy = 0
  for i = 0, n - 1 do
    local v = redis.call('GET', KEYS[k + i])
    if v == '${COMMITTED}' then
      committed = i + 1
      break
    end
    if v and busy == 0 then busy = i + 1 end
  end
  if committed > 0 then
    out[#out + 1] = 1
    out[#out + 1] = committed
  elseif busy > 0 then
    out[#out + 1] = 2
    out[#out + 1] = busy
  else
    for i = 0, n - 1 do redis.call('SET', KEYS[k + i], token, 'NX', 'PX', ttl) end
    out[#out + 1] = 0
    out[#out + 1] = 0
  end
  k = k + n
end
return out`,
);

/**
 * Commits keys (compare-and-set). KEYS: the keys; ARGV[1]: the TTL in ms; ARGV[1 + i]: the token key i was
 * reserved with ('' when unknown). A key holding that token, nothing (the reservation expired unclaimed) or the
 * committed mark becomes committed for the TTL; a key reserved by another token is left alone. Answers 1
 * (committed) or 0 (refused) per key.
 */
export const COMMIT_SCRIPT = script(
  'commit',
  `local ttl = ARGV[1]
local out = {}
for i = 1, #KEYS do
  local v = redis.call('GET', KEYS[i])
  if v == false or v == '${COMMITTED}' or v == ARGV[i + 1] then
    redis.call('SET', KEYS[i], '${COMMITTED}', 'PX', ttl)
    out[i] = 1
  else
    out[i] = 0
  end
end
return out`,
);

/**
 * Releases reservations (compare-and-delete). KEYS: the keys; ARGV[i]: the token key i was reserved with. Only a
 * key still holding that token is deleted. Answers how many were.
 */
export const RELEASE_SCRIPT = script(
  'release',
  `local n = 0
for i = 1, #KEYS do
  if redis.call('GET', KEYS[i]) == ARGV[i] then
    redis.call('DEL', KEYS[i])
    n = n + 1
  end
end
return n`,
);
