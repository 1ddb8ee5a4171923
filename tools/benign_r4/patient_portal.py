# ruff: noqa: RUF001 - real text uses typographic characters
"""patient_portal: a healthcare portal (Django site, FHIR-style API, a mobile
app): appointment requests, symptom descriptions, medication lists with doses,
refill requests, insurance ids, secure messages to doctors, in several
languages. Every person, id and number is invented."""

from __future__ import annotations

import random

from benign_record import ALNUM, chars, form, js_json, pick, py_json, stamp, uuid4

from .common import (
    BROWSERS,
    Request,
    bearer,
    boundary,
    browser,
    client,
    cookies,
    csrf_header,
    fake_pdf,
    future_day,
    multipart,
    person,
    phone,
    query,
    run,
    some,
    text_parts,
)

SRC = "patient_portal"
HOST = "mychart.example.org"
FW = "django"

MEDS = ["metformin 500 mg 2x daily with meals", "ibuprofen 200mg as needed (max 3/day)", "lisinopril 10 mg once daily",
        "atorvastatin 20mg at bedtime", "levothyroxine 75 mcg every morning, empty stomach", "sertraline 50 mg qd",
        "amoxicillin 500 mg 3x/day x 7 days", "vitamin D3 1000 IU daily", "albuterol inhaler 2 puffs q4-6h PRN",
        "omeprazole 20 mg before breakfast", "paracetamol 1 g up to 4x/day", "Ramipril 5 mg 1-0-0",
        "Ibuprofen 400 mg bei Bedarf", "Doliprane 1000 mg, 3 fois par jour", "insulin glargine 14 units at night",
        "prednisone 10 mg taper (40→30→20→10 over 8 days)", "melatonin 3mg ~30 min before bed", "cetirizine 10 mg PRN for allergies"]
SYMPTOMS = [
    "Sore throat & mild fever (100.4°F / 38 °C) since Sunday, no cough. Rapid test at home was negative.",
    "Lower back pain after lifting boxes on 12/1 — worse when bending, 6/10. Ibuprofen helps a bit.",
    "Rash on both forearms, itchy, started 3 days after a new detergent. No swelling of lips/tongue.",
    "Headaches 3-4x/week for the past month, mostly in the afternoon. Screen time ~9 h/day.",
    "Follow-up for blood pressure. Home readings avg 138/88 (morning) and 130/82 (evening).",
    "Tos seca desde hace una semana, peor por la noche. Sin fiebre.",
    "Seit 5 Tagen Schmerzen im rechten Knie nach dem Joggen, leichte Schwellung.",
    "Douleurs abdominales (côté droit) depuis hier soir, nausées, pas de vomissements.",
    "Annual physical + need forms signed for my kid's school (sports clearance).",
    "Feeling dizzy when standing up quickly since starting the new BP med (lisinopril 10mg).",
    "A1c recheck — last was 7.2% in Aug. Been walking 30 min/day & cut sugary drinks.",
    "Burning when urinating x2 days, no fever, no back pain. Had similar UTI in March.",
]
MESSAGES = [
    "Hi Dr. {d}, quick question: can I take ibuprofen 200mg together with my lisinopril? I have a bad toothache. Thanks, {g}",
    "Hello, I'm running low on metformin 500 mg (2x daily). Could you send a refill to the pharmacy on file? I have ~4 days left.",
    "My lab results show LDL 162 mg/dL and HDL 41 — is that something we should talk about before my next visit?",
    "Dear Dr. {d}, since increasing sertraline to 100 mg I've had trouble sleeping. Is it OK to take it in the morning instead?",
    "Sehr geehrte Frau Dr. {d}, ich bräuchte bitte eine Überweisung zum Orthopäden. Vielen Dank, {g} {f}",
    "Bonjour Docteur, serait-il possible d'avoir une ordonnance pour renouveler le Doliprane ? Merci d'avance.",
    "Hola doctora, ¿puedo tomar paracetamol y amoxicilina a la vez? Gracias.",
    "Attached is the photo of the rash from this morning, it's spread a bit to the elbow :-/",
    "Thank you for seeing me on short notice yesterday! The antibiotic is already helping.",
    "My son (DOB 03/14/2016) has had a fever of 39.1 °C since last night. Should we come in or go to urgent care?",
    "Can you please fax/upload the form for my employer? They need it by Friday (12/11).",
]
DOCTORS = ["O'Malley", "Nguyễn", "Schröder", "García-López", "Adeyemi", "Kowalski", "Haddad", "Sato", "Lefèvre"]
INSURERS = ["Example Health PPO", "Sample Mutual HMO", "Beispiel Krankenkasse", "Mutuelle Exemple", "Acme Care Gold 80"]
VISIT_TYPES = ["new_problem", "follow_up", "annual_physical", "telehealth", "vaccination", "lab_only"]


