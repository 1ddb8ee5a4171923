"""python -m example_projects.django_project [manage.py command]  (from the repository root)

Without a command it runs `runserver 127.0.0.1:8000`.
"""

import os
import sys

from django.core.management import execute_from_command_line

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_projects.django_project.mysite.settings")
# Local run: accept loopback client IPs. Leave ARCJET_ENV unset in production.
os.environ.setdefault("ARCJET_ENV", "development")
execute_from_command_line(["manage.py", *(sys.argv[1:] or ["runserver", "127.0.0.1:8000"])])
