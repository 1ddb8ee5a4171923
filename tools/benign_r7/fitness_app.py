# ruff: noqa: RUF001 - real text uses typographic characters
"""A fitness tracker: the phone apps, the web dashboard (Flask), wearable
sync, GPS track uploads (GPX, TCX, FIT, JSON), nutrition logging, coaching
messages, challenges, and webhooks to and from partner platforms.
"""

from __future__ import annotations

import math
import random
import struct

from .common import (
    BROWSERS,
    Part,
    Request,
    b64url,
    bearer,
    boundary,
    browser,
    chars,
    client,
    cookie_jar,
    csrf,
    day,
    epoch,
    fake_jpeg,
    form,
    hexs,
    hmac_hex,
    js_json,
    multipart,
    person,
    pick,
    py_json,
    query,
    rbytes,
    run,
    slug,
    some,
    stamp,
    text_parts,
    uri_query,
    uuid4,
)

SRC = "fitness_app"
WEB = "app.pulsetrack.example.com"
API = "api.pulsetrack.example.com"
SYNC = "sync.pulsetrack.example.com"
LIFTS = ["Back squat", "Deadlift", "Bench press", "Overhead press", "Barbell row", "Romanian deadlift", "Pull-up",
         "Hip thrust", "Bulgarian split squat", "Incline DB press", "Lat pulldown", "Front squat", "Kettlebell swing"]
NOTES = ["5x5 @ 100kg, last set was a grind", "tempo 3-1-1-0, felt strong", "RPE 8 on the top set, left 2 in the tank",
         "3x8 @ 60kg + 2x AMRAP (12, 10)", "drop set: 80 → 60 → 40kg", "paused reps (2s) at the bottom",
         "EMOM 12 min: 5 swings @ 24kg", "left knee a bit sore – kept it to 90%", "PR!! 140kg x 1 🎉",
         "superset w/ face pulls, 60s rest", "Wendler 5/3/1 week 2: 3x3+ @ 90%", "belt on for sets 3–5", ""]
FOODS = ["Greek yoghurt 0% (170g)", "Porridge oats, 40g with semi-skimmed milk", "Banana, medium", "Chicken breast, grilled – 150g",
         "Brown rice (cooked) 1 cup", "Protein shake – whey, vanilla, 1 scoop", "Avocado toast (sourdough)", "Salmon fillet, baked",
         "Café latte, oat milk, grande", "Peanut butter, 2 tbsp", "Lentil dahl (homemade)", "Pret-style falafel & hummus wrap",
         "Dark chocolate 85%, 2 squares", "Eggs, scrambled ×3", "Mixed berries, frozen, 80g", "Jollof rice & plantain"]
COACH = ["Great session yesterday! Next week let’s drop the volume on squats to 3x5 and add a back-off set at 80%.",
         "How did the long run feel? Keep HR under 150 for the first 10k – it’s a zone 2 week.",
         "Saw your note about the knee. Swap Bulgarian split squats for step-ups (box ≤ 40cm) until it settles.",
         "Can we move Thursday’s check-in to 7:30pm? I’m coaching a class at 6.",
         "Macros for this block: ~180g protein / 250g carbs / 70g fat. Don’t stress about hitting it to the gram.",
         "Thanks coach! Hit 5x5 @ 102.5 today 💪 tempo felt much better",
         "Quick q – is it OK to do the intervals on the bike instead? Treadmill at the gym is broken again 🙄"]
ACTIVITY = ["run", "ride", "walk", "hike", "swim", "row", "strength", "yoga", "hiit", "trail_run"]


def _web_cookie(rng: random.Random) -> str:
    return cookie_jar(rng, "flask", ga=0.5, extra=[("units", pick(rng, ["metric", "imperial"]))])


