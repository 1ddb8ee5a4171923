# ruff: noqa: RUF001 - real text uses typographic characters
"""job_board: job posts and applications (a Django board plus an ATS API):
employers posting jobs full of technology words and salary ranges,
candidates searching and applying with cover letters, pasted resume text and
screening answers, recruiters moving candidates through a pipeline."""

from __future__ import annotations

import random

from benign_record import ALNUM, chars, form, js_json, pick, py_json, uuid4

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
    multipart,
    person,
    phone,
    query,
    run,
    some,
    text_parts,
)

SRC = "job_board"
HOST = "jobs.example.net"
FW = "django"

TITLES = ["Senior Backend Engineer (Python/Django)", "Data Engineer – SQL, Python, Airflow", "DevOps / SRE (AWS, Terraform)",
          "Full-Stack Developer (Node.js + React)", ".NET Developer (C#, ASP.NET Core)", "Junior QA Engineer",
          "Database Administrator (PostgreSQL/MySQL)", "Machine Learning Engineer", "Security Engineer – Cloud & IAM",
          "Linux Systems Administrator", "iOS Developer (Swift/SwiftUI)", "Engineering Manager, Platform",
          "Technical Writer (API docs)", "Werkstudent Softwareentwicklung (m/w/d)", "Développeur·se Python confirmé·e"]
SKILLS = ["SQL", "Python", "shell scripting", "Bash", "C#", ".NET", "Node.js", "AWS IAM", "AWS (EC2, S3, Lambda)", "Terraform",
          "Kubernetes", "Docker", "PostgreSQL", "MySQL", "Redis", "Kafka", "Go", "Rust", "TypeScript", "React", "Vue.js",
          "Django", "FastAPI", "Flask", "C/C++", "Java/Spring Boot", "GraphQL", "REST APIs", "CI/CD (GitHub Actions)",
          "Linux", "PowerShell", "Ansible", "Azure AD", "Snowflake", "dbt", "Spark", "pandas", "OAuth 2.0 / OIDC",
          "T-SQL / stored procedures", "Elasticsearch", "gRPC", "Git", "unit testing (pytest, Jest)"]
REQ_LINES = [
    "5+ years of professional experience with {a} and {b}",
    "Strong SQL skills (window functions, CTEs, query tuning / EXPLAIN ANALYZE)",
    "Comfortable with shell scripting and the Linux command line (grep, awk, sed, cron)",
    "Hands-on experience with {a}; {b} is a plus",
    "Experience designing REST & event-driven APIs",
    "You've owned services in production: on-call, incident reviews, SLOs",
    "Solid understanding of AWS IAM policies, roles and least privilege",
    "Nice to have: C#/.NET, Node.js or Go",
    "Excellent written communication in English (German/French a plus)",
    "BSc in CS or equivalent practical experience",
]
BENEFITS = ["Remote-first (UTC-5 to UTC+2)", "401(k) w/ 4% match", "30 days PTO", "€1,500 learning budget / yr",
            "Health, dental & vision", "Equity (0.05%–0.15%)", "4-day week in summer", "Home-office stipend $1k"]
SALARIES = [("USD", 95_000, 130_000), ("USD", 140_000, 185_000), ("USD", 160_000, 210_000), ("EUR", 55_000, 72_000),
            ("EUR", 70_000, 90_000), ("GBP", 60_000, 80_000), ("CAD", 110_000, 140_000), ("PLN", 18_000, 26_000)]
