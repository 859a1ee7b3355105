"""One QPS budget shared by every process and host, kept in Redis.

The platform enforces its QPS limit per account. Four FastAPI workers, or a harvest
split across machines, each with an in-process `Pacer`, together send four times the
limit. A `RedisLimiter` on the same Redis key in each of them keeps the sum under it:

    from patsnap_async import PatsnapClient
    from patsnap_async.redis import RedisLimiter

    limiter = RedisLimiter("redis://cache:6379/0", qps=20, key="patsnap:my-account")
    async with PatsnapClient(..., limiter=limiter, qps=20) as client:
        ...
    await limiter.aclose()

How it decides: one Lua script, run atomically in Redis on Redis's own clock (so the
hosts' clocks do not matter), admits a request only if

* at least `1 / (headroom * qps * fraction)` seconds have passed since the last request
  admitted on this key, by any process (requests leave evenly spaced), and
* fewer than `qps` requests were admitted in the last `1 + margin` seconds (the hard
  per-window guarantee, as in the in-process pacer).

Otherwise it answers how long to wait. Inside a process, one task at a time asks Redis,
so many waiting tasks do not turn into a storm of script calls. A 67200002 seen by any
process lowers `fraction` in Redis for all of them, and it recovers over `recovery`
seconds, as in the in-process pacer.

Redis unreachable, or not answering within `redis_timeout` (a frozen Redis would hold
every process that waits for it): by default `acquire()` raises
`LimiterUnavailableError`, which the client does not retry. With `fallback=True`, the
limiter logs a warning and paces locally at `fallback_share * qps` (pick the share so
that all your processes together stay under the limit, e.g. 1 / number of processes),
and tries Redis again every `retry_after` seconds. Neither side of a transition starts
with an empty memory:

* the local pacing starts one window (`1 + margin` s) after Redis went away, when the
  requests the shared log admitted in the last second no longer count at the server;
* back on Redis, a process first writes its own recent local requests into the shared
  log (a restarted Redis has none), and holds the shared rate at `fallback_share * qps`
  for `retry_after` seconds, while the other processes may still pace locally, before
  it recovers over `recovery` seconds.

Requires the `redis` extra: `pip install 'patsnap-async[redis]'`.
"""

from __future__ import annotations

import asyncio
import collections
import logging
import math
import time
import uuid
from typing import Any

from . import _validate as check
from ._errors import ConfigurationError, LimiterUnavailableError
from ._limiter import Ticket
from ._pacing import DEFAULT_HEADROOM, MARGIN, Departure, Pacer

try:
    import redis.asyncio as aioredis
    from redis.commands.core import AsyncScript
    from redis.exceptions import RedisError
    from redis.exceptions import TimeoutError as RedisTimeoutError
except ImportError as error:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "patsnap_async.redis needs redis-py: pip install 'patsnap-async[redis]'"
    ) from error

__all__ = ["RedisLimiter"]

log = logging.getLogger("patsnap_async")

# KEYS: the admission log (sorted set), the shared state (hash).
# ARGV: cap, window, rate, recovery, member, ttl_ms. Returns "0" or seconds to wait.
_ACQUIRE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local cap, window, rate = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local recovery = tonumber(ARGV[4])
local state = redis.call('HMGET', KEYS[2], 'fraction', 'changed_at', 'last')
local fraction = tonumber(state[1]) or 1
local changed = tonumber(state[2]) or now
local last = tonumber(state[3]) or 0
if fraction < 1 then
  fraction = math.min(1, fraction + math.max(0, now - changed) / recovery)
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local wait = last + 1 / (rate * fraction) - now
if redis.call('ZCARD', KEYS[1]) >= cap then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  wait = math.max(wait, tonumber(oldest[2]) + window - now)
end
if wait > 0 then
  return tostring(wait)
end
redis.call('ZADD', KEYS[1], now, ARGV[5])
redis.call('HSET', KEYS[2], 'fraction', tostring(fraction),
  'changed_at', tostring(math.max(changed, now)), 'last', tostring(now))
redis.call('PEXPIRE', KEYS[1], ARGV[6])
redis.call('PEXPIRE', KEYS[2], ARGV[6])
return '0'
"""

# KEYS: the admission log, the shared state. ARGV: share, hold, ttl_ms, then pairs of
# (age in seconds, member) of this process's recent local requests. Returns "0".
_REJOIN = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local share, hold = tonumber(ARGV[1]), tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[2], 'fraction', 'last')
local fraction = math.min(tonumber(state[1]) or 1, share)
local last = tonumber(state[2]) or 0
for i = 4, #ARGV, 2 do
  local at = now - tonumber(ARGV[i])
  redis.call('ZADD', KEYS[1], at, ARGV[i + 1])
  last = math.max(last, at)
end
redis.call('HSET', KEYS[2], 'fraction', tostring(fraction), 'changed_at', tostring(now + hold),
  'last', tostring(last))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return '0'
"""