def _app(rng: random.Random) -> tuple[str, str]:
    lib = pick(rng, ["okhttp", "ios", "ios"])
    if lib == "okhttp":
        return lib, f"PulseTrack/8.{rng.randint(10, 14)}.0 (Android {pick(rng, ['13', '14', '15'])}; {pick(rng, ['Pixel 8', 'SM-S921B', 'Pixel 7a'])})"
    return lib, f"PulseTrack/8.{rng.randint(10, 14)} (iPhone16,{rng.randint(1, 2)}; iOS 18.{rng.randint(5, 7)}) CFNetwork/3826.600.41 Darwin/24.6.0"


def _app_req(rng: random.Random, kind: str, method: str, path: str, obj: object | None = None, qs: str = "",
             extra: list[tuple[str, str]] | None = None) -> Request:
    lib, ua = _app(rng)
    body = js_json(obj).encode() if obj is not None else None
    return client(rng, SRC, kind, method, API, path, qs, body=body, ctype="application/json; charset=utf-8" if body else None,
                  lib=lib, ua=ua, auth=bearer(rng, "https://auth.pulsetrack.example.com", "activity:write profile"),
                  extra=[("x-client-version", ua.split(" ")[0].split("/")[1]), *(extra or [])])


def _track(rng: random.Random, n: int) -> list[tuple[float, float, float, int]]:
    lat, lon, ele = 50.70 + rng.random() / 20, -1.25 + rng.random() / 20, 10 + rng.random() * 40
    t = epoch(rng)
    pts = []
    heading = rng.random() * 2 * math.pi
    for i in range(n):
        heading += rng.uniform(-0.3, 0.3)
        lat += math.cos(heading) * 0.00009
        lon += math.sin(heading) * 0.00013
        ele += rng.uniform(-0.6, 0.6)
        pts.append((round(lat, 7), round(lon, 7), round(ele, 1), t + i * 5))
    return pts


def _iso(t: int) -> str:
    d, s = divmod(t - 1_793_491_200, 86400)
    m = 11 if d < 30 else 12
    dd = d + 1 if d < 30 else d - 29
    return f"2026-{m:02d}-{dd:02d}T{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}Z"


def gpx_upload(rng: random.Random) -> Request:
    pts = _track(rng, rng.randint(15, 45))
    name = pick(rng, ["Morning Run", "Lunch loop 🏃", "Parkrun – Fairhaven Promenade", "Hill reps", "Commute home", "Sunday long ride"])
    trk = "".join(f'   <trkpt lat="{la}" lon="{lo}">\n    <ele>{el}</ele>\n    <time>{_iso(t)}</time>\n    <extensions>\n     <gpxtpx:TrackPointExtension>\n      <gpxtpx:hr>{rng.randint(120, 175)}</gpxtpx:hr>\n      <gpxtpx:cad>{rng.randint(78, 92)}</gpxtpx:cad>\n     </gpxtpx:TrackPointExtension>\n    </extensions>\n   </trkpt>\n'
                  for la, lo, el, t in pts)
    gpx = ('<?xml version="1.0" encoding="UTF-8"?>\n<gpx creator="Forerunner 265" version="1.1" xmlns="http://www.topografix.com/GPX/1/1" '
           'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
           f' <metadata>\n  <time>{_iso(pts[0][3])}</time>\n </metadata>\n <trk>\n  <name>{name.replace("&", "&amp;")}</name>\n  <type>running</type>\n  <trkseg>\n{trk}  </trkseg>\n </trk>\n</gpx>\n')
    b = pick(rng, BROWSERS)
    bnd = boundary(rng, b)
    parts: list[Part] = [("file", gpx.encode(), f"{slug(name) or 'activity'}.gpx", "application/gpx+xml")]
    parts += text_parts([("name", name), ("description", pick(rng, ["", "Legs heavy after Saturday", "Windy on the seafront!", "Negative split 🙌"])),
                         ("activity_type", pick(rng, ACTIVITY)), ("private", pick(rng, ["false", "true"]))])
    body = multipart(parts, bnd)
    return browser(rng, SRC, "gpx_upload", "POST", WEB, "/upload/file", body=body, ctype=f"multipart/form-data; boundary={bnd}",
                   cookie=_web_cookie(rng), extra=csrf(rng, "flask"), b=b, referer=f"https://{WEB}/upload")


