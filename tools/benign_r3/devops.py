"""devops_configs: a developer platform's web UI and API saving CI/CD and
infrastructure settings — pipeline YAML, Dockerfiles, environment variables,
cron schedules, branch protection patterns, deploy hooks, Helm values and
nginx snippets in a "custom config" textarea."""

from __future__ import annotations

import random

from benign_record import ALNUM, chars, form, hexs, js_json, pick, py_json

from .common import BROWSERS, Request, browser, client, cookies, csrf_header, some

SRC = "devops_configs"
HOSTS = ["ci.example.com", "deploy.example.org", "platform.example.net", "git.example.com"]
API_HOST = "api.platform.example.net"
REPOS = ["web", "api", "billing-service", "docs", "mobile-backend", "data-pipeline", "infra"]


def _steps_py(rng: random.Random) -> list[str]:
    py = pick(rng, ["3.11", "3.12", "3.13"])
    steps = [
        "      - uses: actions/checkout@v4",
        f"      - uses: actions/setup-python@v5\n        with:\n          python-version: \"{py}\"\n          cache: pip",
        "      - run: pip install -r requirements.txt",
        "      - run: pip install -e \".[dev]\"",
        "      - name: Lint\n        run: ruff check . && mypy --strict src",
        "      - name: Test\n        run: pytest -q --maxfail=1 --cov=src --cov-report=xml",
        "      - name: Migrations check\n        run: python manage.py makemigrations --check --dry-run",
        "      - run: |\n          python -m build\n          twine check dist/*",
    ]
    return [steps[0], steps[1], *some(rng, steps[2:], 2, 4)]


def _steps_node(rng: random.Random) -> list[str]:
    return ["      - uses: actions/checkout@v4", "      - uses: actions/setup-node@v4\n        with:\n          node-version: 22\n          cache: npm",
            *some(rng, ["      - run: npm ci && npm run build", "      - run: npm test -- --ci --reporters=default",
                        "      - run: npx playwright install --with-deps && npx playwright test", "      - run: npm run lint -- --max-warnings=0"], 1, 3)]


def gh_workflow(rng: random.Random) -> str:
    name = pick(rng, ["CI", "Tests", "Build & deploy", "Nightly"])
    branches = some(rng, ["main", "develop", "release/*", "hotfix/**"], 1, 3)
    on = f"on:\n  push:\n    branches: [{', '.join(repr(b_).replace(chr(39), chr(34)) if '*' in b_ else b_ for b_ in branches)}]\n  pull_request:\n"
    if rng.random() < 0.4:
        on += f"  schedule:\n    - cron: \"{pick(rng, ['0 3 * * *', '30 1 * * 1-5', '*/30 * * * *', '0 0 1 * *'])}\"\n"
    if rng.random() < 0.3:
        on += "  workflow_dispatch:\n"
    steps = _steps_py(rng) if rng.random() < 0.65 else _steps_node(rng)
    env = "env:\n  PIP_DISABLE_PIP_VERSION_CHECK: \"1\"\n  DJANGO_SETTINGS_MODULE: app.settings.ci\n" if rng.random() < 0.5 else ""
    matrix = "    strategy:\n      matrix:\n        python-version: [\"3.11\", \"3.12\"]\n" if rng.random() < 0.3 else ""
    return (f"name: {name}\n{on}{env}jobs:\n  test:\n    runs-on: {pick(rng, ['ubuntu-latest', 'ubuntu-24.04', 'self-hosted'])}\n{matrix}"
            f"    timeout-minutes: {pick(rng, [10, 15, 30])}\n    steps:\n" + "\n".join(steps) + "\n")