# KEYS: the shared state. ARGV: step, min_fraction, recovery, ttl_ms. Returns fraction.
_SLOW_DOWN = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local step, floor, recovery = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'fraction', 'changed_at')
local fraction = tonumber(state[1]) or 1
local changed = tonumber(state[2]) or now
fraction = math.min(1, fraction + math.max(0, now - changed) / recovery)
fraction = math.max(floor, fraction * (1 - step))
redis.call('HSET', KEYS[1], 'fraction', tostring(fraction), 'changed_at', tostring(now))
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return tostring(fraction)
"""


class RedisLimiter:
    """A `Limiter` whose budget is shared, through Redis, by every process using `key`.

    Args:
        redis: a `redis://` URL, or a `redis.asyncio.Redis` client (yours: not closed).
        qps: the account's limit, for all processes together.
        key: the Redis key prefix naming the budget; use one per PatSnap account.
        headroom: the fraction of `qps` used; the rest absorbs jitter.
        recovery: seconds for a slowed-down rate to climb from zero back to full.
        min_fraction: how far 67200002 answers may lower the rate.
        fallback: when Redis is unreachable, pace locally instead of raising.
        fallback_share: the share of `qps` this process uses while falling back.
        retry_after: seconds between attempts to reach Redis again while falling back.
        redis_timeout: seconds each call to Redis may take, opening a connection
            included; one that takes longer counts as Redis unreachable. A healthy
            Redis runs these scripts in well under a millisecond, and a round trip
            within a data centre takes about one: half a second leaves room for a
            distant or briefly busy Redis, and is the longest a frozen one holds
            each process (redis-py's own socket timeout is 5 s in recent
            releases, and none in older ones such as 5.0).

    Raises:
        ConfigurationError: a setting out of range, NaN, infinite or not a number.
    """

    def __init__(
        self,
        redis: str | aioredis.Redis,
        *,
        qps: float,
        key: str = "patsnap-async:qps",
        headroom: float = DEFAULT_HEADROOM,
        recovery: float = 30.0,
        min_fraction: float = 0.1,
        fallback: bool = False,
        fallback_share: float = 0.25,
        retry_after: float = 5.0,
        redis_timeout: float = 0.5,
    ) -> None:
        qps = check.number("qps", qps, above=0, setting=True)
        headroom = check.number("headroom", headroom, above=0, maximum=1, setting=True)
        recovery = check.number("recovery", recovery, above=0, setting=True)
        min_fraction = check.number("min_fraction", min_fraction, above=0, maximum=1, setting=True)
        fallback_share = check.number(
            "fallback_share", fallback_share, above=0, maximum=1, setting=True
        )
        retry_after = check.number("retry_after", retry_after, minimum=0, setting=True)
        redis_timeout = check.number("redis_timeout", redis_timeout, above=0, setting=True)
        if not isinstance(key, str) or not key:
            raise ConfigurationError(f"key must be a non-empty string, got {key!r}")
        self.qps = qps
        self.key = key
        self._owns_redis = isinstance(redis, str)
        self._redis = aioredis.Redis.from_url(redis) if isinstance(redis, str) else redis
        self._rate = qps * headroom
        self._cap = max(1, math.floor(qps))
        self._window = max(1.0, self._cap / qps) * (1 + MARGIN)
        self._recovery = recovery
        self._min_fraction = min_fraction
        self._ttl_ms = str(int(max(60.0, recovery * 2) * 1000))
        self._fallback = Pacer(qps * fallback_share) if fallback else None
        self._share = fallback_share
        self._retry_after = retry_after
        self._redis_timeout = redis_timeout
        self._down_until = -math.inf
        self._rejoining = False
        # When this process's local requests left (time.monotonic()), for the shared
        # log when Redis is back.
        self._local: collections.deque[float] = collections.deque(maxlen=self._cap)
        self._process = uuid.uuid4().hex
        self._count = 0
        self._lane = asyncio.Lock()
        self._acquire_script = self._redis.register_script(_ACQUIRE)
        self._slow_script = self._redis.register_script(_SLOW_DOWN)
        self._rejoin_script = self._redis.register_script(_REJOIN)

    def __repr__(self) -> str:
        return f"<RedisLimiter key={self.key!r} qps={self.qps:g}>"

    async def acquire(self, *, priority: bool = False) -> Ticket:
        """Wait until the shared budget admits one more request; its ticket.

        The shared log keeps each request's admission time: a request written later
        (after opening a connection) is not moved there, so `Ticket.left` is a no-op
        on Redis (it moves the entry of the local pacer while Redis is unreachable).

        Args:
            priority: goes first in the local pacer while Redis is unreachable.
        """
        if not self._falling_back():
            async with self._lane:
                ticket = await self._shared_acquire()
            if ticket is not None:
                return ticket
        return await self._local_acquire(priority)

    def slow_down(self) -> None:
        """Lower the shared rate after a 67200002, for every process on this key."""
        step = min(0.5, 1 / self.qps)
        task = asyncio.get_running_loop().create_task(self._slow_down(step))
        _background.add(task)
        task.add_done_callback(_background.discard)
        if self._fallback is not None:
            self._fallback.slow_down()

    async def aclose(self) -> None:
        """Close the Redis connection if this limiter opened it."""
        if self._owns_redis:
            await self._redis.aclose()

    @property
    def _keys(self) -> list[str]:
        return [f"{self.key}:log", f"{self.key}:state"]

    def _args(self) -> list[Any]:
        self._count += 1
        member = f"{self._process}:{self._count}"
        return [self._cap, self._window, self._rate, self._recovery, member, self._ttl_ms]

    async def _call(self, script: AsyncScript, keys: list[str], args: list[Any]) -> Any:
        """Run `script` on Redis; no answer within `redis_timeout` is a Redis error.

        Cutting redis-py off mid-call is safe (5.0.1, the oldest we allow, and later):
        it closes a connection whose command was interrupted rather than lend it again
        with the answer still to come, and checks that a pooled connection has nothing
        left to read before lending it. The frozen-Redis tests check the answers after
        Redis wakes up.
        """
        deadline = asyncio.timeout(self._redis_timeout)
        try:
            async with deadline:
                return await script(keys=keys, args=args)
        except TimeoutError as error:
            if not deadline.expired():
                raise
            raise RedisTimeoutError(
                f"no answer within redis_timeout={self._redis_timeout:g} s"
            ) from error

    async def _slow_down(self, step: float) -> None:
        try:
            await self._call(
                self._slow_script,
                [f"{self.key}:state"],
                [step, self._min_fraction, self._recovery, self._ttl_ms],
            )
        except (RedisError, OSError) as error:
            log.warning("could not share a slow-down through Redis: %s", error)

    def _falling_back(self) -> bool:
        return self._fallback is not None and time.monotonic() < self._down_until

    async def _shared_acquire(self) -> Ticket | None:
        """A ticket from Redis, or None: pace locally, Redis is unreachable."""
        # Checked again each turn: when a task ahead in the lane found Redis unreachable,
        # the tasks queued behind it pace locally instead of asking it once more each:
        # one call per `retry_after` waits `redis_timeout` for a frozen Redis, not all.
        while not self._falling_back():
            try:
                if self._rejoining:
                    await self._rejoin()
                wait = float(await self._call(self._acquire_script, self._keys, self._args()))
            except (RedisError, OSError) as error:
                self._unreachable(error)
                return None
            if wait <= 0:
                return _SharedTicket(self)
            await asyncio.sleep(wait)
        return None

    async def _local_acquire(self, priority: bool) -> Ticket:
        assert self._fallback is not None
        departure = await self._fallback.acquire(priority=priority)
        if not self._rejoining:
            # Redis came back while this request waited in the local queue: it takes
            # its turn in the shared budget instead, or the queue would drain on top.
            departure.settle()
            return await self.acquire(priority=priority)
        self._local.append(time.monotonic())
        return _SharedTicket(self, departure)

    async def _rejoin(self) -> None:
        """Back on Redis: log our recent local requests there, and ramp up slowly."""
        now = time.monotonic()
        args: list[Any] = [self._share, self._retry_after, self._ttl_ms]
        for number, at in enumerate(self._local):
            if now - at < self._window:
                args += [now - at, f"{self._process}:local:{number}:{at}"]
        await self._call(self._rejoin_script, self._keys, args)
        self._rejoining = False
        self._local.clear()
        log.warning("Redis reachable again: sharing the budget through it")

    def _unreachable(self, error: BaseException) -> None:
        """Raise `LimiterUnavailableError`, or fall back to the local pacer."""
        if self._fallback is None:
            raise LimiterUnavailableError(
                f"the shared rate limiter's Redis is unreachable ({type(error).__name__}: "
                f"{error}); pass fallback=True to pace locally meanwhile"
            ) from error
        log.warning(
            "Redis unreachable (%s): pacing locally at %.2f req/s for %g s",
            error,
            self._fallback.qps,
            self._retry_after,
        )
        if not self._rejoining:
            # The shared log's last second still counts at the server: wait it out.
            self._fallback.pause(self._window)
            self._rejoining = True
        self._down_until = time.monotonic() + self._retry_after


class _SharedTicket:
    """A request the shared budget admitted (or the local pacer, with its `departure`)."""

    __slots__ = ("_departure", "_limiter")

    def __init__(self, limiter: RedisLimiter, departure: Departure | None = None) -> None:
        self._limiter = limiter
        self._departure = departure

    def left(self, at: float) -> None:
        if self._departure is not None:
            self._departure.left(at)

    def rate_limited(self, retry_after: float | None) -> None:
        self._limiter.slow_down()

    def settle(self) -> None:
        if self._departure is not None:
            self._departure.settle()


_background: set[asyncio.Task[None]] = set()
