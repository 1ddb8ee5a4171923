"""The ``arcjet`` command line.

``arcjet test-filter EXPR... [--url URL] [--method M] [-H 'Name: value']
[--cookie 'a=b; c=d'] [--ip ADDR] [--local key=value]`` evaluates request-filter
expressions against a sample request, through the same parser and analyzer
as ``filter_request()``, and prints each one's value: ``true``, ``false`` or
``undetermined`` (and why, for an expression that does not parse). Exit
status: 0 when every expression evaluated, 2 when one does not parse.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from urllib.parse import urlsplit

from arcjet_core.enums import Mode
from arcjet_core.errors import ArcjetMisconfiguration


def _pair(text: str, sep: str, what: str) -> tuple[str, str]:
    name, found, value = text.partition(sep)
    if not found or not name.strip():
        raise argparse.ArgumentTypeError(f"{what} must look like 'name{sep}value', got {text!r}")
    return name.strip(), value.strip() if sep == ":" else value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="arcjet", description="arcjet-local tools")
    sub = parser.add_subparsers(dest="command", required=True)
    tf = sub.add_parser("test-filter", help="evaluate filter expressions against a sample request")
    tf.add_argument("expressions", nargs="+", metavar="EXPR", help="a filter expression (quote it for the shell)")
    tf.add_argument("--url", default="http://localhost/", help="the request URL (host, path and query)")
    tf.add_argument("--method", default="GET")
    tf.add_argument("-H", "--header", action="append", default=[], type=lambda t: _pair(t, ":", "--header"),
                    help="a request header, 'Name: value' (repeatable)")
    tf.add_argument("--cookie", default="", help="the Cookie header, 'a=1; b=2'")
    tf.add_argument("--ip", default="203.0.113.7", help="the client IP (ip.src)")
    tf.add_argument("--local", action="append", default=[], type=lambda t: _pair(t, "=", "--local"),
                    help="a filter_local entry, key=value (repeatable)")
    return parser


def test_filter(args: argparse.Namespace) -> int:
    from arcjet_core.client import arcjet_sync
    from arcjet_core.kinds._filter_lang import compile_expression
    from arcjet_core.kinds.filter import filter_request

    url = urlsplit(args.url if "://" in args.url else f"http://{args.url}")
    headers = [("host", url.netloc or "localhost"), *args.header]
    if args.cookie:
        headers.append(("cookie", args.cookie))
    request = {"ip": args.ip, "method": args.method, "path": url.path or "/", "query": url.query, "headers": headers}
    status = 0
    for expression in args.expressions:
        try:
            compile_expression(expression)  # its own errors, without a parameter name
            rule = filter_request(mode=Mode.DRY_RUN, deny=[expression])
        except ArcjetMisconfiguration as exc:
            print(f"error        {exc}")
            status = 2
            continue
        # The IP as given: no proxy resolution (and no warning about a private peer).
        with arcjet_sync(key="arcjet-test-filter", rules=[rule], disable_automatic_ip_detection=True) as aj:
            reason = aj.protect(request, ip_src=args.ip, filter_local=dict(args.local)).results[0].reason_v2
        matched = getattr(reason, "matched_expressions", ())
        undetermined = getattr(reason, "undetermined_expressions", ())
        value = "true" if matched else "undetermined" if undetermined else "false"
        if getattr(reason, "type", "") == "ERROR":
            value, status = f"error: {getattr(reason, 'message', '')}", 2
        print(f"{value:<13}{expression}")
    return status


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "test-filter":
        return test_filter(args)
    return 2  # argparse rejects unknown commands before this


if __name__ == "__main__":
    sys.exit(main())
