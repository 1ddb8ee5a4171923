# ruff: noqa: RUF001 - real text uses typographic characters
"""iot_devices: the backend of an IoT fleet (a FastAPI ingest and device
API, a firmware service, an admin console, bridge webhooks): telemetry from
firmware in compact JSON, form encoding, key:value text, CBOR, protobuf,
SenML and line protocol, heartbeat GETs with many parameters, firmware
checks, ranged downloads and binary uploads, device shadows and config
documents, provisioning with PEM CSRs and claim tokens, automation rules
("if temperature > 30 then notify"), console searches, MQTT-bridge,
LoRaWAN, Sigfox and GPS-tracker callbacks, boot logs and camera
snapshots, from embedded HTTP clients."""

from __future__ import annotations

import base64
import random
import struct

from .common import (
    Request,
    b64url,
    bearer,
    boundary_for,
    browser,
    browser_of,
    cbor,
    chars,
    client,
    cookie_jar,
    csrf,
    doc_ip,
    epoch,
    fake_jpeg,
    form,
    hexs,
    js_json,
    multipart,
    pick,
    py_json,
    rbytes,
    run,
    some,
    stamp,
    text_parts,
    uri_query,
    uuid4,
)

SRC = "iot_devices"
INGEST = "ingest.iot.example.com"
FW = "fw.iot.example.com"
CONSOLE = "console.iot.example.com"
API = "api.iot.example.com"
HOOKS = "hooks.iot.example.com"

MODELS = [("TH2", "thermo-hygro"), ("PM25", "air-quality"), ("EM3", "energy-meter"), ("VLV1", "valve"), ("GW4", "gateway"),
          ("CAM1", "camera"), ("TRK2", "gps-tracker"), ("DR1", "door-sensor")]
SITES = ["plant-3", "warehouse-dub-2", "lab-köln", "hq", "greenhouse-b", "cold-store-7", "depot-lyon", "site-ó-dálaigh"]
FW_VERSIONS = ["3.1.4", "3.2.0", "3.2.1", "3.3.0-rc2", "2.9.12", "4.0.0-beta.3"]


def dev_id(rng: random.Random) -> str:
    return pick(rng, [f"{hexs(rng, 6)}-{hexs(rng, 6)}", f"AS-{pick(rng, MODELS)[0]}-{rng.randrange(10**6):06d}", f"dev_{chars(rng, 'abcdefghijklmnopqrstuvwxyz0123456789', 12)}",
                      f"esp32-{hexs(rng, 12).upper()}"])


def mac(rng: random.Random) -> str:
    return ":".join(hexs(rng, 2).upper() for _ in range(6))


def dev_token(rng: random.Random) -> str:
    return pick(rng, ["Bearer " + b64url(rbytes(rng, 32)), "Device " + hexs(rng, 40), "Bearer dt_" + chars(rng, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 32)])


def reading(rng: random.Random, model: str) -> dict[str, object]:
    if model == "TH2":
        return {"t": round(rng.uniform(-22, 38), 2), "h": round(rng.uniform(15, 95), 1), "dp": round(rng.uniform(-5, 20), 1)}
    if model == "PM25":
        return {"pm25": rng.randrange(1, 180), "pm10": rng.randrange(2, 250), "co2": rng.randrange(400, 2200), "voc": rng.randrange(0, 500)}
    if model == "EM3":
        return {"v": [round(rng.uniform(228, 242), 1) for _ in range(3)], "a": [round(rng.uniform(0, 32), 2) for _ in range(3)],
                "kw": round(rng.uniform(0, 22), 3), "kwh": round(rng.uniform(1000, 90000), 1), "pf": round(rng.uniform(0.8, 1), 2)}
    if model == "VLV1":
        return {"pos": rng.randrange(0, 101), "flow_lpm": round(rng.uniform(0, 60), 1), "p_bar": round(rng.uniform(0.5, 6), 2)}
    if model == "DR1":
        return {"open": rng.random() < 0.3, "tamper": False, "count": rng.randrange(10**5)}
    return {"t": round(rng.uniform(10, 70), 1), "load": round(rng.random() * 4, 2), "clients": rng.randrange(0, 60)}


def firmware_ua(rng: random.Random, model: str, fw: str) -> str:
    return pick(rng, [f"AtlasSense-{model}/{fw}", f"AtlasSense-{model}/{fw} (esp-idf v5.2.2)", "ESP32HTTPClient", f"atlas-fw/{fw}",
                      "ESP8266HTTPClient", f"Zephyr-HTTP/3.7 {model}/{fw}", f"{model.lower()}-node/{fw} (rp2040; mbedTLS 3.6)"])


def fw_client(rng: random.Random, kind: str, method: str, host: str, path: str, qs: str = "", *, body: bytes | None = None,
              ctype: str | None = None, model: str = "TH2", fw: str = "3.2.1", auth: str | None = None,
              extra: list[tuple[str, str]] | None = None) -> Request:
    ua = firmware_ua(rng, model, fw)
    lib = "arduino" if "ESP8266" in ua else "embedded"
    if rng.random() < 0.1 and lib == "embedded":  # lwIP's httpc sends no user-agent at all
        h = [("host", host), *([("content-type", ctype)] if ctype and body is not None else []),
             *([("content-length", str(len(body)))] if body is not None else []), *([("authorization", auth)] if auth else []), *(extra or [])]
        return Request(SRC, kind, method, path, qs, h, body)
    return client(rng, SRC, kind, method, host, path, qs, body=body, ctype=ctype, lib=lib, auth=auth, extra=extra, ua=ua)