def _member_id(rng: random.Random) -> str:
    return pick(rng, [f"XEH{rng.randrange(10**8, 10**9)}", f"W{rng.randrange(10**8):08d}-01", f"A{rng.randrange(10**9)}",
                      chars(rng, "ABCDEFGHJKLMNPRSTUVWXYZ", 3) + str(rng.randrange(10**6, 10**7))])


def appointment(rng: random.Random) -> Request:
    text = pick(rng, SYMPTOMS)
    lang = "es" if text.startswith("Tos") else "de" if text.startswith("Seit") else "fr" if text.startswith("Douleurs") else "en"
    body = form([("csrfmiddlewaretoken", chars(rng, ALNUM, 64)), ("visit_type", pick(rng, VISIT_TYPES)),
                 ("provider", f"Dr. {pick(rng, DOCTORS)}"), ("preferred_date", future_day(rng)),
                 ("preferred_time", pick(rng, ["morning", "afternoon", "08:30", "14:15", "any"])), ("reason", text),
                 ("contact_phone", phone(rng)), ("ok_to_leave_voicemail", pick(rng, ["yes", "no"])),
                 ("interpreter", pick(rng, ["", "", "Spanish", "ASL", "Vietnamese"]))]).encode()
    return browser(rng, SRC, "appointment_request", "POST", HOST, "/appointments/request/", body=body,
                   ctype="application/x-www-form-urlencoded", navigate=True, referer=f"https://{HOST}/appointments/request/",
                   cookie=cookies(rng, FW, ga=0.0), lang=lang)


def medication_list(rng: random.Random) -> Request:
    meds = some(rng, MEDS, 2, 6)
    doc = {"medications": [{"text": m, "active": True, "prescribed_by": pick(rng, ["Dr. " + pick(rng, DOCTORS), "other provider", "OTC"])}
                           for m in meds],
           "allergies": some(rng, ["penicillin (hives)", "sulfa", "latex", "shellfish", "none known"], 1, 2),
           "reviewed_at": stamp(rng)}
    return browser(rng, SRC, "medication_list", "PUT", HOST, "/api/me/medications/", body=js_json(doc).encode(),
                   ctype="application/json", referer=f"https://{HOST}/health/medications/", cookie=cookies(rng, FW, ga=0.0),
                   extra=csrf_header(rng, FW))


def message(rng: random.Random) -> Request:
    g, f, _ = person(rng)
    d = pick(rng, DOCTORS)
    text = pick(rng, MESSAGES).replace("{d}", d).replace("{g}", g).replace("{f}", f)
    br = pick(rng, BROWSERS)
    if "photo" in text and rng.random() < 0.8:
        bd = boundary(rng, br)
        parts = text_parts([("csrfmiddlewaretoken", chars(rng, ALNUM, 64)), ("to", f"dr-{d.lower()[:4]}"),
                            ("subject", "Rash update"), ("body", text)])
        parts.append(("attachment", b"\xff\xd8\xff\xe1" + bytes(rng.randrange(256) for _ in range(400)) + b"\xff\xd9",
                      "IMG_20261205_0812.jpg", "image/jpeg"))
        body = multipart(parts, bd)
        return browser(rng, SRC, "message_attachment", "POST", HOST, "/messages/compose/", body=body,
                       ctype=f"multipart/form-data; boundary={bd}", navigate=True, cookie=cookies(rng, FW, ga=0.0), b=br)
    doc = {"recipient_id": rng.randrange(10**4), "subject": pick(rng, ["Question about medication", "Refill", "Lab results",
                                                                       "Frage", "Ordonnance", "Fever", "Form for employer"]),
           "body": text, "thread_id": None if rng.random() < 0.6 else rng.randrange(10**6)}
    return browser(rng, SRC, "message_doctor", "POST", HOST, "/api/messages/", body=js_json(doc).encode(), ctype="application/json",
                   referer=f"https://{HOST}/messages/new/", cookie=cookies(rng, FW, ga=0.0), extra=csrf_header(rng, FW), b=br)


def refill(rng: random.Random) -> Request:
    doc = {"prescription_ids": [rng.randrange(10**6) for _ in range(rng.randint(1, 3))],
           "pharmacy": pick(rng, ["Example Pharmacy #1042 – 12 Main St", "Sample Drug Co. (mail order)", "Apotheke am Markt"]),
           "note": pick(rng, ["", "90-day supply please", "Going on vacation 12/20, need before then", "Generic is fine"])}
    return client(rng, SRC, "refill_app", "POST", "api.mychart.example.org", "/v2/refills", body=py_json(doc).encode(),
                  ctype="application/json", lib=pick(rng, ["okhttp", "ios"]), auth=bearer(rng, "https://auth.mychart.example.org"),
                  ua=pick(rng, ["MyHealth/11.3.0 (Android 15)", "MyHealth/11.2.2 CFNetwork/3826.600.41 Darwin/24.6.0"]))