def tcx_upload(rng: random.Random) -> Request:
    pts = _track(rng, rng.randint(10, 25))
    laps = "".join(f"        <Trackpoint>\n          <Time>{_iso(t)}</Time>\n          <Position><LatitudeDegrees>{la}</LatitudeDegrees><LongitudeDegrees>{lo}</LongitudeDegrees></Position>\n"
                   f"          <AltitudeMeters>{el}</AltitudeMeters>\n          <HeartRateBpm><Value>{rng.randint(110, 170)}</Value></HeartRateBpm>\n        </Trackpoint>\n" for la, lo, el, t in pts)
    tcx = ('<?xml version="1.0" encoding="UTF-8"?>\n<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">\n'
           f'  <Activities>\n    <Activity Sport="{pick(rng, ["Running", "Biking"])}">\n      <Id>{_iso(pts[0][3])}</Id>\n      <Lap StartTime="{_iso(pts[0][3])}">\n'
           f'        <TotalTimeSeconds>{len(pts) * 5}.0</TotalTimeSeconds>\n        <Track>\n{laps}        </Track>\n      </Lap>\n    </Activity>\n  </Activities>\n</TrainingCenterDatabase>\n')
    bnd = boundary(rng, lib="requests")
    body = multipart([("file", tcx.encode(), "activity_1843.tcx", "application/vnd.garmin.tcx+xml"),
                      ("data_type", b"tcx", None, None), ("external_id", f"imp-{hexs(rng, 12)}".encode(), None, None)], bnd)
    return client(rng, SRC, "tcx_upload_api", "POST", API, "/v3/uploads", body=body, ctype=f"multipart/form-data; boundary={bnd}",
                  lib="requests", auth="Bearer " + hexs(rng, 40))


def fit_upload(rng: random.Random) -> Request:
    n = rng.randint(200, 700)
    header = struct.pack("<BBHI4s", 14, 0x20, 2195, n, b".FIT") + b"\x00\x00"
    fit = header + rbytes(rng, n) + rbytes(rng, 2)
    lib, ua = _app(rng)
    bnd = boundary(rng, lib=lib)
    body = multipart([("file", fit, f"{epoch(rng)}.fit", "application/octet-stream"),
                      ("source", b"watch_sync", None, None), ("device", pick(rng, [b"Forerunner 965", b"Edge 540", b"Apex 2 Pro"]), None, None)], bnd)
    return client(rng, SRC, "fit_upload", "POST", SYNC, "/v2/activities/fit", body=body, ctype=f"multipart/form-data; boundary={bnd}",
                  lib=lib, ua=ua, auth=bearer(rng, "https://auth.pulsetrack.example.com"))


def json_track(rng: random.Random) -> Request:
    pts = _track(rng, rng.randint(20, 60))
    obj = {"activityId": uuid4(rng), "type": pick(rng, ACTIVITY), "startedAt": _iso(pts[0][3]), "timezone": pick(rng, ["Europe/London", "Europe/Dublin", "America/Chicago"]),
           "points": [{"t": t, "lat": la, "lon": lo, "alt": el, "acc": round(rng.uniform(3, 12), 1)} for la, lo, el, t in pts],
           "pauses": [{"from": pts[5][3], "to": pts[5][3] + rng.randint(10, 90)}] if rng.random() < 0.3 else []}
    return _app_req(rng, "track_json_upload", "POST", "/v2/activities", obj, extra=[("idempotency-key", uuid4(rng))])