def gitlab_ci(rng: random.Random) -> str:
    img = pick(rng, ["python:3.12-slim", "python:3.13", "node:22-alpine"])
    return (f"stages:\n  - test\n  - build\n  - deploy\n\ndefault:\n  image: {img}\n\nvariables:\n  PIP_CACHE_DIR: \"$CI_PROJECT_DIR/.cache/pip\"\n\n"
            "cache:\n  paths:\n    - .cache/pip\n\ntest:\n  stage: test\n  script:\n    - pip install -r requirements.txt\n    - pytest -q --junitxml=report.xml\n"
            "  artifacts:\n    reports:\n      junit: report.xml\n\nbuild:\n  stage: build\n  image: docker:27\n  services:\n    - docker:27-dind\n  script:\n"
            "    - docker build -t \"$CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA\" .\n    - docker push \"$CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA\"\n\n"
            f"deploy:\n  stage: deploy\n  script:\n    - ./scripts/deploy.sh {pick(rng, ['staging', 'production'])}\n  rules:\n    - if: '$CI_COMMIT_BRANCH == \"main\"'\n      when: {pick(rng, ['manual', 'on_success'])}\n  environment:\n    name: {pick(rng, ['staging', 'production'])}\n    url: https://{pick(rng, ['staging.example.com', 'www.example.com'])}\n")


def dockerfile(rng: random.Random) -> str:
    if rng.random() < 0.7:
        py = pick(rng, ["3.12-slim", "3.13-slim", "3.11-slim-bookworm"])
        return (f"FROM python:{py} AS base\nENV PYTHONDONTWRITEBYTECODE=1 \\\n    PYTHONUNBUFFERED=1\nWORKDIR /app\n"
                "RUN apt-get update && apt-get install -y --no-install-recommends build-essential libpq-dev \\\n    && rm -rf /var/lib/apt/lists/*\n"
                "COPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n"
                + pick(rng, ["RUN python manage.py collectstatic --noinput\n", ""])
                + "RUN useradd --create-home appuser\nUSER appuser\nEXPOSE 8000\n"
                + pick(rng, ['CMD ["gunicorn", "app.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]\n',
                             'CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]\n',
                             'HEALTHCHECK --interval=30s --timeout=3s CMD curl -fsS http://localhost:8000/healthz || exit 1\nCMD ["flask", "run", "--host=0.0.0.0"]\n']))
    return ("FROM node:22-alpine AS build\nWORKDIR /src\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n\n"
            "FROM nginx:1.27-alpine\nCOPY --from=build /src/dist /usr/share/nginx/html\nCOPY nginx.conf /etc/nginx/conf.d/default.conf\n")


def nginx_snippet(rng: random.Random) -> str:
    return pick(rng, [
        "location /static/ {\n    alias /srv/app/static/;\n    expires 30d;\n    add_header Cache-Control \"public, immutable\";\n}\n",
        "location /api/ {\n    proxy_pass http://127.0.0.1:8000;\n    proxy_set_header Host $host;\n    proxy_set_header X-Real-IP $remote_addr;\n    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n    proxy_set_header X-Forwarded-Proto $scheme;\n    proxy_read_timeout 60s;\n}\n",
        "location = /healthz {\n    access_log off;\n    return 200 \"ok\\n\";\n}\n",
        "location / {\n    try_files $uri $uri/ /index.html;\n}\n\nlocation ~* \\.(?:css|js|woff2?)$ {\n    expires 1y;\n    access_log off;\n}\n",
        "client_max_body_size 25m;\ngzip on;\ngzip_types text/plain text/css application/json application/javascript;\n",
        "location /ws/ {\n    proxy_pass http://app_upstream;\n    proxy_http_version 1.1;\n    proxy_set_header Upgrade $http_upgrade;\n    proxy_set_header Connection \"upgrade\";\n}\n",
        "rewrite ^/blog/(\\d{4})/(\\d{2})/(.*)$ /posts/$3 permanent;\nlocation /old-docs/ {\n    return 301 https://docs.example.com$request_uri;\n}\n",
        "add_header Strict-Transport-Security \"max-age=31536000; includeSubDomains\" always;\nadd_header X-Content-Type-Options nosniff;\nadd_header Referrer-Policy strict-origin-when-cross-origin;\n",
    ])


