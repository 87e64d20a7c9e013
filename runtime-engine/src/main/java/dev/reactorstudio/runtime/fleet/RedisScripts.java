package dev.reactorstudio.runtime.fleet;

/**
 * The Lua scripts that make each {@link RedisFleetState} operation atomic across coordinators.
 * Keys are built from the prefix in {@code ARGV[1]}: a standalone (or Sentinel-managed) Redis,
 * not Redis Cluster. Layout under the prefix: {@code sess:ID} and {@code rt:ID} hashes,
 * {@code queue:MODEL} (sorted set scored by arrival), {@code idle:MODEL} (list of idle runtimes,
 * longest idle served first), {@code polls} and {@code heartbeats} (sorted sets of last contact),
 * {@code models}, {@code runtimes} (sets) and {@code seq} (arrival counter).
 */
final class RedisScripts {
    private RedisScripts() {
    }

    /** Closed sessions and lost runtimes stay readable this long, so late polls learn what happened. */
    static final long KEEP_MS = 600_000;

    private static final String CLOSE_FUNCTION = """
            local function close_session(p, sid, reason, now)
              local s = p .. 'sess:' .. sid
              local st = redis.call('HGET', s, 'state')
              if (not st) or st == 'CLOSED' then return false end
              local model = redis.call('HGET', s, 'model')
              redis.call('ZREM', p .. 'queue:' .. model, sid)
              redis.call('ZREM', p .. 'polls', sid)
              redis.call('HSET', s, 'state', 'CLOSED', 'reason', reason, 'caps', '', 'closed', now)
              redis.call('PEXPIRE', s, %d)
              return st
            end
            """.formatted(KEEP_MS);

    static final String ENQUEUE = """
            local p, sid, model = ARGV[1], ARGV[2], ARGV[3]
            local seq = redis.call('INCR', p .. 'seq')
            redis.call('HSET', p .. 'sess:' .. sid, 'model', model, 'sub', ARGV[4], 'state', 'WAITING',
              'created', ARGV[5], 'seq', seq, 'runtime', '', 'rsid', '', 'caps', '', 'reason', '')
            redis.call('ZADD', p .. 'queue:' .. model, seq, sid)
            redis.call('ZADD', p .. 'polls', ARGV[5], sid)
            redis.call('SADD', p .. 'models', model)
            return redis.call('ZRANK', p .. 'queue:' .. model, sid) + 1
            """;

    /**
     * A client's poll in one round trip: the session's fields followed by {@code '_position', N};
     * a waiting session of the polling subject (ARGV[3]) is touched. False when unknown.
     */
    static final String POLL = """
            local p, sid = ARGV[1], ARGV[2]
            local s = p .. 'sess:' .. sid
            local h = redis.call('HGETALL', s)
            if #h == 0 then return false end
            local position = 0
            if redis.call('HGET', s, 'state') == 'WAITING' then
              if redis.call('HGET', s, 'sub') == ARGV[3] then redis.call('ZADD', p .. 'polls', 'XX', ARGV[4], sid) end
              local rank = redis.call('ZRANK', p .. 'queue:' .. redis.call('HGET', s, 'model'), sid)
              if rank then position = rank + 1 end
            end
            table.insert(h, '_position')
            table.insert(h, tostring(position))
            return h
            """;

    static final String ASSIGN = """
            local p, model = ARGV[1], ARGV[2]
            local q, idle = p .. 'queue:' .. model, p .. 'idle:' .. model
            if redis.call('ZCARD', q) == 0 then return false end
            while true do
              local rid = redis.call('RPOP', idle)
              if not rid then return false end
              local r = p .. 'rt:' .. rid
              if redis.call('HGET', r, 'state') == 'idle' then
                local sid = redis.call('ZPOPMIN', q)[1]
                local s = p .. 'sess:' .. sid
                redis.call('ZREM', p .. 'polls', sid)
                redis.call('HSET', s, 'state', 'ASSIGNING', 'runtime', rid)
                redis.call('HSET', r, 'state', 'busy', 'session', sid)
                return {sid, rid, redis.call('HGET', r, 'url'), redis.call('HGET', s, 'created')}
              end
            end
            """;