# ------------------------------------------------------------------ telemetry in every encoding


def telemetry_json(rng: random.Random) -> Request:
    model = pick(rng, MODELS)[0]
    did = dev_id(rng)
    fw = pick(rng, FW_VERSIONS)
    obj: dict[str, object] = {"id": did, "ts": epoch(rng), "seq": rng.randrange(10**6), **reading(rng, model)}
    if rng.random() < 0.5:
        obj["bat"] = round(rng.uniform(3.1, 4.2), 2)
    if rng.random() < 0.5:
        obj["rssi"] = -rng.randrange(40, 95)
    if rng.random() < 0.2:
        obj["err"] = pick(rng, ["", "I2C_TIMEOUT", "SENSOR_CRC", "brownout;reboot=1"])
    body = js_json(obj).encode()
    path = pick(rng, [f"/v1/devices/{did}/telemetry", "/v1/telemetry", f"/t/{did}"])
    return fw_client(rng, "telemetry_json", "POST", INGEST, path, body=body, ctype="application/json", model=model, fw=fw, auth=dev_token(rng))


def telemetry_form(rng: random.Random) -> Request:
    """Older firmware: form-encoded, short keys, sometimes with the key in the query."""
    model = pick(rng, ["TH2", "PM25", "DR1"])
    r = reading(rng, model)
    pairs = [("id", dev_id(rng))] + [(k, str(v).lower() if isinstance(v, bool) else str(v)) for k, v in r.items()]
    pairs += [("v", f"{rng.uniform(3.1, 4.2):.2f}"), ("rssi", str(-rng.randrange(40, 95))), ("up", str(rng.randrange(10**7)))]
    qs = form([("key", hexs(rng, 16))]) if rng.random() < 0.5 else ""
    return fw_client(rng, "telemetry_form", "POST", INGEST, pick(rng, ["/update", "/api/push.php", "/v0/in"]), qs, body=form(pairs).encode(),
                     ctype="application/x-www-form-urlencoded", model=model, fw=pick(rng, ["2.9.12", "2.9.10", "2.8.3"]))


def telemetry_text(rng: random.Random) -> Request:
    model = pick(rng, ["TH2", "PM25"])
    r = reading(rng, model)
    sep = pick(rng, [";", ",", "|"])
    body = sep.join(f"{k.upper()}:{v}" for k, v in r.items()) + f"{sep}BAT:{rng.randrange(5, 100)}{sep}ST:{pick(rng, ['OK', 'OK', 'WARN', 'LOWBAT'])}"
    if rng.random() < 0.4:
        body += "\r\n"
    return fw_client(rng, "telemetry_text", "POST", INGEST, f"/v1/raw/{dev_id(rng)}", body=body.encode(), ctype="text/plain", model=model,
                     auth=dev_token(rng) if rng.random() < 0.7 else None)


def telemetry_cbor(rng: random.Random) -> Request:
    model = pick(rng, MODELS)[0]
    obj: dict[str, object] = {"i": dev_id(rng), "t": epoch(rng), "s": rng.randrange(65535)}
    for k, v in reading(rng, model).items():
        obj[k] = float(v) if isinstance(v, float) else v
    return fw_client(rng, "telemetry_cbor", "POST", INGEST, "/v1/telemetry", body=cbor(obj), ctype="application/cbor", model=model,
                     auth=dev_token(rng))


