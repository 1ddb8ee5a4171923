# ruff: noqa: RUF001 - real text uses typographic characters
"""lms_quiz: a learning platform (FastAPI backend, SPA front end, an LTI tool
and a teacher's export script): quiz answers with LaTeX and plain-text math,
chemistry formulas, short essays, programming exercise submissions, student
forum posts and grade exports."""

from __future__ import annotations

import random

from benign_record import form, js_json, pick, py_json, stamp, uuid4

from .common import (
    BROWSERS,
    Request,
    bearer,
    boundary,
    browser,
    client,
    cookies,
    multipart,
    person,
    query,
    run,
    some,
    text_parts,
)

SRC = "lms_quiz"
HOST = "learn.example.org"
FW = "starlette"

MATH_ANSWERS = [
    r"\frac{a}{b} + \frac{c}{d} = \frac{ad + bc}{bd}", "x^2 + 3x - 4 = 0 so (x + 4)(x - 1) = 0, x = -4 or x = 1",
    "sqrt(2) ≈ 1.41421", r"x = \frac{-b \pm \sqrt{b^2 - 4ac}}{2a}", r"\int_0^1 x^2 \, dx = \frac{1}{3}",
    "f'(x) = 2x*cos(x^2)", r"\lim_{x \to 0} \frac{\sin x}{x} = 1", "3/4 = 0.75 = 75%", "2^10 = 1024",
    r"\sum_{k=1}^{n} k = \frac{n(n+1)}{2}", "y = mx + b, m = (y2 - y1)/(x2 - x1) = 4/2 = 2", "|x - 3| < 5 => -2 < x < 8",
    r"A = \pi r^2 = \pi \cdot 3^2 \approx 28.27", "P(A|B) = P(A and B) / P(B) = 0.12/0.4 = 0.3", "log_2(8) = 3",
    r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}^{-1} = \frac{1}{-2}\begin{pmatrix} 4 & -2 \\ -3 & 1 \end{pmatrix}",
    "e^(i*pi) + 1 = 0", "sin^2(x) + cos^2(x) = 1", "-7", "x >= 2 && x != 5", "n! / (k!(n-k)!) = 10",
]
CHEM_ANSWERS = [
    "2 H2 + O2 -> 2 H2O", "NaCl", "C6H12O6 + 6 O2 → 6 CO2 + 6 H2O", "CH3COOH", "pH = -log[H+] = 3.2",
    "H2SO4 + 2 NaOH -> Na2SO4 + 2 H2O", "n = m/M = 18 g / 18 g/mol = 1 mol", "Fe2O3 + 3 CO → 2 Fe + 3 CO2",
    "[Cu(NH3)4]2+", "sp3 hybridized, tetrahedral, 109.5°", "CaCO3 (s) → CaO (s) + CO2 (g)", "ΔH = -285.8 kJ/mol",
]
ESSAYS = [
    "The main cause of the French Revolution was not a single event but a combination of a fiscal crisis, bad harvests in 1788 "
    "and Enlightenment ideas about popular sovereignty. When the Estates-General met in May 1789, the Third Estate's demand to "
    "vote \"by head\" rather than \"by order\" showed that...",
    "In \"The Great Gatsby\", the green light at the end of Daisy's dock represents Gatsby's hopes for the future — but also "
    "how those hopes are tied to a past he can't get back. Fitzgerald uses it in chapters 1, 5 and 9 to...",
    "Photosynthesis converts light energy into chemical energy. In the light-dependent reactions, water is split (2 H2O → 4 H+ "
    "+ 4 e- + O2) and ATP/NADPH are made; in the Calvin cycle CO2 is fixed into G3P, which the plant uses to build glucose.",
    "Ich finde, dass soziale Medien sowohl Vor- als auch Nachteile haben. Einerseits können wir mit Freunden in Kontakt bleiben; "
    "andererseits verbringen viele Jugendliche zu viel Zeit am Handy.",
    "Selon moi, le personnage principal évolue beaucoup : au début il est égoïste, mais à la fin il comprend l'importance de l'amitié.",
    "Supply & demand: if the price of coffee rises 20% and quantity demanded falls 10%, elasticity = -10%/20% = -0.5, so demand is inelastic.",
]
CODE_SUBMISSIONS = [
    ("python", "def fizzbuzz(n):\n    out = []\n    for i in range(1, n + 1):\n        if i % 15 == 0:\n            out.append('FizzBuzz')\n"
               "        elif i % 3 == 0:\n            out.append('Fizz')\n        elif i % 5 == 0:\n            out.append('Buzz')\n"
               "        else:\n            out.append(str(i))\n    return out\n"),
    ("python", "def is_palindrome(s: str) -> bool:\n    cleaned = ''.join(c.lower() for c in s if c.isalnum())\n    return cleaned == cleaned[::-1]\n"),
    ("python", "import math\n\ndef solve(a, b, c):\n    d = b**2 - 4*a*c\n    if d < 0:\n        return []\n"
               "    return sorted({(-b + math.sqrt(d)) / (2*a), (-b - math.sqrt(d)) / (2*a)})\n"),
    ("javascript", "function sumEven(arr) {\n  return arr.filter(x => x % 2 === 0).reduce((a, b) => a + b, 0);\n}\nmodule.exports = { sumEven };\n"),
    ("java", "public class Main {\n    public static int gcd(int a, int b) {\n        return b == 0 ? a : gcd(b, a % b);\n    }\n"
             "    public static void main(String[] args) {\n        System.out.println(gcd(48, 18));\n    }\n}\n"),
    ("sql", "SELECT s.name, AVG(g.score) AS avg_score\nFROM students s\nJOIN grades g ON g.student_id = s.id\nGROUP BY s.name\n"
            "HAVING AVG(g.score) >= 80\nORDER BY avg_score DESC;\n"),
    ("c", "#include <stdio.h>\n\nint main(void) {\n    int n, sum = 0;\n    scanf(\"%d\", &n);\n    for (int i = 1; i <= n; i++) sum += i;\n"
          "    printf(\"%d\\n\", sum);\n    return 0;\n}\n"),
    ("bash", "#!/bin/bash\n# count lines in every .csv in the current dir\nfor f in *.csv; do\n  echo \"$f: $(wc -l < \"$f\")\"\ndone\n"),
]
FORUM = [
    "Can someone explain why in Q3 the answer is \\frac{1}{3} and not 1/2? I integrated x^2 from 0 to 1 and got x^3/3 but then I'm confused.",
    "For the lab report, do we include the balanced equation for the combustion (CH4 + 2 O2 → CO2 + 2 H2O) in the intro or the results?",
    "My code passes the first 4 test cases but fails #5 with 'Time limit exceeded' :( I'm using two nested for loops, is that the problem?",
    "Does anyone have notes from Tuesday's lecture? I was sick. Thanks!!",
    "Reminder: the midterm covers chapters 3–6, NOT chapter 7 (per Prof. Okafor's email).",
    "Hint for exercise 2.4: try substituting u = x^2 + 1, then du = 2x dx.",
    "Is the answer to 5b supposed to be negative? I got -3/8.",
    "Hat jemand die Lösung für Aufgabe 3? Ich komme bei der Ableitung von e^(2x) * sin(x) nicht weiter.",
    "Quelqu'un peut m'expliquer la différence entre une base forte et une base faible ? NaOH vs NH3",
    "Study group in the library Thursday 6pm, room 2.14 — bring the practice exam 😊",
]
COURSES = ["MATH-101", "CHEM-110", "CS-50x", "HIST-204", "ENG-120", "ECON-101", "BIO-150", "PHYS-201"]


