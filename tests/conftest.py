"""Suite-wide fixtures. Redis fixtures live in tests/fixtures/redis_server.py."""

pytest_plugins = ["tests.fixtures.redis_server"]