    static final String ACTIVATE = """
            local s = ARGV[1] .. 'sess:' .. ARGV[2]
            if redis.call('HGET', s, 'state') ~= 'ASSIGNING' or redis.call('HGET', s, 'runtime') ~= ARGV[3] then return 0 end
            redis.call('HSET', s, 'state', 'ACTIVE', 'rsid', ARGV[4], 'caps', ARGV[5])
            return 1
            """;

    static final String REQUEUE = """
            local p, sid = ARGV[1], ARGV[2]
            local s = p .. 'sess:' .. sid
            if redis.call('HGET', s, 'state') ~= 'ASSIGNING' then return 0 end
            redis.call('HSET', s, 'state', 'WAITING', 'runtime', '')
            redis.call('ZADD', p .. 'queue:' .. redis.call('HGET', s, 'model'), redis.call('HGET', s, 'seq'), sid)
            redis.call('ZADD', p .. 'polls', ARGV[3], sid)
            return 1
            """;

    static final String CLOSE = CLOSE_FUNCTION + """
            local before = redis.call('HGETALL', ARGV[1] .. 'sess:' .. ARGV[2])
            if close_session(ARGV[1], ARGV[2], ARGV[3], ARGV[4]) then return before end
            return false
            """;

    static final String FREE = """
            local p, rid = ARGV[1], ARGV[2]
            local r = p .. 'rt:' .. rid
            if redis.call('HGET', r, 'state') ~= 'busy' or redis.call('HGET', r, 'session') ~= ARGV[3] then return 0 end
            redis.call('HSET', r, 'state', 'idle', 'session', '')
            local idle = p .. 'idle:' .. redis.call('HGET', r, 'model')
            redis.call('LREM', idle, 0, rid)
            redis.call('LPUSH', idle, rid)
            return 1
            """;

    static final String REGISTER = CLOSE_FUNCTION + """
            local p, rid, now = ARGV[1], ARGV[2], ARGV[6]
            local r = p .. 'rt:' .. rid
            local closed = false
            local old = redis.call('HGET', r, 'session')
            if old and old ~= '' and close_session(p, old, 'the runtime restarted', now) then closed = old end
            local oldModel = redis.call('HGET', r, 'model')
            if oldModel then redis.call('LREM', p .. 'idle:' .. oldModel, 0, rid) end
            redis.call('HSET', r, 'model', ARGV[3], 'version', ARGV[4], 'url', ARGV[5], 'state', 'idle', 'session', '', 'hb', now)
            redis.call('PERSIST', r)
            redis.call('SADD', p .. 'runtimes', rid)
            redis.call('ZADD', p .. 'heartbeats', now, rid)
            redis.call('LPUSH', p .. 'idle:' .. ARGV[3], rid)
            return closed
            """;

    static final String HEARTBEAT = """
            local p, rid = ARGV[1], ARGV[2]
            local r = p .. 'rt:' .. rid
            local st = redis.call('HGET', r, 'state')
            if (not st) or st == 'lost' then return false end
            redis.call('HSET', r, 'hb', ARGV[3])
            redis.call('ZADD', p .. 'heartbeats', ARGV[3], rid)
            return redis.call('HGETALL', r)
            """;

    /** ARGV[4] = '1' removes the runtime (it left on purpose), else it stays listed as lost for a while. */
    static final String RETIRE = CLOSE_FUNCTION + """
            local p, rid, now = ARGV[1], ARGV[2], ARGV[3]
            local r = p .. 'rt:' .. rid
            local st = redis.call('HGET', r, 'state')
            if (not st) or (st == 'lost' and ARGV[4] ~= '1') then return false end
            local served = false
            local sid = redis.call('HGET', r, 'session')
            local reason = ARGV[4] == '1' and 'the runtime left the fleet' or 'the runtime was lost (no heartbeat)'
            if sid and sid ~= '' and close_session(p, sid, reason, now) then served = sid end
            redis.call('LREM', p .. 'idle:' .. redis.call('HGET', r, 'model'), 0, rid)
            redis.call('ZREM', p .. 'heartbeats', rid)
            if ARGV[4] == '1' then
              redis.call('DEL', r)
              redis.call('SREM', p .. 'runtimes', rid)
            else
              redis.call('HSET', r, 'state', 'lost', 'session', '')
              redis.call('PEXPIRE', r, %d)
            end
            return served
            """.formatted(KEEP_MS);
}
