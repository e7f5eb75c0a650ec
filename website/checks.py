"""`manage.py check --deploy`: the shared cache must start empty after a restart.

A kept public page carries the generation it was rendered under (website/cache.py). A
Redis that saves snapshots or an append-only file (Debian's redis.conf saves snapshots by
default) would, after a crash, restore the generation and the pages as they were at the
last save: a review taken down since could be served again until its kept pages expire.
The database cache has no such gap: its rows change in the takedown's own transaction.
"""

import redis
from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

REDIS_BACKEND = "django.core.cache.backends.redis.RedisCache"
HINT = (
    'Run the Redis used as the cache without persistence: save "" and appendonly no in '
    "redis.conf (docs/operations.md)."
)


def first_server(location):
    """The server written to: the first of LOCATION's list or comma-separated URLs."""
    servers = location if isinstance(location, list | tuple) else location.split(",")
    return servers[0].strip()


@register(Tags.caches, deploy=True)
def shared_cache_starts_empty(app_configs, **kwargs):
    cache = settings.CACHES["default"]
    if cache["BACKEND"] != REDIS_BACKEND:
        return []
    client = redis.Redis.from_url(first_server(cache["LOCATION"]), socket_timeout=5)
    try:
        saves = client.config_get("save").get("save", "")
        appends = client.config_get("appendonly").get("appendonly", "no")
    except redis.ResponseError as refused:  # a managed Redis may not allow CONFIG
        return [
            Warning(
                f"Could not read the cache's persistence settings from Redis ({refused}).",
                hint=HINT,
                id="pages.W001",
            )
        ]
    except redis.RedisError as error:
        return [Error(f"The cache's Redis does not answer: {error}.", id="pages.E002")]
    finally:
        client.close()
    if saves.strip() or appends == "yes":
        return [
            Error(
                "The cache's Redis keeps its data over a restart "
                f"(save {saves!r}, appendonly {appends}): after a crash it could serve a "
                "public page kept before a review was taken down.",
                hint=HINT,
                id="pages.E001",
            )
        ]
    return []
