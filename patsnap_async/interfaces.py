"""What a client can be given instead of its defaults: a transport and a limiter.

- `Transport`: sends one `HttpRequest` and returns its `HttpResponse`, calling
  `request.sent(at)` when the request is on the wire
  (`PatsnapClient(transport=...)`). The aiohttp transport is the default;
  `patsnap_async.testing.MockTransport` answers from a function of yours.
- `Limiter`: admits each HTTP attempt (`PatsnapClient(limiter=...)`), and may hand out
  a `Ticket` that follows the attempt (when it left, whether the platform refused it
  for pacing, when it is over). `patsnap_async.Pacer` is the default;
  `patsnap_async.redis.RedisLimiter` shares one budget between processes.

Any object with these methods works: the client checks the methods, never the class.
"""

from ._limiter import Limiter, Ticket
from ._transports.base import Transport

__all__ = ["Limiter", "Ticket", "Transport"]
