from __future__ import annotations

import redis


def test_redis_url_answers(redis_url: str) -> None:
    assert redis.Redis.from_url(redis_url).ping()


def test_cluster_is_ok(redis_cluster_url: str) -> None:
    import redis.cluster

    seeds = redis_cluster_url.removeprefix("redis+cluster://").split(",")
    host, port = seeds[0].split(":")
    client = redis.cluster.RedisCluster(host=host, port=int(port))
    assert client.cluster_info()["cluster_state"] == "ok"
    client.close()