def helm_values(rng: random.Random) -> str:
    return (f"replicaCount: {rng.randint(1, 6)}\nimage:\n  repository: registry.example.com/acme/{pick(rng, REPOS)}\n  tag: \"{rng.randint(1, 4)}.{rng.randint(0, 30)}.{rng.randint(0, 9)}\"\n  pullPolicy: IfNotPresent\n"
            f"service:\n  type: ClusterIP\n  port: 8000\ningress:\n  enabled: true\n  className: nginx\n  annotations:\n    cert-manager.io/cluster-issuer: letsencrypt\n"
            f"    nginx.ingress.kubernetes.io/proxy-body-size: \"20m\"\n  hosts:\n    - host: {pick(rng, ['app.example.com', 'api.example.org', 'staging.example.net'])}\n      paths:\n        - path: /\n          pathType: Prefix\n"
            f"resources:\n  requests:\n    cpu: {pick(rng, ['100m', '250m', '500m'])}\n    memory: {pick(rng, ['256Mi', '512Mi', '1Gi'])}\n  limits:\n    memory: {pick(rng, ['512Mi', '1Gi', '2Gi'])}\n"
            f"env:\n  - name: DJANGO_ALLOWED_HOSTS\n    value: \"app.example.com\"\n  - name: LOG_LEVEL\n    value: {pick(rng, ['info', 'warning', 'debug'])}\n"
            f"autoscaling:\n  enabled: {pick(rng, ['true', 'false'])}\n  minReplicas: 2\n  maxReplicas: 10\n  targetCPUUtilizationPercentage: 70\n")


ENV_VARS = [("DJANGO_SETTINGS_MODULE", "app.settings.production"), ("LOG_LEVEL", "info"), ("WEB_CONCURRENCY", "3"), ("TZ", "Europe/Berlin"),
            ("ALLOWED_HOSTS", "app.example.com,www.example.com"), ("FEATURE_NEW_CHECKOUT", "true"), ("SENTRY_ENVIRONMENT", "staging"),
            ("NODE_ENV", "production"), ("PYTHONUNBUFFERED", "1"), ("CELERY_BROKER_URL", "redis://redis:6379/0"), ("CACHE_TTL_SECONDS", "300"),
            ("S3_BUCKET", "example-uploads-staging"), ("PUBLIC_API_BASE", "https://api.example.com/v1"), ("DEFAULT_FROM_EMAIL", "App <noreply@example.com>"),
            ("GUNICORN_CMD_ARGS", "--timeout 60 --access-logfile -"), ("JAVA_OPTS", "-Xms256m -Xmx512m"), ("PATH_PREFIX", "/app"),
            ("CORS_ALLOWED_ORIGINS", "https://www.example.com https://admin.example.com"), ("MAINTENANCE_MESSAGE", "Back at 06:00 UTC — sorry!")]
CRONS = [("0 3 * * *", "nightly backup"), ("*/15 * * * *", "sync inventory"), ("30 6 * * 1-5", "send daily digest"), ("0 0 1 * *", "monthly invoices"),
         ("0 */6 * * *", "refresh exchange rates"), ("45 23 * * 0", "weekly report"), ("@hourly", "clear expired sessions"), ("5 4 * * sun", "vacuum analyze")]
COMMANDS = ["python manage.py clearsessions", "python -m app.jobs.sync --since 15m", "./bin/backup.sh --target s3://example-backups/db",
            "python manage.py send_digest --dry-run=false", "flask rates refresh", "node scripts/report.js --week", "celery -A app call app.tasks.cleanup"]