def wearable_sync(rng: random.Random) -> Request:
    t0 = epoch(rng)
    obj = {"deviceId": f"PT-BAND-{hexs(rng, 8).upper()}", "firmware": pick(rng, ["4.2.1", "4.3.0-beta2", "4.1.9"]), "battery": rng.randint(5, 100),
           "samples": {"steps": [{"t": t0 + i * 60, "v": rng.randint(0, 140)} for i in range(rng.randint(5, 20))],
                       "hr": [{"t": t0 + i * 15, "bpm": rng.randint(55, 110)} for i in range(rng.randint(5, 30))],
                       "spo2": [{"t": t0, "pct": rng.randint(94, 99)}] if rng.random() < 0.5 else []},
           "sleep": {"start": stamp(rng), "stages": [{"stage": s, "min": rng.randint(5, 90)} for s in some(rng, ["light", "deep", "rem", "awake"], 2, 4)]} if rng.random() < 0.4 else None}
    return _app_req(rng, "wearable_sync", "POST", "/v2/sync/batch", obj, extra=[("x-sync-seq", str(rng.randrange(10**5)))])


def hr_series(rng: random.Random) -> Request:
    t0 = epoch(rng)
    obj = {"activityId": uuid4(rng), "series": "heartrate", "resolution": "1s", "start": t0,
           "values": [rng.randint(95, 182) for _ in range(rng.randint(40, 160))], "zones": [118, 137, 155, 168, 182]}
    return _app_req(rng, "hr_series", "PUT", f"/v2/activities/{rng.randrange(10**8)}/streams/heartrate", obj)


def workout_log(rng: random.Random) -> Request:
    ex = []
    for lift in some(rng, LIFTS, 2, 5):
        w = rng.choice([20, 40, 60, 80, 100, 102.5, 120, 140])
        ex.append({"name": lift, "sets": [{"reps": rng.choice([3, 5, 5, 8, 10, 12]), "weight": w, "unit": "kg", "rpe": pick(rng, [None, 7, 7.5, 8, 9])}
                                          for _ in range(rng.randint(3, 5))],
                   "tempo": pick(rng, [None, "3-1-1-0", "2-0-1-0", "4-2-1-1", "30X0"]), "rest_s": pick(rng, [60, 90, 120, 180]),
                   "notes": pick(rng, NOTES)})
    obj = {"title": pick(rng, ["Push A", "Legs (heavy)", "Full body – 5x5", "Upper / lower: upper", "Deload week, day 2"]),
           "date": day(rng, past=True), "durationMin": rng.randint(35, 95), "exercises": ex, "bodyweightKg": round(rng.uniform(55, 105), 1)}
    if rng.random() < 0.5:
        return _app_req(rng, "workout_log", "POST", "/v2/workouts", obj)
    return browser(rng, SRC, "workout_log_web", "POST", WEB, "/api/workouts", body=js_json(obj).encode(), ctype="application/json",
                   cookie=_web_cookie(rng), extra=csrf(rng, "flask"), referer=f"https://{WEB}/log")


def quick_set(rng: random.Random) -> Request:
    pairs = [("exercise", pick(rng, LIFTS)), ("sets", str(rng.randint(1, 6))), ("reps", pick(rng, ["5", "8-10", "AMRAP", "3+"])),
             ("weight", pick(rng, ["100", "62.5", "bodyweight", "24kg KB"])), ("notes", pick(rng, NOTES)), ("csrf_token", hexs(rng, 40))]
    return browser(rng, SRC, "quick_set_form", "POST", WEB, "/log/quick", body=form(pairs).encode(), ctype="application/x-www-form-urlencoded",
                   page=True, cookie=_web_cookie(rng), referer=f"https://{WEB}/log")


def food_search(rng: random.Random) -> Request:
    q = pick(rng, ["greek yog", "chicken breast", "oat milk latte", "nando's", "jollof", "protein bar 20g", "banana", "m&m's", "crème brûlée", "pho bo"])
    return _app_req(rng, "food_search", "GET", "/v2/foods/search", qs=uri_query([("q", q), ("locale", pick(rng, ["en-GB", "en-US", "fr-FR"])), ("limit", "20")]))