COVER = [
    "Dear Hiring Team,\n\nI'm excited to apply for the {t} role. For the past {y} years I've been building data pipelines in "
    "Python and SQL at a mid-size e-commerce company, where I cut our nightly ETL from 4h to 35 min by rewriting a few "
    "hot queries and moving the heavy joins into PostgreSQL. I also maintain our Bash/cron tooling and the AWS IAM roles "
    "for the analytics team.\n\nI'd love to bring that experience to your platform team.\n\nBest regards,\n{n}",
    "Hi there!\n\nI'm a self-taught developer (bootcamp '22) currently working with Node.js, TypeScript & React. I've shipped "
    "two side projects (a habit tracker and a recipe scaler) and contributed small fixes to open-source libraries. I'm "
    "looking for a junior role where I can learn from senior engineers & grow into backend work (C#/.NET sounds fun!).\n\n"
    "Thanks for reading,\n{n}",
    "Sehr geehrte Damen und Herren,\n\nmit großem Interesse habe ich Ihre Ausschreibung als {t} gelesen. Derzeit studiere ich "
    "Informatik (5. Semester) und habe bereits Erfahrung mit Python, SQL und Git gesammelt.\n\nMit freundlichen Grüßen\n{n}",
    "Madame, Monsieur,\n\nDéveloppeur Python depuis {y} ans (Django, FastAPI, PostgreSQL), je souhaite rejoindre votre équipe. "
    "J'ai notamment mis en place une CI/CD sous GitHub Actions et migré nos services vers Kubernetes.\n\nCordialement,\n{n}",
    "To whom it may concern,\n\nAs a DBA with {y} years on SQL Server and PostgreSQL, I've handled backups/restore drills, "
    "replication, index maintenance and the occasional 3 a.m. \"why is the DB slow\" page. I'm comfortable writing T-SQL stored "
    "procedures, PowerShell automation and Python scripts for reporting.\n\nSincerely,\n{n}",
]
RESUME = [
    "EXPERIENCE\nSenior Software Engineer — Example Corp (2021–present)\n• Led migration of monolith to 12 services (Python, gRPC, Kafka)\n"
    "• Reduced p95 latency by 40% via query optimization & caching (Redis)\n• Mentored 3 engineers\n\nSoftware Engineer — Sample GmbH (2017–2021)\n"
    "• Built internal admin tools in Django; wrote SQL reports for finance\n• Automated deploys w/ Ansible + shell scripts\n\n"
    "SKILLS: Python, SQL, Bash, Docker, Kubernetes, AWS (IAM, S3, RDS), Terraform, Git\nEDUCATION: B.Sc. Computer Science",
    "Summary: Full-stack dev, 4 yrs. Node.js/Express, React, MongoDB → PostgreSQL migration. C# Unity hobby projects.\n"
    "Projects: habit-tracker (Next.js, Prisma), recipe-scaler (Python, FastAPI).\nLanguages: English (C1), Spanish (native).",
    "Profil: Data Analyst | SQL (Window Functions, CTEs) | Python (pandas, matplotlib) | Power BI | Excel (SVERWEIS, Pivot)\n"
    "Berufserfahrung: 2020–heute Analyst bei Beispiel AG; 2018–2020 Werkstudent BI.",
]
QUESTIONS = [
    ("Are you legally authorized to work in the country of this job?", ["Yes", "No, I will need sponsorship"]),
    ("How many years of experience do you have with SQL?", ["0-1", "2-4", "5+", "10+"]),
    ("Describe a production incident you handled and what you changed afterwards.", []),
    ("What is your expected salary range?", []),
    ("When could you start?", ["Immediately", "2 weeks", "1 month", "3 months (notice period)"]),
    ("Have you used AWS IAM to manage cross-account access? If so, how?", []),
    ("Link to GitHub / portfolio (optional)", []),
]
FREE_ANSWERS = [
    "Our primary Postgres ran out of disk at 2am because a logging table wasn't partitioned. I freed space, then added "
    "monthly partitions + a retention job, plus an alert at 80% disk.",
    "$145k–$160k base, flexible depending on equity & benefits.",
    "€65.000 – €70.000 brutto/Jahr",
    "Yes — we used roles with sts:AssumeRole from a central 'ops' account, with external IDs and permission boundaries.",
    "https://github.example.com/{u}", "A deploy script ran `rm -rf` on the wrong build dir (relative path). We switched to "
    "absolute paths, set -euo pipefail, and a dry-run flag.",
    "Negotiable :)", "I'm currently on a 3-month notice period (Kündigungsfrist) but could start part-time earlier.",
]


