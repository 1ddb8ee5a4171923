"""``arcjet test-filter``: filter expressions evaluated against a sample request.

The request comes from options (``--url``, ``--method``, ``-H``, ``--cookie``,
``--ip``, ``--local``) and/or ``--request FILE`` (a raw HTTP request, as
copied from a proxy or browser dev tools, or a JSON object; ``-`` for
stdin). Options given on the command line win over the file.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click

from arcjet_core.enums import Mode
from arcjet_core.errors import ArcjetMisconfiguration


@dataclass
class SampleRequest:
    url: str = "http://localhost/"
    method: str = "GET"
    headers: list[tuple[str, str]] = field(default_factory=list)
    cookie: str = ""
    ip: str = "203.0.113.7"
    local: dict[str, str] = field(default_factory=dict)

    def as_request(self) -> dict[str, Any]:
        url = urlsplit(self.url if "://" in self.url else f"http://{self.url}")
        headers = list(self.headers)
        if not any(name.lower() == "host" for name, _ in headers):
            headers.insert(0, ("host", url.netloc or "localhost"))
        if self.cookie:
            headers.append(("cookie", self.cookie))
        return {"ip": self.ip, "method": self.method.upper(), "path": url.path or "/", "query": url.query,
                "headers": headers}


def pair(text: str, sep: str, what: str) -> tuple[str, str]:
    name, found, value = text.partition(sep)
    if not found or not name.strip():
        raise click.BadParameter(f"{what} must look like 'name{sep}value', got {text!r}")
    return name.strip(), value.strip() if sep == ":" else value


def _from_json(obj: Mapping[str, Any]) -> SampleRequest:
    sample = SampleRequest()
    headers = obj.get("headers", {})
    items = headers.items() if isinstance(headers, Mapping) else headers
    sample.headers = [(str(k), str(v)) for k, v in items]
    host = next((v for k, v in sample.headers if k.lower() == "host"), "localhost")
    if "url" in obj:
        sample.url = str(obj["url"])
    else:
        query = str(obj.get("query", ""))
        sample.url = f"http://{host}{obj.get('path', '/')}" + (f"?{query}" if query else "")
    sample.method = str(obj.get("method", "GET"))
    sample.ip = str(obj.get("ip", sample.ip))
    sample.cookie = str(obj.get("cookie", ""))
    local = obj.get("local", {})
    sample.local = {str(k): str(v) for k, v in local.items()} if isinstance(local, Mapping) else {}
    return sample


def _from_http(text: str) -> SampleRequest:
    head = text.replace("\r\n", "\n").split("\n\n", 1)[0]
    lines = head.split("\n")
    parts = lines[0].split()
    if len(parts) < 2:
        raise click.BadParameter("the request line must look like 'GET /path HTTP/1.1'", param_hint="--request")
    sample = SampleRequest(method=parts[0])
    sample.headers = [pair(line, ":", "a header line") for line in lines[1:] if line.strip()]
    host = next((v for k, v in sample.headers if k.lower() == "host"), "localhost")
    target = parts[1]
    sample.url = target if "://" in target else f"http://{host}{target}"
    return sample


def load_request(source: str) -> SampleRequest:
    """A SampleRequest from a file (or ``-`` for stdin): JSON, else a raw HTTP request."""
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise click.BadParameter(f"cannot read {source}: {exc}", param_hint="--request") from None
    if text.lstrip().startswith("{"):
        try:
            obj = json.loads(text)
        except ValueError as exc:
            raise click.BadParameter(f"not valid JSON: {exc}", param_hint="--request") from None
        if not isinstance(obj, Mapping):
            raise click.BadParameter("the JSON must be an object", param_hint="--request")
        return _from_json(obj)
    return _from_http(text)


@dataclass(frozen=True)
class FilterResult:
    expression: str
    value: str  # "true" | "false" | "undetermined" | "error"
    message: str = ""
    parse_error: bool = False  # the expression does not parse (vs. an evaluation error)


def evaluate(expressions: Sequence[str], sample: SampleRequest) -> list[FilterResult]:
    """Each expression's value against ``sample``, through filter_request() and protect()."""
    from arcjet_core.client import arcjet_sync
    from arcjet_core.kinds._filter_lang import compile_expression
    from arcjet_core.rules import filter_request

    request = sample.as_request()
    out: list[FilterResult] = []
    for expression in expressions:
        try:
            compile_expression(expression)  # its own errors, without a parameter name
            rule = filter_request(mode=Mode.DRY_RUN, deny=[expression])
        except ArcjetMisconfiguration as exc:
            out.append(FilterResult(expression, "error", str(exc), parse_error=True))
            continue
        # The IP as given: no proxy resolution (and no warning about a private peer).
        with arcjet_sync(key="arcjet-test-filter", rules=[rule], disable_automatic_ip_detection=True) as aj:
            reason = aj.protect(request, ip_src=sample.ip, filter_local=dict(sample.local)).results[0].reason_v2
        if getattr(reason, "type", "") == "ERROR":
            out.append(FilterResult(expression, "error", str(getattr(reason, "message", ""))))
            continue
        matched = getattr(reason, "matched_expressions", ())
        undetermined = getattr(reason, "undetermined_expressions", ())
        out.append(FilterResult(expression, "true" if matched else "undetermined" if undetermined else "false"))
    return out