def food_log(rng: random.Random) -> Request:
    obj = {"date": day(rng, past=True), "meal": pick(rng, ["breakfast", "lunch", "dinner", "snacks"]),
           "entries": [{"food": f, "servings": pick(rng, [0.5, 1, 1, 1.5, 2]), "kcal": rng.randint(40, 650),
                        "protein_g": rng.randint(0, 45), "carbs_g": rng.randint(0, 80), "fat_g": rng.randint(0, 30)} for f in some(rng, FOODS, 1, 4)]}
    return _app_req(rng, "food_log", "POST", "/v2/diary/entries", obj)


def barcode(rng: random.Random) -> Request:
    return _app_req(rng, "barcode_lookup", "GET", f"/v2/foods/barcode/{rng.randrange(10**12, 10**13)}")


def recipe_import(rng: random.Random) -> Request:
    obj = {"name": pick(rng, ["Overnight oats (batch)", "Mum’s chicken soup", "High-protein pancakes"]), "servings": rng.randint(1, 6),
           "ingredients": pick(rng, ["80g oats\n200ml milk\n1 scoop whey\n1 tbsp chia seeds\nhandful blueberries",
                                     "1 whole chicken (~1.5kg)\n2 carrots, chopped\n2 sticks celery\n1 onion\nsalt & pepper to taste",
                                     "2 eggs\n1 banana\n30g protein powder\n½ tsp baking powder"])}
    return _app_req(rng, "recipe_import", "POST", "/v2/recipes/parse", obj)


def challenge_join(rng: random.Random) -> Request:
    return browser(rng, SRC, "challenge_join", "POST", WEB, f"/api/challenges/{pick(rng, ['december-100k', 'plank-30', 'run-streak-2026', 'step-it-up'])}/join",
                   body=b"{}", ctype="application/json", cookie=_web_cookie(rng), extra=csrf(rng, "flask"))


def leaderboard(rng: random.Random) -> Request:
    qs = query([("period", pick(rng, ["week", "month", "all"])), ("metric", pick(rng, ["distance", "elevation", "time", "steps"])),
                ("filter", pick(rng, ["following", "club", "all", "age:35-44", "gender:f"])), ("page", str(rng.randint(1, 3)))])
    if rng.random() < 0.5:
        return _app_req(rng, "leaderboard", "GET", f"/v2/segments/{rng.randrange(10**6)}/leaderboard", qs=qs)
    return browser(rng, SRC, "leaderboard_web", "GET", WEB, f"/clubs/{pick(rng, ['fairhaven-harriers', 'riverton-rouleurs', 'old-mill-lifters'])}/leaderboard", qs,
                   page=True, cookie=_web_cookie(rng))


def coach_message(rng: random.Random) -> Request:
    obj = {"threadId": uuid4(rng), "text": pick(rng, COACH), "attachments": [], "clientMsgId": uuid4(rng)}
    if rng.random() < 0.5:
        return _app_req(rng, "coach_message", "POST", "/v2/messages", obj)
    return browser(rng, SRC, "coach_message_web", "POST", WEB, "/api/messages", body=js_json(obj).encode(), ctype="application/json",
                   cookie=_web_cookie(rng), extra=csrf(rng, "flask"))