def pb_varint(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def telemetry_protobuf(rng: random.Random) -> Request:
    did = dev_id(rng).encode()
    msg = b"\x0a" + pb_varint(len(did)) + did + b"\x10" + pb_varint(epoch(rng))
    for field in range(3, 3 + rng.randint(2, 5)):
        msg += bytes([(field << 3) | 5]) + struct.pack("<f", rng.uniform(-20, 80))
    msg += b"\x40" + pb_varint(rng.randrange(10**6))
    return fw_client(rng, "telemetry_protobuf", "POST", INGEST, "/v2/ingest", body=msg, ctype="application/x-protobuf", model="GW4",
                     auth=dev_token(rng), extra=[("x-schema", "atlas.telemetry.v2.Reading")])


def telemetry_senml(rng: random.Random) -> Request:
    did = dev_id(rng)
    t = epoch(rng)
    recs: list[dict[str, object]] = [{"bn": f"urn:dev:mac:{mac(rng).replace(':', '').lower()}:", "bt": t, "n": "temperature", "u": "Cel", "v": round(rng.uniform(-5, 35), 2)},
                                     {"n": "humidity", "u": "%RH", "v": round(rng.uniform(20, 90), 1)}]
    if rng.random() < 0.5:
        recs.append({"n": "battery", "u": "%EL", "v": rng.randrange(1, 100)})
    if rng.random() < 0.3:
        recs.append({"n": "door", "vb": rng.random() < 0.5, "t": -rng.randrange(1, 60)})
    if rng.random() < 0.3:
        recs.append({"n": "fw", "vs": pick(rng, FW_VERSIONS)})
    return fw_client(rng, "telemetry_senml", "POST", INGEST, f"/v1/senml/{did}", body=js_json(recs).encode(), ctype="application/senml+json",
                     model="TH2", auth=dev_token(rng))


def line_protocol(rng: random.Random) -> Request:
    """A gateway forwarding buffered readings as InfluxDB line protocol."""
    site = pick(rng, SITES)
    t0 = epoch(rng)
    out = []
    for i in range(rng.randint(3, 12)):
        did = dev_id(rng)
        meas = pick(rng, ["env", "power", "air"])
        tags = f"{meas},device={did},site={site.replace(' ', '_')},room=" + pick(rng, ["hall\\ 1", "office", "cold\\,store", "lab\\=2"])
        if meas == "env":
            fields = f"temp={rng.uniform(-20, 35):.2f},hum={rng.uniform(20, 90):.1f},ok=true"
        elif meas == "power":
            fields = f"kw={rng.uniform(0, 20):.3f},kwh={rng.uniform(1000, 90000):.1f},phase=\"L{rng.randint(1, 3)}\""
        else:
            fields = f"pm25={rng.randrange(1, 150)}i,co2={rng.randrange(400, 2000)}i,note=\"window \\\"open\\\"\""
        out.append(f"{tags} {fields} {t0 + i * 10}")
    pairs = [("org", "atlas"), ("bucket", site), ("precision", "s")]
    return client(rng, SRC, "line_protocol", "POST", INGEST, "/api/v2/write", form(pairs), body=("\n".join(out) + "\n").encode(),
                  ctype="text/plain; charset=utf-8", lib="go", ua=pick(rng, ["telegraf/1.36.2", "atlas-gw/4.0.0-beta.3 Go-http-client/1.1"]),
                  auth="Token " + b64url(rbytes(rng, 48)))


def ndjson_batch(rng: random.Random) -> Request:
    model = pick(rng, MODELS)[0]
    did = dev_id(rng)
    t = epoch(rng)
    rows = [js_json({"ts": t + i * 60, **reading(rng, model), "buffered": True}) for i in range(rng.randint(3, 10))]
    return fw_client(rng, "telemetry_batch", "POST", INGEST, f"/v1/devices/{did}/telemetry/batch", body=("\n".join(rows) + "\n").encode(),
                     ctype="application/x-ndjson", model=model, auth=dev_token(rng), extra=[("x-backlog", str(len(rows)))])


def heartbeat(rng: random.Random) -> Request:
    model = pick(rng, MODELS)[0]
    fw = pick(rng, FW_VERSIONS)
    pairs = [("id", dev_id(rng)), ("fw", fw), ("hw", pick(rng, ["rev-b", "rev-c", "1.2"])), ("mac", mac(rng)), ("ip", doc_ip(rng)),
             ("rssi", str(-rng.randrange(35, 95))), ("ch", str(rng.choice([1, 6, 11, 36]))), ("up", str(rng.randrange(10**7))),
             ("heap", str(rng.randrange(20_000, 200_000))), ("minheap", str(rng.randrange(8_000, 20_000))), ("rst", pick(rng, ["POWERON", "SW", "WDT", "BROWNOUT", "DEEPSLEEP"])),
             ("boot", str(rng.randrange(1, 500))), ("ssid", pick(rng, ["Warehouse-2G", "ATLAS-IOT", "Plant 3 (IoT)", "Café_Guest", "lab-köln"])),
             ("vcc", f"{rng.uniform(3.0, 3.4):.3f}"), ("tz", pick(rng, ["CET-1CEST,M3.5.0,M10.5.0/3", "GMT0BST,M3.5.0/1,M10.5.0", "UTC0"]))]
    pairs = pairs[: rng.randint(6, len(pairs))]
    if rng.random() < 0.3:
        pairs.append(("t", str(epoch(rng))))
    qs = form(pairs) if rng.random() < 0.7 else uri_query(pairs)
    return fw_client(rng, "heartbeat", "GET", INGEST, pick(rng, ["/hb", "/v1/heartbeat", "/ping.php"]), qs, model=model, fw=fw)


def time_sync(rng: random.Random) -> Request:
    return fw_client(rng, "time_sync", "GET", INGEST, "/time", pick(rng, ["", "fmt=unix", "fmt=iso&tz=Europe%2FDublin"]))


def gps_tracker(rng: random.Random) -> Request:
    """OsmAnd-style position reports from trackers and phone apps."""
    lat = 53.3 + rng.random() / 5
    lon = -6.3 + rng.random() / 5
    pairs = [("id", str(rng.randrange(100000, 999999))), ("timestamp", str(epoch(rng))), ("lat", f"{lat:.6f}"), ("lon", f"{lon:.6f}"),
             ("speed", f"{rng.uniform(0, 60):.1f}"), ("bearing", str(rng.randrange(360))), ("altitude", f"{rng.uniform(0, 120):.1f}"),
             ("accuracy", str(rng.choice([3, 5, 10, 25]))), ("batt", str(rng.randrange(5, 100)))]
    if rng.random() < 0.3:
        hh, mm = rng.randrange(24), rng.randrange(60)
        pairs.append(("nmea", f"$GPRMC,{hh:02d}{mm:02d}{rng.randrange(60):02d}.00,A,{int(lat)}{(lat % 1) * 60:07.4f},N,00{int(-lon)}{(-lon % 1) * 60:07.4f},W,{rng.uniform(0, 30):.1f},{rng.randrange(360)}.0,051226,,,A*{hexs(rng, 2).upper()}"))
    return fw_client(rng, "gps_position", "GET", INGEST, "/osmand", form(pairs), model="TRK2")


# ------------------------------------------------------------------ firmware


def fw_check(rng: random.Random) -> Request:
    model = pick(rng, MODELS)[0]
    fw = pick(rng, FW_VERSIONS)
    pairs = [("model", model), ("hw", pick(rng, ["rev-b", "rev-c"])), ("fw", fw), ("channel", pick(rng, ["stable", "stable", "beta"])), ("id", dev_id(rng))]
    extra = [("if-none-match", f"\"{hexs(rng, 16)}\"")] if rng.random() < 0.5 else []
    extra += [("x-esp32-sta-mac", mac(rng)), ("x-esp32-version", fw)] if rng.random() < 0.4 else []
    return fw_client(rng, "firmware_check", "GET", FW, "/v1/ota/check", form(pairs), model=model, fw=fw, extra=extra)


def fw_download(rng: random.Random) -> Request:
    model = pick(rng, MODELS)[0]
    ver = pick(rng, FW_VERSIONS)
    start = rng.randrange(0, 40) * 4096
    extra = [("range", f"bytes={start}-{start + pick(rng, [4095, 16383, 65535])}")] if rng.random() < 0.7 else []
    return fw_client(rng, "firmware_download", "GET", FW, f"/images/{model.lower()}/{ver}/firmware.bin",
                     form([("sig", b64url(rbytes(rng, 24))), ("exp", str(epoch(rng) + 3600))]), model=model, extra=extra)


def fw_upload(rng: random.Random) -> Request:
    """An engineer uploads a build from the console."""
    b = browser_of(rng, desktop=True)
    bd = boundary_for(rng, b.family)
    model = pick(rng, MODELS)[0]
    ver = pick(rng, FW_VERSIONS)
    image = b"\xe9\x06\x02\x20" + rbytes(rng, 28) + b"\x32\x54\xcd\xab" + rbytes(rng, 1200 + rng.randrange(2000))
    notes = pick(rng, ["- Fix I2C timeout on TH2 rev-c\n- Lower Wi-Fi TX power to 17 dBm\n- OTA: resume after power loss",
                       "Hotfix: watchdog reset when MQTT broker unreachable > 5 min (#412)", "Beta: new 'eco' mode (sleep 15 min if temp stable ±0.2°C)",
                       "Sicherheitsupdate: TLS 1.3, neue CA-Bundle"])
    parts = [*text_parts([("model", model), ("version", ver), ("channel", pick(rng, ["stable", "beta"])), ("min_hw", "rev-b"), ("release_notes", notes),
                          ("sha256", hexs(rng, 64))]),
             ("image", image, f"{model.lower()}-{ver}.bin", "application/octet-stream")]
    body = multipart(parts, bd)
    return browser(rng, SRC, "firmware_upload", "POST", CONSOLE, "/api/firmware", body=body, ctype=f"multipart/form-data; boundary={bd}",
                   accept="application/json", referer=f"https://{CONSOLE}/firmware/new", cookie=console_cookie(rng), extra=csrf(rng, "fastapi"), b=b)


def fw_upload_ci(rng: random.Random) -> Request:
    model = pick(rng, MODELS)[0]
    ver = pick(rng, FW_VERSIONS)
    image = b"\xe9\x06\x02\x20" + rbytes(rng, 1800 + rng.randrange(2000))
    return client(rng, SRC, "firmware_upload_ci", "PUT", FW, f"/v1/images/{model.lower()}/{ver}", form([("channel", "beta")]), body=image,
                  ctype="application/octet-stream", lib="curl", auth="Bearer " + b64url(rbytes(rng, 40)),
                  extra=[("x-checksum-sha256", hexs(rng, 64)), ("x-build-url", f"https://ci.example.com/atlas/fw/-/jobs/{rng.randrange(10**6)}")])


def ota_campaign(rng: random.Random) -> Request:
    obj = {"name": f"{pick(rng, ['Rollout', 'Hotfix', 'Beta wave'])} {pick(rng, FW_VERSIONS)} – {pick(rng, SITES)}",
           "firmware": {"model": pick(rng, MODELS)[0], "version": pick(rng, FW_VERSIONS)},
           "target": {"query": pick(rng, ["fw < 3.2.0 AND site = 'plant-3'", "model:TH2 tag:pilot", "hw = 'rev-c' AND last_seen > now() - 1h"])},
           "rollout": {"strategy": "percentage", "steps": [5, 25, 100], "pause_on_failure_rate": 0.02}, "window": {"start": "02:00", "end": "05:00", "tz": "Europe/Dublin"}}
    return console_api(rng, "ota_campaign", "POST", "/api/ota/campaigns", obj=obj)


# ------------------------------------------------------------------ shadows, config, provisioning


def console_cookie(rng: random.Random) -> str:
    return cookie_jar(rng, "fastapi", extra=[("console_site", pick(rng, SITES).replace("ö", "o").replace("ó", "o"))], analytics=0.1)


def console_api(rng: random.Random, kind: str, method: str, path: str, qs: str = "", obj: object = None) -> Request:
    body = js_json(obj).encode() if obj is not None else None
    return browser(rng, SRC, kind, method, CONSOLE, path, qs, body=body, ctype="application/json" if body is not None else None,
                   accept="application/json", referer=f"https://{CONSOLE}/devices", cookie=console_cookie(rng),
                   extra=csrf(rng, "fastapi") if method != "GET" else [], b=browser_of(rng, desktop=rng.random() < 0.9))


def shadow(rng: random.Random) -> Request:
    did = dev_id(rng)
    r = rng.random()
    if r < 0.35:
        return fw_client(rng, "shadow_get", "GET", API, f"/v1/things/{did}/shadow", auth=dev_token(rng))
    if r < 0.7:
        obj = {"state": {"reported": {"fw": pick(rng, FW_VERSIONS), "interval_s": rng.choice([30, 60, 300]), "led": pick(rng, ["on", "off"]),
                                      "relay": [rng.random() < 0.5, rng.random() < 0.5], "wifi": {"ssid": pick(rng, ["Warehouse-2G", "ATLAS-IOT"]), "rssi": -rng.randrange(40, 90)}}},
               "clientToken": hexs(rng, 8), "version": rng.randrange(1, 5000)}
        return fw_client(rng, "shadow_report", "POST", API, f"/v1/things/{did}/shadow", body=js_json(obj).encode(), ctype="application/json", auth=dev_token(rng))
    obj2 = {"state": {"desired": pick(rng, [{"interval_s": 300}, {"led": "off"}, {"setpoint_c": round(rng.uniform(4, 24), 1)}, {"relay": [True, False]},
                                             {"mode": "eco", "eco": {"sleep_min": 15, "delta_c": 0.2}}])}}
    return console_api(rng, "shadow_desired", "PATCH", f"/api/devices/{did}/shadow", obj=obj2)


def config_doc(rng: random.Random) -> Request:
    did = dev_id(rng)
    obj = {"version": rng.randrange(1, 80), "sampling": {"interval_s": rng.choice([10, 30, 60, 300]), "oversample": rng.choice([1, 4, 8])},
           "thresholds": {"temp_high_c": rng.choice([8, 25, 30, 35]), "temp_low_c": rng.choice([-25, 2, 5]), "hum_high": 85, "hysteresis": 0.5},
           "network": {"wifi": [{"ssid": pick(rng, ["Warehouse-2G", "ATLAS-IOT", "Plant 3 (IoT)"]), "psk_ref": "vault:wifi/" + hexs(rng, 6)}],
                       "ntp": ["0.pool.ntp.example.org", "time.example.com"], "mqtt": {"host": "mqtt.iot.example.com", "port": 8883, "keepalive": 60}},
           "schedule": [{"days": "Mon-Fri", "from": "07:00", "to": "19:00", "mode": "normal"}, {"days": "Sat,Sun", "mode": "eco"}],
           "labels": {"site": pick(rng, SITES), "room": pick(rng, ["Cold room #2", "Server room", "Hall A / rack 4", "Büro 3.OG"])}}
    if rng.random() < 0.5:
        return console_api(rng, "config_put", "PUT", f"/api/devices/{did}/config", obj=obj)
    return client(rng, SRC, "config_put", "PUT", API, f"/v1/devices/{did}/config", body=py_json(obj).encode(), ctype="application/json",
                  lib="requests", auth="Bearer " + b64url(rbytes(rng, 32)))


def pem(label: str, data: bytes) -> str:
    b = base64.b64encode(data).decode()
    return f"-----BEGIN {label}-----\n" + "\n".join(b[i:i + 64] for i in range(0, len(b), 64)) + f"\n-----END {label}-----\n"


def provision(rng: random.Random) -> Request:
    did = dev_id(rng)
    csr = pem("CERTIFICATE REQUEST", b"0\x82\x01" + rbytes(rng, 280 + rng.randrange(80)))
    obj = {"serial": did, "model": pick(rng, MODELS)[0], "hw": pick(rng, ["rev-b", "rev-c"]), "mac": mac(rng), "csr": csr,
           "bootstrap_token": chars(rng, "ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 24), "factory": pick(rng, ["line-2", "line-5"])}
    return fw_client(rng, "provision_csr", "POST", API, "/v1/provisioning/register", body=js_json(obj).encode(), ctype="application/json",
                     extra=[("x-attestation", b64url(rbytes(rng, 64)))])


def cert_upload(rng: random.Random) -> Request:
    """An operator registers a CA certificate for just-in-time provisioning."""
    ca = pem("CERTIFICATE", b"0\x82\x03" + rbytes(rng, 700))
    verif = pem("CERTIFICATE", b"0\x82\x02" + rbytes(rng, 520))
    obj = {"name": pick(rng, ["Factory CA 2026", "Contract manufacturer B – intermediate", "Test CA (do not use in prod)"]), "ca_certificate_pem": ca,
           "verification_certificate_pem": verif, "auto_register": True, "allow_renewal": True}
    return console_api(rng, "ca_register", "POST", "/api/pki/cas", obj=obj)


def claim(rng: random.Random) -> Request:
    obj = {"claim_code": f"{chars(rng, 'ABCDEFGHJKLMNPQRSTUVWXYZ', 4)}-{rng.randrange(10**4):04d}", "name": pick(rng, ["Fridge sensor", "Kid's room", "Garage door", "Greenhouse 🌱", "Büro – Fenster"]),
           "room": pick(rng, ["Kitchen", "Bedroom 2", "Garage", "Wintergarten"]), "timezone": pick(rng, ["Europe/Dublin", "Europe/Berlin", "America/Chicago"])}
    ios = rng.random() < 0.5
    return client(rng, SRC, "device_claim", "POST", API, "/v1/me/devices/claim", body=js_json(obj).encode(), ctype="application/json",
                  lib="ios" if ios else "okhttp", auth=bearer(rng, "https://auth.iot.example.com", "devices"),
                  ua="AtlasHome/3.8.0 CFNetwork/3860.100.1 Darwin/25.0.0" if ios else "AtlasHome/3.8.0 (Android 15) okhttp/4.12.0")


# ------------------------------------------------------------------ rules and alerts


RULE_TEXT = ["if temperature > 30 then notify", "if temperature > 30 for 10m then notify #ops and set relay[0] = off",
             "when door.open == true and time between 22:00 and 06:00 then alarm", "if pm25 >= 55 || co2 > 1500 then notify 'Air quality poor in {{room}}'",
             "if battery < 15% then email facilities@example.com", "if kw > 18.5 then shed load(priority < 3)",
             "if offline > 15m and site == 'cold-store-7' then page on-call", "wenn temperatur < 2 dann benachrichtigen"]


def rule(rng: random.Random) -> Request:
    if rng.random() < 0.5:
        obj: dict[str, object] = {"name": pick(rng, ["Cold room too warm", "Night door alarm", "Air quality", "Low battery", "Load shedding"]),
                                  "source": pick(rng, RULE_TEXT), "enabled": True, "scope": {"site": pick(rng, SITES)}}
    else:
        obj = {"name": pick(rng, ["Cold room too warm", "Humidity alert", "Valve stuck"]),
               "when": {"all": [{"metric": "temperature", "op": ">", "value": rng.choice([8, 25, 30])},
                                {"metric": "humidity", "op": "<", "value": 20}][: rng.randint(1, 2)], "for": pick(rng, ["0s", "5m", "10m"])},
               "then": [{"action": "notify", "channels": some(rng, ["email", "sms", "push", "webhook"], 1, 2),
                         "message": "{{device.name}}: {{metric}} = {{value}} (> {{threshold}})"}],
               "cooldown": "30m", "expression": "temperature > 30 && humidity < 20"}
    return console_api(rng, "automation_rule", "POST", "/api/rules", obj=obj)


def rule_test(rng: random.Random) -> Request:
    obj = {"source": pick(rng, RULE_TEXT), "sample": {"temperature": round(rng.uniform(-5, 40), 1), "humidity": rng.randrange(10, 90), "door": {"open": False}}}
    return console_api(rng, "rule_dry_run", "POST", "/api/rules/evaluate", obj=obj)


def alert_ack(rng: random.Random) -> Request:
    obj = {"note": pick(rng, ["Door was propped open for a delivery", "Checked on site — sensor moved, OK", "False alarm (calibration)", "",
                              "Compressor restarted, temp back < 5°C", "Ticket OPS-4471 opened"]), "snooze_min": pick(rng, [None, 30, 120])}
    return console_api(rng, "alert_ack", "POST", f"/api/alerts/{uuid4(rng)}/ack", obj=obj)


def command(rng: random.Random) -> Request:
    cmd = pick(rng, [{"cmd": "reboot", "delay_s": 5}, {"cmd": "identify", "blink_s": 30}, {"cmd": "factory_reset", "confirm": "RESET"},
                     {"cmd": "set", "key": "interval_s", "value": 60}, {"cmd": "shell", "args": "wifi scan"}, {"cmd": "calibrate", "offset_c": -0.4}])
    return console_api(rng, "device_command", "POST", f"/api/devices/{dev_id(rng)}/commands", obj=cmd)


# ------------------------------------------------------------------ console


SEARCHES = ["fw:<3.2 site:plant-3 status:offline", "AS-TH2-0044*", "last_seen < now-1h", "model:PM25 AND tag:\"cold room\"",
            "mac:A4:CF:12*", "Büro", "rssi < -85", "name:\"Kid's room\"", "192.0.2.", "error:I2C_TIMEOUT", "battery<15",
            "site:lab-köln OR site:depot-lyon", "-status:online"]


def console_search(rng: random.Random) -> Request:
    pairs = [("q", pick(rng, SEARCHES)), ("page", str(rng.randint(1, 5))), ("per_page", "50")]
    if rng.random() < 0.5:
        pairs.append(("sort", pick(rng, ["-last_seen", "name", "fw", "-rssi"])))
    return console_api(rng, "console_search", "GET", "/api/devices", uri_query(pairs) if rng.random() < 0.5 else form(pairs))


def console_list(rng: random.Random) -> Request:
    pairs = [("site", pick(rng, SITES)), ("model", pick(rng, MODELS)[0]), ("status", pick(rng, ["online", "offline", "updating", "any"]))]
    pairs = some(rng, pairs, 1, 3)
    return browser(rng, SRC, "console_page", "GET", CONSOLE, pick(rng, ["/devices", "/alerts", "/firmware", f"/devices/{dev_id(rng)}"]), form(pairs),
                   page=True, cookie=console_cookie(rng), referer=f"https://{CONSOLE}/", b=browser_of(rng, desktop=True))


def metrics_query(rng: random.Random) -> Request:
    pairs = [("device", dev_id(rng)), ("metric", pick(rng, ["t", "h", "pm25", "kw", "rssi"])), ("from", stamp(rng)), ("to", "now"),
             ("agg", pick(rng, ["avg", "max", "p95"])), ("step", pick(rng, ["1m", "5m", "1h"]))]
    return console_api(rng, "metrics_query", "GET", "/api/metrics", form(pairs))


# ------------------------------------------------------------------ bridges and callbacks


def mqtt_bridge(rng: random.Random) -> Request:
    did = dev_id(rng)
    payload = js_json({"t": round(rng.uniform(-5, 35), 2), "h": rng.randrange(20, 90), "ts": epoch(rng)})
    obj = {"clientid": did, "username": did, "topic": pick(rng, [f"devices/{did}/telemetry", f"atlas/{pick(rng, SITES)}/{did}/state", f"$dt/{did}/events/alarm"]),
           "payload": pick(rng, [payload, base64.b64encode(payload.encode()).decode()]), "qos": rng.randint(0, 1), "retain": False,
           "timestamp": epoch(rng) * 1000 + rng.randrange(1000), "peerhost": doc_ip(rng), "node": "emqx@10.0.0.12", "event": "message.publish"}
    return client(rng, SRC, "mqtt_bridge_webhook", "POST", HOOKS, "/mqtt/publish", body=js_json(obj).encode(), ctype="application/json",
                  lib="java", ua="EMQX/5.8.2", auth="Basic " + base64.b64encode(b"emqx:" + hexs(rng, 16).encode()).decode())


def lorawan(rng: random.Random) -> Request:
    dev_eui = hexs(rng, 16).upper()
    raw = rbytes(rng, rng.randint(4, 12))
    obj = {"end_device_ids": {"device_id": f"eui-{dev_eui.lower()}", "application_ids": {"application_id": "atlas-sensors"}, "dev_eui": dev_eui,
                              "dev_addr": hexs(rng, 8).upper()},
           "received_at": stamp(rng)[:23] + "456789Z",
           "uplink_message": {"f_port": rng.choice([1, 2, 10]), "f_cnt": rng.randrange(10**5), "frm_payload": base64.b64encode(raw).decode(),
                              "decoded_payload": {"temperature": round(rng.uniform(-10, 30), 1), "battery_mv": rng.randrange(2800, 3600)},
                              "rx_metadata": [{"gateway_ids": {"gateway_id": f"gw-{pick(rng, SITES)}".replace("ö", "o").replace("ó", "o")}, "rssi": -rng.randrange(60, 120),
                                               "snr": round(rng.uniform(-12, 10), 1)}],
                              "settings": {"data_rate": {"lora": {"bandwidth": 125000, "spreading_factor": rng.randint(7, 12)}}, "frequency": "868100000"}}}
    return client(rng, SRC, "lorawan_uplink", "POST", HOOKS, "/lorawan/uplink", body=js_json(obj).encode(), ctype="application/json",
                  lib="go", ua="TTS/3.34.1", extra=[("x-downlink-apikey", "NNSXS." + chars(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 39)),
                                                     ("x-tts-domain", "eu1.cloud.example.com")])


def sigfox(rng: random.Random) -> Request:
    pairs = [("device", hexs(rng, 7).upper()), ("time", str(epoch(rng))), ("data", hexs(rng, 24)), ("seqNumber", str(rng.randrange(4096))),
             ("rssi", f"{-rng.uniform(100, 140):.2f}"), ("station", hexs(rng, 4).upper()), ("avgSnr", f"{rng.uniform(5, 40):.2f}")]
    if rng.random() < 0.5:
        return client(rng, SRC, "sigfox_callback", "GET", HOOKS, "/sigfox", form(pairs), lib="java", ua="SIGFOX")
    return client(rng, SRC, "sigfox_callback", "POST", HOOKS, "/sigfox", body=form(pairs).encode(), ctype="application/x-www-form-urlencoded",
                  lib="java", ua="SIGFOX")


def node_red(rng: random.Random) -> Request:
    obj = {"device": dev_id(rng), "state": pick(rng, ["on", "off", "toggle"]), "source": "node-red", "flow": pick(rng, ["Garden lights", "Heating – night setback"])}
    return client(rng, SRC, "integration_command", "POST", API, "/v1/actions", body=js_json(obj).encode(), ctype="application/json", lib="node",
                  auth="Bearer " + b64url(rbytes(rng, 32)), ua="got (https://github.com/sindresorhus/got)")


BOOTLOG = ["ets Jul 29 2019 12:21:46\n\nrst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\nconfigsip: 0, SPIWP:0xee\nclk_drv:0x00,q_drv:0x00,d_drv:0x00,cs0_drv:0x00,hd_drv:0x00,wp_drv:0x00\nmode:DIO, clock div:1\nload:0x3fff0030,len:1344\nentry 0x400805f0",
           "I (312) cpu_start: Starting scheduler on PRO CPU.\nI (1523) wifi:connected with Warehouse-2G, aid = 3, channel 6, BW20, bssid = a4:cf:12:3b:9e:01\nI (2511) esp_netif_handlers: sta ip: 192.0.2.57, mask: 255.255.255.0, gw: 192.0.2.1\nW (4120) sensor: I2C read failed (err=0x107), retry 1/3\nI (4301) app: t=21.43 h=48.2 -> POST /v1/telemetry 204",
           "[  123][I][wifi.c:88] connected to SSID 'Plant 3 (IoT)'\n[  901][W][mqtt.c:212] broker unreachable (ECONNREFUSED), backoff 8s\n[ 9012][I][ota.c:41] checking https://fw.iot.example.com/v1/ota/check?model=TH2&fw=3.2.0\n[ 9450][I][ota.c:77] no update (304)",
           "Guru Meditation Error: Core  1 panic'ed (LoadProhibited). Exception was unhandled.\nCore  1 register dump:\nPC      : 0x400d3f1a  PS      : 0x00060b30  A0      : 0x800d41c2  A1      : 0x3ffb1f50\nBacktrace: 0x400d3f17:0x3ffb1f50 0x400d41bf:0x3ffb1f70 0x40089a9a:0x3ffb1fa0\n\nELF file SHA256: " + "3f9c2e1a5b7d8c90"]


def log_upload(rng: random.Random) -> Request:
    return fw_client(rng, "device_log", "POST", INGEST, f"/v1/devices/{dev_id(rng)}/logs", form([("boot", str(rng.randrange(1, 500)))]),
                     body=pick(rng, BOOTLOG).encode(), ctype="text/plain", auth=dev_token(rng))


def snapshot(rng: random.Random) -> Request:
    return fw_client(rng, "camera_snapshot", "POST", INGEST, f"/v1/devices/{dev_id(rng)}/snapshot",
                     form([("trigger", pick(rng, ["motion", "schedule", "manual"])), ("ts", str(epoch(rng)))]),
                     body=fake_jpeg(rng, 2500 + rng.randrange(4000)), ctype="image/jpeg", model="CAM1", auth=dev_token(rng))


def modbus_map(rng: random.Random) -> Request:
    regs = [{"name": n, "address": 30000 + rng.randrange(0, 200) * 2, "type": pick(rng, ["float32", "uint16", "int32"]), "scale": pick(rng, [1, 0.1, 0.01]),
             "unit": u} for n, u in some(rng, [("voltage_l1", "V"), ("current_l1", "A"), ("active_power", "kW"), ("energy_import", "kWh"), ("frequency", "Hz"), ("pf", "")], 2, 5)]
    obj = {"device": dev_id(rng), "slave_id": rng.randint(1, 32), "baud": pick(rng, [9600, 19200]), "parity": pick(rng, ["N", "E"]), "poll_ms": pick(rng, [1000, 5000]),
           "registers": regs, "byte_order": pick(rng, ["ABCD", "CDAB"])}
    return console_api(rng, "modbus_map", "PUT", f"/api/gateways/{dev_id(rng)}/modbus", obj=obj)


def shelly_status(rng: random.Random) -> Request:
    obj = {"src": f"shellyplus1pm-{hexs(rng, 12)}", "dst": "cloud", "method": "NotifyStatus",
           "params": {"ts": epoch(rng) + rng.random(), "switch:0": {"id": 0, "output": rng.random() < 0.5, "apower": round(rng.uniform(0, 2300), 1),
                                                                    "voltage": round(rng.uniform(225, 245), 1), "temperature": {"tC": round(rng.uniform(30, 60), 1)}}}}
    return client(rng, SRC, "relay_status", "POST", INGEST, "/v1/rpc", body=js_json(obj).encode(), ctype="application/json", lib="embedded",
                  ua="Shelly/20250915-124603/1.7.1-gd336f31 (SHPLUS1PM)")


def iot_devices(rng: random.Random, n: int) -> list[Request]:
    makers = [
        (22, telemetry_json), (9, telemetry_form), (6, telemetry_text), (5, telemetry_cbor), (4, telemetry_protobuf), (4, telemetry_senml),
        (4, line_protocol), (4, ndjson_batch), (16, heartbeat), (3, time_sync), (4, gps_tracker), (8, fw_check), (5, fw_download),
        (2, fw_upload), (2, fw_upload_ci), (2, ota_campaign), (7, shadow), (4, config_doc), (3, provision), (1, cert_upload), (3, claim),
        (4, rule), (2, rule_test), (3, alert_ack), (3, command), (5, console_search), (4, console_list), (3, metrics_query),
        (5, mqtt_bridge), (4, lorawan), (2, sigfox), (2, node_red), (3, log_upload), (2, snapshot), (1, modbus_map), (3, shelly_status),
    ]
    return run(rng, n, makers)