@click.command("test-filter")
@click.argument("expressions", nargs=-1, required=True, metavar="EXPR...")
@click.option("--request", "request_file", metavar="FILE",
              help="the sample request: a raw HTTP request or a JSON object, from FILE or - (stdin)")
@click.option("--url", default=None, help="the request URL (host, path and query)  [default: http://localhost/]")
@click.option("--method", default=None, help="the HTTP method  [default: GET]")
@click.option("-H", "--header", "headers", multiple=True, metavar="'NAME: VALUE'",
              help="a request header (repeatable)")
@click.option("--cookie", default=None, help="the Cookie header, 'a=1; b=2'")
@click.option("--ip", default=None, help="the client IP (ip.src)  [default: 203.0.113.7]")
@click.option("--local", "locals_", multiple=True, metavar="KEY=VALUE", help="a filter_local entry (repeatable)")
@click.option("--json", "as_json", is_flag=True, help="print one JSON object per expression")
def test_filter_command(expressions: tuple[str, ...], request_file: str | None, url: str | None,
                        method: str | None, headers: tuple[str, ...], cookie: str | None, ip: str | None,
                        locals_: tuple[str, ...], as_json: bool) -> int:
    """Evaluate request-filter expressions against a sample request.

    Prints each expression's value: true, false or undetermined (and why, for
    an expression that does not parse). Exit status 0 when every expression
    evaluated, 2 when one does not parse.
    """
    header_pairs = [pair(h, ":", "--header") for h in headers]
    local_pairs = [pair(item, "=", "--local") for item in locals_]
    sample = load_request(request_file) if request_file else SampleRequest()
    if url is not None:
        sample.url = url
    if method is not None:
        sample.method = method
    if header_pairs:
        given = {name.lower() for name, _ in header_pairs}
        sample.headers = [h for h in sample.headers if h[0].lower() not in given] + header_pairs
    if cookie is not None:
        sample.cookie = cookie
    if ip is not None:
        sample.ip = ip
    sample.local.update(local_pairs)
    status = 0
    for result in evaluate(expressions, sample):
        if result.value == "error":
            status = 2
        if as_json:
            click.echo(json.dumps({"expression": result.expression, "value": result.value,
                                   **({"error": result.message} if result.message else {})}))
        elif result.parse_error:  # the message quotes the expression with a caret under the fault
            click.echo(f"error        {result.message}")
        elif result.value == "error":
            click.echo(f"{'error: ' + result.message:<13}{result.expression}")
        else:
            click.echo(f"{result.value:<13}{result.expression}")
    return status