def form_video(rng: random.Random) -> Request:
    lib, ua = _app(rng)
    bnd = boundary(rng, lib=lib)
    body = multipart([("thread_id", uuid4(rng).encode(), None, None), ("caption", "Squat form check – does my lower back round at the bottom?".encode(), None, None),
                      ("file", b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41" + rbytes(rng, rng.randint(800, 2000)), "squat_check.mp4", "video/mp4")], bnd)
    return client(rng, SRC, "form_check_video", "POST", API, "/v2/messages/media", body=body, ctype=f"multipart/form-data; boundary={bnd}",
                  lib=lib, ua=ua, auth=bearer(rng, "https://auth.pulsetrack.example.com"))


def profile_settings(rng: random.Random) -> Request:
    obj = {"displayName": pick(rng, ["Kofi M.", "ingrid runs", "Tom – Fairhaven Harriers", "Seo-yeon"]), "units": pick(rng, ["metric", "imperial"]),
           "weekStart": pick(rng, ["monday", "sunday"]), "hrZones": {"method": pick(rng, ["max_hr", "lthr", "custom"]), "maxHr": rng.randint(170, 200)},
           "privacy": {"activities": pick(rng, ["everyone", "followers", "only_me"]), "hideStartEnd": rng.random() < 0.6, "privacyZoneRadiusM": pick(rng, [200, 400, 800])},
           "bio": pick(rng, ["Marathoner in training (sub-3:30 or bust)", "Dad, lifter, occasional parkrunner", "🏊‍♀️🚴‍♀️🏃‍♀️ 70.3 in June", ""])}
    return browser(rng, SRC, "profile_settings", "PATCH", WEB, "/api/me/settings", body=js_json(obj).encode(), ctype="application/json",
                   cookie=_web_cookie(rng), extra=csrf(rng, "flask"))


def avatar(rng: random.Random) -> Request:
    b = pick(rng, BROWSERS)
    bnd = boundary(rng, b)
    body = multipart([("avatar", fake_jpeg(rng, rng.randint(300, 900)), "me.jpg", "image/jpeg"), ("crop", b"0,0,512,512", None, None)], bnd)
    return browser(rng, SRC, "avatar_upload", "POST", WEB, "/api/me/avatar", body=body, ctype=f"multipart/form-data; boundary={bnd}",
                   cookie=_web_cookie(rng), extra=csrf(rng, "flask"), b=b)


def dashboard(rng: random.Random) -> Request:
    path = pick(rng, ["/dashboard", "/training/calendar", "/activities", f"/activities/{rng.randrange(10**8)}", "/progress/lifts", "/nutrition/diary"])
    qs = pick(rng, ["", "", "week=2026-W48", f"date={day(rng, past=True)}", "sport=run&sort=-date"])
    return browser(rng, SRC, "dashboard_page", "GET", WEB, path, qs, page=True, cookie=_web_cookie(rng))


def stats_api(rng: random.Random) -> Request:
    return browser(rng, SRC, "stats_api", "GET", WEB, "/api/stats/summary",
                   query([("from", day(rng, past=True)), ("to", day(rng, past=True)), ("group", pick(rng, ["day", "week"])), ("types", ",".join(some(rng, ACTIVITY, 1, 3)))]),
                   cookie=_web_cookie(rng))


def partner_webhook_out(rng: random.Random) -> Request:
    obj = {"aspect_type": pick(rng, ["create", "update", "delete"]), "event_time": epoch(rng), "object_id": rng.randrange(10**10, 10**11),
           "object_type": pick(rng, ["activity", "athlete"]), "owner_id": rng.randrange(10**6, 10**8), "subscription_id": rng.randrange(10**5),
           "updates": pick(rng, [{}, {"title": "Evening Run 🌙"}, {"type": "Ride"}, {"private": "true"}])}
    body = js_json(obj).encode()
    return client(rng, SRC, "partner_webhook", "POST", API, "/webhooks/partner/activity", body=body, ctype="application/json",
                  lib="go", ua="RouteHub-Webhooks/1.0")


def webhook_verify(rng: random.Random) -> Request:
    return client(rng, SRC, "webhook_verify", "GET", API, "/webhooks/partner/activity",
                  query([("hub.mode", "subscribe"), ("hub.challenge", chars(rng, "abcdefghijklmnopqrstuvwxyz0123456789", 20)), ("hub.verify_token", "PULSE_" + hexs(rng, 12))]),
                  lib="go", ua="RouteHub-Webhooks/1.0")


def oauth_callback(rng: random.Random) -> Request:
    return browser(rng, SRC, "oauth_callback", "GET", WEB, "/connect/routehub/callback",
                   query([("state", b64url(rbytes(rng, 24))), ("code", hexs(rng, 40)), ("scope", "read,activity:read_all")]),
                   page=True, cookie=_web_cookie(rng), site="cross-site", referer="https://www.routehub.example.net/")


def health_export(rng: random.Random) -> Request:
    obj = {"source": "HealthKit", "exportedAt": stamp(rng),
           "records": [{"type": pick(rng, ["HKQuantityTypeIdentifierStepCount", "HKQuantityTypeIdentifierRestingHeartRate", "HKQuantityTypeIdentifierBodyMass", "HKQuantityTypeIdentifierVO2Max"]),
                        "value": round(rng.uniform(1, 12000), 1), "unit": pick(rng, ["count", "count/min", "kg", "mL/min·kg"]), "startDate": stamp(rng)} for _ in range(rng.randint(3, 12))]}
    body = js_json(obj).encode()
    return client(rng, SRC, "health_import", "POST", SYNC, "/v2/health/import", body=body, ctype="application/json", lib="ios",
                  ua="PulseTrack/8.12 (iPhone16,2; iOS 18.7) CFNetwork/3826.600.41 Darwin/24.6.0",
                  auth=bearer(rng, "https://auth.pulsetrack.example.com"))


def gym_checkin(rng: random.Random) -> Request:
    body = py_json({"member": f"M{rng.randrange(10**6, 10**7)}", "door": pick(rng, ["main", "side", "pool"]), "ts": epoch(rng), "result": "granted"}).encode()
    return client(rng, SRC, "gym_checkin", "POST", API, "/integrations/gym/checkins", body=body, ctype="application/json", lib="embedded",
                  ua="AccessCtl/2.0 (ESP32)", extra=[("x-api-key", hexs(rng, 32)), ("x-signature", hmac_hex(rng, body))])


def export_request(rng: random.Random) -> Request:
    _, _, email = person(rng)
    pairs = [("format", pick(rng, ["gpx", "csv", "fit"])), ("range", pick(rng, ["all", "2026", "last_90_days"])), ("email", email), ("csrf_token", hexs(rng, 40))]
    return browser(rng, SRC, "data_export", "POST", WEB, "/settings/export", body=form(pairs).encode(), ctype="application/x-www-form-urlencoded",
                   page=True, cookie=_web_cookie(rng))


def kudos(rng: random.Random) -> Request:
    if rng.random() < 0.5:
        return _app_req(rng, "kudos", "POST", f"/v2/activities/{rng.randrange(10**8)}/kudos", {})
    return _app_req(rng, "activity_comment", "POST", f"/v2/activities/{rng.randrange(10**8)}/comments",
                    {"text": pick(rng, ["Flying! 🔥", "That hill at km 7 is brutal", "Congrats on the PB!!", "Nice pacing – even splits 👏", "see you at parkrun sat?"])})


def fitness_app(rng: random.Random, n: int) -> list[Request]:
    return run(rng, n, [
        (4, gpx_upload), (2, tcx_upload), (4, fit_upload), (6, json_track), (14, wearable_sync), (5, hr_series),
        (9, workout_log), (3, quick_set), (6, food_search), (9, food_log), (3, barcode), (1, recipe_import),
        (2, challenge_join), (6, leaderboard), (5, coach_message), (1, form_video), (2, profile_settings), (1, avatar),
        (9, dashboard), (4, stats_api), (3, partner_webhook_out), (1, webhook_verify), (1, oauth_callback),
        (2, health_export), (2, gym_checkin), (1, export_request), (6, kudos),
    ])
