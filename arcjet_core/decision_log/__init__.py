"""The decision log: one JSON record per protect() decision (docs/decision-log.md).

Off unless ``decision_log=`` is given. Records are built and written on a
writer thread; the request path only appends to a bounded buffer.
"""

from __future__ import annotations

from ._ip import IP_KEY_ENV, LOG_IP_MODES
from ._log import DecisionLog
from ._reader import parse_line, read_records
from ._record import SCHEMA_VERSION, build_record, ua_class
from ._sinks import CallableSink, FileSink, RedisStreamSink

__all__ = [
    "IP_KEY_ENV",
    "LOG_IP_MODES",
    "SCHEMA_VERSION",
    "CallableSink",
    "DecisionLog",
    "FileSink",
    "RedisStreamSink",
    "build_record",
    "parse_line",
    "read_records",
    "ua_class",
]