def one(rng: random.Random) -> Request:
    host = pick(rng, HOSTS)
    b = pick(rng, BROWSERS)
    repo = pick(rng, REPOS)
    fw = pick(rng, ["django", "rails", "fastapi"])
    org = pick(rng, ["acme", "example-org", "northwind"])
    r = rng.random()
    ref = f"https://{host}/{org}/{repo}/settings"
    if r < 0.2:  # pipeline editor saves YAML
        yml = gh_workflow(rng) if rng.random() < 0.6 else gitlab_ci(rng)
        path = ".github/workflows/ci.yml" if yml.startswith("name:") else ".gitlab-ci.yml"
        payload = {"path": path, "content": yml, "branch": pick(rng, ["main", "ci/update-python", "chore/pipeline"]),
                   "commit_message": pick(rng, ["ci: run tests on 3.12", "Update pipeline", "ci: cache pip", "ci: add nightly schedule"])}
        return browser(rng, SRC, "pipeline_yaml", "PUT", host, f"/api/repos/{org}/{repo}/pipeline", body=js_json(payload).encode(), ctype="application/json",
                       b=b, cookie=cookies(rng, fw), extra=csrf_header(rng, fw), referer=f"https://{host}/{org}/{repo}/pipeline/edit")
    if r < 0.3:  # CLI pushes raw YAML
        yml = gh_workflow(rng) if rng.random() < 0.5 else helm_values(rng)
        return client(rng, SRC, "yaml_upload", "PUT", API_HOST, f"/v1/projects/{org}/{repo}/config", pick(rng, ["", "validate=true"]), body=yml.encode(),
                      ctype=pick(rng, ["application/yaml", "text/yaml", "application/x-yaml"]), lib=pick(rng, ["go", "curl", "requests"]),
                      ua=pick(rng, ["platformctl/1.8.2 (linux/amd64)", "platformctl/1.8.0 (darwin/arm64)", None]), auth=f"Bearer pat_{chars(rng, ALNUM, 36)}")
    if r < 0.42:  # Dockerfile / build settings
        payload2 = {"dockerfile": dockerfile(rng), "context": pick(rng, [".", "./backend", "services/api"]), "build_args": {"APP_VERSION": f"{rng.randint(1, 4)}.{rng.randint(0, 20)}.0", "PIP_INDEX_URL": "https://pypi.org/simple"},
                    "target": pick(rng, [None, "base"]), "platforms": some(rng, ["linux/amd64", "linux/arm64"], 1, 2)}
        return browser(rng, SRC, "dockerfile", "PATCH", host, f"/api/projects/{org}/{repo}/build", body=js_json(payload2).encode(), ctype="application/json",
                       b=b, cookie=cookies(rng, fw), extra=csrf_header(rng, fw), referer=f"{ref}/build")
    if r < 0.55:  # environment variables
        pairs = some(rng, ENV_VARS, 1, 5)
        if rng.random() < 0.5:
            payload3 = {"environment": pick(rng, ["production", "staging", "preview"]), "variables": [{"key": k, "value": v, "secret": False} for k, v in pairs]}
            return browser(rng, SRC, "env_vars", "PUT", host, f"/api/projects/{org}/{repo}/env", body=js_json(payload3).encode(), ctype="application/json",
                           b=b, cookie=cookies(rng, fw), extra=csrf_header(rng, fw), referer=f"{ref}/environment")
        text = "\n".join(f"{k}={v}" for k, v in pairs)
        body = form([("authenticity_token", chars(rng, ALNUM + "+/", 86) + "=="), ("env[bulk]", text), ("env[scope]", pick(rng, ["all", "production"])), ("commit", "Save variables")])
        return browser(rng, SRC, "env_bulk_form", "POST", host, f"/{org}/{repo}/settings/env", body=body.encode(), ctype="application/x-www-form-urlencoded",
                       navigate=True, b=b, cookie=cookies(rng, "rails"), referer=f"{ref}/env")
    if r < 0.64:  # cron schedules
        expr, desc = pick(rng, CRONS)
        payload4 = {"name": desc, "schedule": expr, "timezone": pick(rng, ["UTC", "Europe/London", "America/New_York", "Asia/Tokyo"]), "command": pick(rng, COMMANDS),
                    "enabled": True, "timeout_seconds": pick(rng, [300, 900, 3600]), "notify_on_failure": some(rng, ["#ops-alerts", "oncall@example.com"], 0, 2)}
        return browser(rng, SRC, "cron_job", "POST", host, f"/api/projects/{org}/{repo}/cron", body=js_json(payload4).encode(), ctype="application/json",
                       b=b, cookie=cookies(rng, fw), extra=csrf_header(rng, fw), referer=f"{ref}/cron")
    if r < 0.73:  # branch protection
        payload5 = {"pattern": pick(rng, ["main", "release/*", "release/**", "v[0-9]*", "hotfix/*", "*-stable"]), "required_approving_review_count": rng.randint(1, 3),
                    "dismiss_stale_reviews": rng.random() < 0.5, "require_code_owner_reviews": rng.random() < 0.5,
                    "required_status_checks": {"strict": True, "contexts": some(rng, ["ci/test", "ci/lint", "build (3.12)", "codeql", "e2e / chromium"], 1, 3)},
                    "enforce_admins": rng.random() < 0.3, "allow_force_pushes": False, "allow_deletions": False, "required_linear_history": rng.random() < 0.5}
        if rng.random() < 0.5:
            return client(rng, SRC, "branch_protection_api", "PUT", API_HOST, f"/repos/{org}/{repo}/branches/protection", body=py_json(payload5).encode(),
                          ctype="application/json", lib=pick(rng, ["requests", "go", "curl"]), auth=f"token ghp_{chars(rng, ALNUM, 36)}",
                          extra=[("accept", "application/vnd.github+json"), ("x-github-api-version", "2022-11-28")] if rng.random() < 0.5 else None)
        return browser(rng, SRC, "branch_protection", "POST", host, f"/api/repos/{org}/{repo}/branch-rules", body=js_json(payload5).encode(), ctype="application/json",
                       b=b, cookie=cookies(rng, fw), extra=csrf_header(rng, fw), referer=f"{ref}/branches")
    if r < 0.82:  # deploy hooks / webhooks
        payload6 = {"url": pick(rng, [f"https://hooks.example.com/deploy/{hexs(rng, 16)}", "https://ci.example.org/api/v4/projects/42/trigger/pipeline",
                                      f"https://chat.example.net/hooks/{chars(rng, ALNUM, 24)}", "http://198.51.100.20:8080/hooks/redeploy"]),
                    "events": some(rng, ["push", "pull_request", "release", "deployment_status", "workflow_run"], 1, 3), "content_type": pick(rng, ["json", "form"]),
                    "active": True, "insecure_ssl": "0", "description": pick(rng, ["Redeploy staging on push to main", "Notify #deploys", "Trigger docs rebuild"])}
        return browser(rng, SRC, "webhook", "POST", host, f"/api/repos/{org}/{repo}/hooks", body=js_json(payload6).encode(), ctype="application/json",
                       b=b, cookie=cookies(rng, fw), extra=csrf_header(rng, fw), referer=f"{ref}/hooks/new")
    if r < 0.9:  # helm values in the UI
        payload7 = {"release": f"{repo}-{pick(rng, ['staging', 'prod'])}", "chart": f"oci://registry.example.com/charts/{repo}", "version": f"0.{rng.randint(1, 30)}.{rng.randint(0, 9)}",
                    "namespace": pick(rng, ["default", "apps", "staging"]), "values": helm_values(rng)}
        return browser(rng, SRC, "helm_values", "PUT", host, f"/api/clusters/{pick(rng, ['eu-1', 'us-east', 'dev'])}/releases/{repo}", body=js_json(payload7).encode(),
                       ctype="application/json", b=b, cookie=cookies(rng, fw), extra=csrf_header(rng, fw))
    # nginx custom config textarea
    pairs2 = [("csrfmiddlewaretoken", chars(rng, ALNUM, 64)), ("domain", pick(rng, ["www.example.com", "app.example.org", "docs.example.net"])),
              ("custom_config", nginx_snippet(rng) + (nginx_snippet(rng) if rng.random() < 0.3 else "")), ("reload", "on")]
    return browser(rng, SRC, "nginx_custom", "POST", host, f"/sites/{rng.randrange(100, 9999)}/nginx/", body=form(pairs2).encode(),
                   ctype="application/x-www-form-urlencoded", navigate=True, b=b, cookie=cookies(rng, "django"), referer=f"https://{host}/sites/")


def devops_configs(rng: random.Random, n: int) -> list[Request]:
    return [one(rng) for _ in range(n)]