def quiz_answer(rng: random.Random) -> Request:
    attempt = uuid4(rng)
    kind = rng.random()
    if kind < 0.5:
        val: object = pick(rng, MATH_ANSWERS)
        qtype = "short_text_math"
    elif kind < 0.75:
        val = pick(rng, CHEM_ANSWERS)
        qtype = "short_text"
    else:
        val = some(rng, ["A", "B", "C", "D", "E"], 1, 2)
        qtype = "multiple_choice"
    doc = {"question_id": rng.randrange(10**5), "type": qtype, "response": val, "time_spent_ms": rng.randrange(4000, 600_000),
           "flagged": rng.random() < 0.1, "client_ts": stamp(rng)}
    return browser(rng, SRC, "quiz_answer", "PUT", HOST, f"/api/v1/attempts/{attempt}/responses/{rng.randint(1, 25)}",
                   body=js_json(doc).encode(), ctype="application/json", referer=f"https://{HOST}/courses/{pick(rng, COURSES).lower()}/quiz/{rng.randint(1, 12)}",
                   cookie=cookies(rng, FW), extra=[("x-requested-with", "XMLHttpRequest")])


def quiz_submit(rng: random.Random) -> Request:
    answers = {str(i + 1): pick(rng, MATH_ANSWERS + CHEM_ANSWERS + ["A", "B", "C", "true", "false"]) for i in range(rng.randint(3, 10))}
    doc = {"attempt_id": uuid4(rng), "answers": answers, "submit": True, "honor_code": True}
    return browser(rng, SRC, "quiz_submit", "POST", HOST, "/api/v1/attempts/submit", body=js_json(doc).encode(),
                   ctype="application/json", cookie=cookies(rng, FW), referer=f"https://{HOST}/quiz/review")


def essay(rng: random.Random) -> Request:
    text = pick(rng, ESSAYS)
    lang = "de" if text.startswith("Ich") else "fr" if text.startswith("Selon") else "en"
    doc = {"assignment_id": rng.randrange(10**4), "format": "html", "content": "<p>" + text.replace("\n", "</p><p>") + "</p>",
           "word_count": len(text.split()), "status": pick(rng, ["draft", "submitted"])}
    return browser(rng, SRC, "essay", "POST", HOST, f"/api/v1/assignments/{doc['assignment_id']}/submissions",
                   body=js_json(doc).encode(), ctype="application/json", cookie=cookies(rng, FW), lang=lang,
                   referer=f"https://{HOST}/assignments/{doc['assignment_id']}")