def insurance(rng: random.Random) -> Request:
    g, f, _ = person(rng)
    br = pick(rng, BROWSERS)
    bd = boundary(rng, br)
    parts = text_parts([("csrfmiddlewaretoken", chars(rng, ALNUM, 64)), ("carrier", pick(rng, INSURERS)),
                        ("member_id", _member_id(rng)), ("group_number", str(rng.randrange(10**5, 10**6))),
                        ("subscriber_name", f"{g} {f}"), ("relationship", pick(rng, ["self", "spouse", "child"])),
                        ("subscriber_dob", f"{rng.randint(1950, 2005)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")])
    parts.append(("card_front", b"\xff\xd8\xff\xe0" + bytes(rng.randrange(256) for _ in range(300)) + b"\xff\xd9", "card_front.jpg", "image/jpeg"))
    body = multipart(parts, bd)
    return browser(rng, SRC, "insurance_update", "POST", HOST, "/billing/insurance/", body=body,
                   ctype=f"multipart/form-data; boundary={bd}", navigate=True, cookie=cookies(rng, FW, ga=0.0), b=br)


def fhir_read(rng: random.Random) -> Request:
    res, qs = pick(rng, [("Observation", query([("patient", str(rng.randrange(10**6))), ("code", "http://loinc.org|4548-4"), ("_sort", "-date")])),
                         ("MedicationRequest", query([("patient", str(rng.randrange(10**6))), ("status", "active")])),
                         ("Appointment", query([("patient", str(rng.randrange(10**6))), ("date", "ge2026-12-01")])),
                         ("AllergyIntolerance", query([("patient", str(rng.randrange(10**6)))]))])
    return client(rng, SRC, "fhir_read", "GET", "fhir.mychart.example.org", f"/R4/{res}", qs, lib=pick(rng, ["requests", "httpx", "node"]),
                  auth=bearer(rng, "https://auth.mychart.example.org"), extra=[("accept", "application/fhir+json")])


def questionnaire(rng: random.Random) -> Request:
    doc = {"resourceType": "QuestionnaireResponse", "status": "completed", "authored": stamp(rng),
           "item": [{"linkId": "phq9-1", "answer": [{"valueInteger": rng.randint(0, 3)}]},
                    {"linkId": "pain", "answer": [{"valueInteger": rng.randint(0, 10)}]},
                    {"linkId": "notes", "answer": [{"valueString": pick(rng, SYMPTOMS)}]}]}
    return browser(rng, SRC, "questionnaire", "POST", HOST, "/api/fhir/QuestionnaireResponse", body=js_json(doc).encode(),
                   ctype="application/fhir+json", cookie=cookies(rng, FW, ga=0.0), extra=csrf_header(rng, FW))


def records_request(rng: random.Random) -> Request:
    br = pick(rng, BROWSERS)
    bd = boundary(rng, br)
    _, _, email = person(rng)
    parts = text_parts([("csrfmiddlewaretoken", chars(rng, ALNUM, 64)), ("purpose", pick(rng, ["Second opinion", "Moving to a new provider", "Personal records"])),
                        ("send_to", email), ("date_range", "2024-01-01 – 2026-12-01")])
    parts.append(("signed_release", fake_pdf(rng, "Authorization for Release"), "release_form_signed.pdf", "application/pdf"))
    return browser(rng, SRC, "records_request", "POST", HOST, "/records/release/", body=multipart(parts, bd),
                   ctype=f"multipart/form-data; boundary={bd}", navigate=True, cookie=cookies(rng, FW, ga=0.0), b=br)


def slots(rng: random.Random) -> Request:
    pairs = [("provider_id", str(rng.randrange(1000))), ("visit_type", pick(rng, VISIT_TYPES)), ("from", future_day(rng)),
             ("days", "14"), ("tz", pick(rng, ["America/New_York", "Europe/Berlin", "America/Los_Angeles", "Europe/Paris"]))]
    return browser(rng, SRC, "slots", "GET", HOST, "/api/scheduling/slots/", query(pairs), cookie=cookies(rng, FW, ga=0.0),
                   referer=f"https://{HOST}/appointments/request/", extra=[("x-session-id", uuid4(rng))])


def patient_portal(rng: random.Random, n: int) -> list[Request]:
    return run(rng, n, [(3, appointment), (2, medication_list), (4, message), (2, refill), (1, insurance),
                        (2, fhir_read), (1, questionnaire), (1, records_request), (2, slots)])