def _salary(rng: random.Random) -> tuple[str, int, int]:
    return pick(rng, SALARIES)


def job_search(rng: random.Random) -> Request:
    pairs = [("q", pick(rng, ["python", "SQL developer", "C#", ".NET", "node.js", "devops aws", "data engineer", "shell scripting",
                              "react OR vue", "\"machine learning\"", "DBA postgres", "remote security engineer"]))]
    pairs.append(("location", pick(rng, ["Remote", "Berlin", "New York, NY", "London", "Lyon", "Toronto, ON", ""])))
    if rng.random() < 0.5:
        pairs.append(("salary_min", str(rng.randrange(40_000, 150_000, 5000))))
    pairs += [("type", t) for t in some(rng, ["full-time", "part-time", "contract", "internship"], 0, 2)]
    if rng.random() < 0.3:
        pairs.append(("posted", pick(rng, ["24h", "7d", "30d"])))
    return browser(rng, SRC, "job_search", "GET", HOST, "/jobs", query(pairs), navigate=True,
                   referer=f"https://{HOST}/", cookie=cookies(rng, FW), lang=pick(rng, ["en", "en", "de", "fr"]))


def post_job(rng: random.Random) -> Request:
    cur, lo, hi = _salary(rng)
    skills = some(rng, SKILLS, 3, 5)
    reqs = [line.replace("{a}", skills[0]).replace("{b}", skills[1]) for line in some(rng, REQ_LINES, 3, 6)]
    desc = ("## About the role\n\nYou'll join a team of 6 engineers working on our core platform.\n\n## Requirements\n\n"
            + "\n".join(f"- {r}" for r in reqs) + "\n\n## Benefits\n\n" + "\n".join(f"- {b}" for b in some(rng, BENEFITS, 2, 4)))
    doc = {"title": pick(rng, TITLES), "company_id": rng.randrange(10**5), "description_md": desc, "skills": skills,
           "salary": {"currency": cur, "min": lo, "max": hi, "period": "year"}, "employment_type": pick(rng, ["full_time", "contract"]),
           "remote": pick(rng, ["remote", "hybrid", "onsite"]), "location": pick(rng, ["Berlin, DE", "Austin, TX", "Remote (EU)", "Montréal, QC"]),
           "apply_questions": [q for q, _ in some(rng, QUESTIONS, 1, 3)], "publish": rng.random() < 0.7}
    return browser(rng, SRC, "post_job", "POST", HOST, "/api/employer/jobs/", body=js_json(doc).encode(), ctype="application/json",
                   referer=f"https://{HOST}/employer/jobs/new", cookie=cookies(rng, FW), extra=csrf_header(rng, FW))


def apply(rng: random.Random) -> Request:
    br = pick(rng, BROWSERS)
    bd = boundary(rng, br)
    g, f, email = person(rng)
    name = f"{g} {f}"
    title = pick(rng, TITLES)
    pairs = [("csrfmiddlewaretoken", chars(rng, ALNUM, 64)), ("full_name", name), ("email", email), ("phone", phone(rng)),
             ("linkedin", f"https://www.linkedin.example.com/in/{chars(rng, 'abcdefghij', 8)}"),
             ("cover_letter", pick(rng, COVER).replace("{t}", title).replace("{y}", str(rng.randint(2, 15))).replace("{n}", name))]
    for i, (_question, opts) in enumerate(some(rng, QUESTIONS, 2, 4)):
        pairs.append((f"q_{i}", pick(rng, opts) if opts else pick(rng, FREE_ANSWERS).replace("{u}", g.lower())))
    pairs.append(("consent_gdpr", "on"))
    parts = text_parts(pairs)
    parts.append(("resume", fake_pdf(rng, f"{name} CV"), f"{f.replace(' ', '_')}_CV_2026.pdf", "application/pdf"))
    body = multipart(parts, bd)
    jid = rng.randrange(10**5)
    return browser(rng, SRC, "apply", "POST", HOST, f"/jobs/{jid}/apply/", body=body, ctype=f"multipart/form-data; boundary={bd}",
                   navigate=True, referer=f"https://{HOST}/jobs/{jid}/", cookie=cookies(rng, FW), b=br)