def code_submit(rng: random.Random) -> Request:
    lang, src = pick(rng, CODE_SUBMISSIONS)
    if rng.random() < 0.5:
        doc = {"exercise": pick(rng, ["fizzbuzz", "palindrome", "quadratic", "sum-even", "gcd", "avg-grades", "sum-to-n", "count-lines"]),
               "language": lang, "source": src, "run_tests": True}
        return browser(rng, SRC, "code_submission", "POST", HOST, "/api/v1/exercises/submit", body=js_json(doc).encode(),
                       ctype="application/json", cookie=cookies(rng, FW), referer=f"https://{HOST}/exercises/editor")
    br = pick(rng, BROWSERS)
    bd = boundary(rng, br)
    ext = {"python": "py", "javascript": "js", "java": "java", "sql": "sql", "c": "c", "bash": "sh"}[lang]
    body = multipart([("exercise_id", str(rng.randrange(500)).encode(), None, None),
                      ("file", src.encode(), f"solution.{ext}", "application/octet-stream" if br.family != "firefox" else f"text/x-{lang}")], bd)
    return browser(rng, SRC, "code_upload", "POST", HOST, "/api/v1/exercises/upload", body=body,
                   ctype=f"multipart/form-data; boundary={bd}", cookie=cookies(rng, FW), b=br)


def forum_post(rng: random.Random) -> Request:
    text = pick(rng, FORUM)
    body = form([("thread_id", str(rng.randrange(10**4))), ("message", text), ("anonymous", pick(rng, ["0", "1"])),
                 ("notify", "on")]).encode()
    return browser(rng, SRC, "forum_post", "POST", HOST, f"/courses/{pick(rng, COURSES).lower()}/discussion/reply", body=body,
                   ctype="application/x-www-form-urlencoded", navigate=True, cookie=cookies(rng, FW),
                   referer=f"https://{HOST}/courses/discussion")


def grade_export(rng: random.Random) -> Request:
    pairs = [("course", pick(rng, COURSES)), ("format", pick(rng, ["csv", "xlsx", "json"])), ("include", "final,quizzes,labs"),
             ("section", pick(rng, ["A", "B", "all"]))]
    return client(rng, SRC, "grade_export", "GET", "api.learn.example.org", "/v1/gradebook/export", query(pairs),
                  lib=pick(rng, ["requests", "httpx"]), auth=bearer(rng, "https://learn.example.org"))


def grade_upload(rng: random.Random) -> Request:
    rows = ["student_id,name,quiz1,quiz2,midterm,final,comment"]
    for _ in range(rng.randint(3, 8)):
        g, f, _ = person(rng)
        rows.append(f"{rng.randrange(10**6, 10**7)},\"{f}, {g}\",{rng.randint(4, 10)},{rng.randint(4, 10)},"
                    f"{rng.randint(40, 100)},{rng.randint(40, 100)},\"{pick(rng, ['', 'late (-10%)', 'excused', 're-grade Q4: +2'])}\"")
    br = pick(rng, BROWSERS)
    bd = boundary(rng, br)
    csv = ("\r\n".join(rows) + "\r\n").encode()
    body = multipart([*text_parts([("course", pick(rng, COURSES)), ("overwrite", "false")]),
                      ("file", csv, "grades.csv", "text/csv")], bd)
    return browser(rng, SRC, "grade_import", "POST", HOST, "/api/v1/gradebook/import", body=body,
                   ctype=f"multipart/form-data; boundary={bd}", cookie=cookies(rng, FW), b=br)


def lti_score(rng: random.Random) -> Request:
    doc = {"userId": uuid4(rng), "scoreGiven": rng.randint(0, 100), "scoreMaximum": 100, "comment": pick(rng, [
        "Good work on Q2, check your units in Q5 (mol vs g).", "Nice use of the quadratic formula!", "", "See rubric."]),
        "activityProgress": "Completed", "gradingProgress": "FullyGraded", "timestamp": stamp(rng)}
    return client(rng, SRC, "lti_score", "POST", HOST, f"/lti/ags/lineitems/{rng.randrange(10**4)}/scores",
                  body=py_json(doc).encode(), ctype="application/vnd.ims.lis.v1.score+json", lib="requests",
                  auth=bearer(rng, "https://tool.example.com"))


def lms_quiz(rng: random.Random, n: int) -> list[Request]:
    return run(rng, n, [(5, quiz_answer), (2, quiz_submit), (2, essay), (3, code_submit), (3, forum_post),
                        (1, grade_export), (1, grade_upload), (1, lti_score)])