def profile_resume(rng: random.Random) -> Request:
    doc = {"headline": pick(rng, ["Backend engineer · Python, SQL, AWS", "Full-stack (Node.js/React) · open to remote",
                                  "DBA | PostgreSQL | T-SQL | PowerShell", "Data Analyst – SQL & Python"]),
           "resume_text": pick(rng, RESUME), "skills": some(rng, SKILLS, 4, 10), "open_to_work": True,
           "desired_salary": {"currency": "USD", "min": rng.randrange(60_000, 160_000, 5000)}}
    return browser(rng, SRC, "profile_resume", "PUT", HOST, "/api/me/profile/", body=js_json(doc).encode(), ctype="application/json",
                   referer=f"https://{HOST}/me/profile/edit", cookie=cookies(rng, FW), extra=csrf_header(rng, FW))


def quick_apply(rng: random.Random) -> Request:
    _, _, email = person(rng)
    body = form([("csrfmiddlewaretoken", chars(rng, ALNUM, 64)), ("job_id", str(rng.randrange(10**5))), ("use_profile_resume", "1"),
                 ("note", pick(rng, ["Happy to chat anytime this week!", "Available from Jan.", "I have 6 yrs of C#/.NET & SQL Server.",
                                     "Please see my GitHub for Node.js & Python examples.", ""])), ("email", email)]).encode()
    return browser(rng, SRC, "quick_apply", "POST", HOST, "/applications/quick/", body=body, ctype="application/x-www-form-urlencoded",
                   navigate=True, referer=f"https://{HOST}/jobs", cookie=cookies(rng, FW))


def ats_pipeline(rng: random.Random) -> Request:
    doc = {"application_id": uuid4(rng), "stage": pick(rng, ["screen", "tech_interview", "onsite", "offer", "rejected"]),
           "note": pick(rng, ["Strong SQL, a bit light on AWS IAM. Move to tech round.", "Great shell scripting exercise; asked good questions.",
                              "Declined: salary expectations ($210k) above band.", "Scheduling w/ Priya for Thu 14:00 CET."]),
           "scorecard": {"technical": rng.randint(1, 4), "communication": rng.randint(1, 4)}}
    return client(rng, SRC, "ats_webhook", "POST", "ats.jobs.example.net", "/v1/pipeline/events", body=py_json(doc).encode(),
                  ctype="application/json", lib=pick(rng, ["requests", "httpx", "node"]), auth=bearer(rng, "https://auth.example.net/"),
                  extra=[("x-request-id", uuid4(rng))])


def saved_alert(rng: random.Random) -> Request:
    body = js_json({"query": pick(rng, ["python AND (django OR fastapi)", "C# .NET remote", "SQL -junior", "node.js typescript"]),
                    "location": pick(rng, ["Remote", "Berlin", "NYC"]), "frequency": pick(rng, ["daily", "weekly"])}).encode()
    return browser(rng, SRC, "job_alert", "POST", HOST, "/api/alerts/", body=body, ctype="application/json",
                   cookie=cookies(rng, FW), extra=csrf_header(rng, FW))


def job_board(rng: random.Random, n: int) -> list[Request]:
    return run(rng, n, [(4, job_search), (2, post_job), (3, apply), (2, profile_resume), (2, quick_apply),
                        (2, ats_pipeline), (1, saved_alert)])
