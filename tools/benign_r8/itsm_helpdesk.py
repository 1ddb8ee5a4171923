# ruff: noqa: RUF001 - real text uses typographic characters
"""An IT service desk and asset inventory run in-house ("Servdesk" at an
invented company): the employee portal where people raise tickets and paste
error dialogs, logs, stack traces and command output; the agents' console
(updates, internal notes, searches with a query syntax, approvals, change
requests with implementation and back-out plans, knowledge-base articles
full of PowerShell and shell commands, SLA reports, agent scripts); the
inventory agents' check-ins and script results, CMDB imports as CSV and
JSON, and the mail parser, monitoring and chat webhooks that open tickets.
"""

from __future__ import annotations

import random

from .common import (
    AGENTS,
    ALNUM,
    Part,
    Request,
    api,
    basic,
    boundary_for,
    chars,
    date_on,
    doc_ip,
    fake_png,
    fake_zip,
    form,
    hexs,
    hmac_hex,
    human,
    jar,
    js_json,
    mailbox,
    multipart,
    pick,
    proxied,
    py_json,
    qs,
    run,
    some,
    stamp,
    text_parts,
    uri_query,
    uuid4,
    web,
    xsrf,
)

SRC = "itsm_helpdesk"
PORTAL = "help.harlowgroup.example.com"
DESK = "desk.harlowgroup.example.com"
INV = "inventory.harlowgroup.example.com"
DOMAIN = "harlowgroup.example.com"
proxied("nginx", PORTAL, DESK, INV)

PASTES = [
    "Outlook keeps asking for my password since this morning. Restarted twice. The box says:\n\n"
    "'Something went wrong. Your organization's policies are preventing us from completing this action for you. Error Code: CAA20003'\n\nLaptop HGL-LT-0412, Windows 11 23H2.",
    "VPN drops every ~10 min when working from home. From the client log:\n\n"
    "2026-12-02 09:14:51.204 INFO  tunnel established, local=198.51.100.23 gw=203.0.113.10 mtu=1400\n"
    "2026-12-02 09:24:52.877 WARN  DPD: no response from peer (3/3)\n"
    "2026-12-02 09:24:52.878 ERROR tunnel down: reason=dpd_timeout bytes_in=18733011 bytes_out=2291102\n"
    "2026-12-02 09:24:58.010 INFO  reconnecting (attempt 1/5)…",
    "nginx on web-02 returning 502s since 14:05. error.log:\n\n"
    "2026/12/03 14:05:11 [error] 1187#1187: *48213 connect() failed (111: Connection refused) while connecting to upstream, client: 203.0.113.45, "
    "server: intranet.harlowgroup.example.com, request: \"GET /api/timesheets?week=49 HTTP/2.0\", upstream: \"http://127.0.0.1:8080/api/timesheets?week=49\", "
    "host: \"intranet.harlowgroup.example.com\"\n\n$ systemctl status timesheets\n× timesheets.service - Timesheets API\n"
    "     Loaded: loaded (/etc/systemd/system/timesheets.service; enabled; preset: enabled)\n"
    "     Active: failed (Result: exit-code) since Thu 2026-12-03 14:04:58 GMT; 12min ago\n"
    "    Process: 2231 ExecStart=/opt/timesheets/bin/run.sh (code=exited, status=1/FAILURE)",
    "Expenses app throws this when I submit a claim with a new cost centre:\n\n"
    "org.springframework.dao.DataIntegrityViolationException: could not execute statement; SQL [n/a]; constraint [fk_claim_cost_centre]\n"
    "\tat org.springframework.orm.jpa.vendor.HibernateJpaDialect.convertHibernateAccessException(HibernateJpaDialect.java:290)\n"
    "\tat com.harlow.expenses.claims.ClaimService.submit(ClaimService.java:142)\n"
    "Caused by: org.postgresql.util.PSQLException: ERROR: insert or update on table \"claim\" violates foreign key constraint \"fk_claim_cost_centre\"\n"
    "  Detail: Key (cost_centre_id)=(4410) is not present in table \"cost_centre\".",
    "Monthly report job failed overnight:\n\nMsg 18456, Level 14, State 1, Server SQL-RPT-01, Line 1\nLogin failed for user 'HARLOW\\svc_report'.\n\n"
    "Password for the service account was rotated on Monday — I think the SSRS data source still has the old one?",
    "Can't reach the file share from the Leeds office:\n\nPS C:\\Users\\k.adeyemi> Test-NetConnection fs01.harlowgroup.example.com -Port 445\n\n"
    "ComputerName     : fs01.harlowgroup.example.com\nRemoteAddress    : 192.0.2.40\nRemotePort       : 445\nInterfaceAlias   : Ethernet 2\n"
    "SourceAddress    : 192.0.2.118\nTcpTestSucceeded : False",
    "Payroll API pod keeps crashing after this morning's deploy:\n\n$ kubectl get pods -n payroll\n"
    "NAME                          READY   STATUS             RESTARTS       AGE\n"
    "payroll-api-7d9f8c6b5-2xkqp   0/1     CrashLoopBackOff   14 (2m ago)    48m\n"
    "payroll-api-7d9f8c6b5-9mzlt   1/1     Running            0              3d\n\n"
    "$ kubectl logs payroll-api-7d9f8c6b5-2xkqp --previous | tail -3\nError: ENOENT: no such file or directory, open '/etc/payroll/config.yaml'\n"
    "    at Object.openSync (node:fs:573:18)\n    at readConfig (/app/dist/config.js:14:22)",
    "Macro stopped working after the Office update — Run-time error '1004': Method 'Range' of object '_Worksheet' failed.\n\n"
    "Sub CopyTotals()\n    Dim ws As Worksheet, lastRow As Long\n    Set ws = ThisWorkbook.Sheets(\"Summary\")\n"
    "    lastRow = ws.Cells(ws.Rows.Count, \"B\").End(xlUp).Row\n    ws.Range(\"B2:B\" & lastRow).Copy Destination:=Sheets(\"Report\").Range(\"C5\")\nEnd Sub",
    "Printer on the 3rd floor (PRN-3F-EAST) shows 'Error 49.4C02' and won't print anything. Power-cycled it twice, same error. People are walking to 2F 🙃",
    "Laptop rebooted itself during a Teams call, twice today. Event Viewer:\n\nLog Name:      System\nSource:        Microsoft-Windows-Kernel-Power\n"
    "Event ID:      41\nLevel:         Critical\nDescription:\nThe system has rebooted without cleanly shutting down first. This error could be caused if the system stopped responding, crashed, or lost power unexpectedly.\n\n"
    "BugcheckCode 0x9f, BugcheckParameter1 0x3",
    "build-03 has disk errors:\n\n[ 8123.441020] EXT4-fs error (device sda1): ext4_find_entry:1455: inode #2: comm ls: reading directory lblock 0\n"
    "[ 8123.441890] Buffer I/O error on dev sda1, logical block 0, lost sync page write\n[ 8123.442011] EXT4-fs (sda1): Remounting filesystem read-only",
    "Please grant me read access to \\\\fs01\\Finance\\2026\\Budgets — need it for the Q1 forecast. Manager approval: Zainab Yilmazer (cc'd).",
    "Cloning the ETL repo fails on my new laptop:\n\n$ git clone https://git.harlowgroup.example.com/finance/etl.git\nCloning into 'etl'...\n"
    "fatal: unable to access 'https://git.harlowgroup.example.com/finance/etl.git/': SSL certificate problem: unable to get local issuer certificate",
    "The intranet page is blank in Edge. F12 console shows:\n\nRefused to frame 'https://forms.example.com/' because an ancestor violates the following Content Security Policy directive: \"frame-ancestors 'self'\".\n"
    "Uncaught TypeError: Cannot read properties of undefined (reading 'map')\n    at renderList (app.4f9c2.js:1:38211)\n    at HTMLDocument.<anonymous> (app.4f9c2.js:1:40102)",
    "Forecast script broke after the Python upgrade:\n\nTraceback (most recent call last):\n  File \"C:\\Scripts\\forecast.py\", line 88, in <module>\n"
    "    df = df.append(row, ignore_index=True)\n         ^^^^^^^^^\nAttributeError: 'DataFrame' object has no attribute 'append'. Did you mean: '_append'?",
    "New starter on Monday (Freya Lindgren, Marketing). Needs: laptop, monitor ×2, M365 E3, Adobe CC, access to the 'Brand' Teams channel & the \\\\fs01\\Marketing share. Desk 4.17.",
    "Mouse double-clicks on single click 🖱️ Logitech MX Master, asset tag HGL-PER-2231. Can I get a replacement?",
]
KB = [
    ("Map a network drive", "<p>Open <strong>PowerShell</strong> (not as admin) and run:</p><pre><code class=\"language-powershell\">New-PSDrive -Name Z -PSProvider FileSystem -Root \"\\\\fs01.harlowgroup.example.com\\shared\" -Persist</code></pre>"
     "<p>Or from <code>cmd</code>:</p><pre><code>net use Z: \\\\fs01\\shared /persistent:yes</code></pre><p>If you get <em>System error 53</em>, check you're on the VPN.</p>"),
    ("Reset a stuck print queue", "<ol><li>Open an elevated Command Prompt</li><li>Run:<pre><code>net stop spooler\ndel /Q /F %systemroot%\\System32\\spool\\PRINTERS\\*\nnet start spooler</code></pre></li>"
     "<li>Re-send the job</li></ol><p>⚠️ This cancels <u>all</u> queued jobs on that PC.</p>"),
    ("Clear the Teams cache", "<p>Quit Teams (right-click the tray icon → Quit), then:</p><pre><code class=\"language-powershell\">Get-Process ms-teams -ErrorAction SilentlyContinue | Stop-Process -Force\n"
     "Remove-Item -Recurse -Force \"$env:LOCALAPPDATA\\Packages\\MSTeams_8wekyb3d8bbwe\\LocalCache\\Microsoft\\MSTeams\\*\"</code></pre>"),
    ("Linux: SSSD logins failing", "<p>Symptoms: <code>Permission denied</code> for domain users; <code>journalctl -u sssd</code> shows <code>Offline</code>.</p>"
     "<pre><code class=\"language-bash\">sudo systemctl stop sssd\nsudo rm -f /var/lib/sss/db/*\nsudo systemctl start sssd\nid k.adeyemi@harlowgroup.example.com</code></pre>"),
    ("Verify a download's checksum", "<p>Windows:</p><pre><code>certutil -hashfile .\\image.iso SHA256</code></pre><p>macOS / Linux:</p><pre><code>shasum -a 256 image.iso   # macOS\nsha256sum image.iso       # Linux</code></pre>"
     "<p>Compare against the value on the download page — they must match <em>exactly</em>.</p>"),
    ("Find what's filling a disk", "<pre><code class=\"language-bash\">sudo du -xh / 2&gt;/dev/null | sort -rh | head -20\nsudo journalctl --vacuum-size=500M\nsudo find /var/log -name '*.gz' -mtime +30 -delete</code></pre>"),
    ("Unlock an AD account", "<pre><code class=\"language-powershell\">Search-ADAccount -LockedOut | Select-Object Name, SamAccountName, LastLogonDate\n"
     "Unlock-ADAccount -Identity j.whitcombe\nGet-ADUser j.whitcombe -Properties LockedOut, BadLogonCount | Format-List</code></pre><p>If it locks again within minutes, check for a phone with an old password.</p>"),
    ("Force a Group Policy refresh", "<pre><code>gpupdate /force\ngpresult /h C:\\temp\\gp.html &amp;&amp; start C:\\temp\\gp.html</code></pre>"),
]
QUERIES = ["status != Closed AND priority IN (P1, P2) AND created >= -30d ORDER BY created DESC", "assignee = currentUser() AND status = \"In Progress\"",
           "category = Printing AND location ~ \"3F\"", "text ~ \"CAA20003\"", "requester = k.adeyemi@harlowgroup.example.com", "sla_breached = true AND team = \"Service Desk L1\"",
           "tag IN (vpn, remote-access) AND updated >= startOfWeek()", "asset = HGL-LT-0412", "\"Login failed for user\"", "status = Resolved AND csat <= 2",
           "type = Change AND cab_date >= 2026-12-08 AND risk != Low", "summary ~ \"502\" OR description ~ \"Bad Gateway\""]


def _emp(rng: random.Random) -> str:
    return jar(rng, "spring", tracking=0.0, extra=[("SD_LOCALE", pick(rng, ["en_GB", "en_US", "pl_PL"]))])


def _agent_cookie(rng: random.Random) -> str:
    return jar(rng, "spring", tracking=0.0, extra=[("sd_console", "1"), ("sd_queue", pick(rng, ["l1", "l2-infra", "apps", "changes"]))])


def _tkt(rng: random.Random) -> str:
    return f"{pick(rng, ['INC', 'INC', 'REQ', 'CHG', 'PRB'])}-{rng.randint(10000, 99999)}"


def _emp_mail(rng: random.Random) -> tuple[str, str, str]:
    g, f = human(rng)
    return g, f, mailbox(rng, g, f, DOMAIN)


def _host(rng: random.Random) -> str:
    return pick(rng, [f"HGL-LT-{rng.randint(100, 999):04d}", f"HGL-DT-{rng.randint(100, 999):04d}", "web-01", "web-02", "sql-rpt-01", "fs01", "build-03", "sftp-01", f"HGL-MAC-{rng.randint(10, 99)}"])


# ------------------------------------------------------------------ employees


def ticket_portal(rng: random.Random) -> Request:
    _g, _f, mail = _emp_mail(rng)
    desc = pick(rng, PASTES)
    fields = [("_csrf", uuid4(rng)), ("summary", pick(rng, ["Outlook password prompts", "VPN keeps disconnecting", "502 on intranet", "Expenses: can't submit claim", "Report job failed",
                                                            "Can't reach fs01 from Leeds", "payroll-api CrashLoopBackOff", "Excel macro error 1004", "Printer 3F east error 49",
                                                            "Laptop random reboots", "build-03 disk errors", "Access to Finance share", "git clone SSL error", "Intranet blank in Edge",
                                                            "forecast.py broken", "New starter: Freya Lindgren", "Mouse double-clicking"])),
              ("description", desc), ("category", pick(rng, ["Email", "Network/VPN", "Applications", "Hardware", "Access", "Printing", "Servers", "Other"])),
              ("impact", pick(rng, ["just_me", "my_team", "whole_site"])), ("urgency", pick(rng, ["low", "medium", "high"])), ("asset", pick(rng, ["", _host(rng)])),
              ("contact_phone", pick(rng, ["", f"ext. {rng.randint(2000, 5999)}"])), ("requester", mail)]
    if rng.random() < 0.45:
        a = pick(rng, AGENTS)
        b = boundary_for(rng, a)
        parts: list[Part] = text_parts(fields)
        if rng.random() < 0.6:
            parts.append(("attachments", fake_png(rng, rng.randint(500, 1600), 1920, 1080), pick(rng, ["Screenshot 2026-12-03 093112.png", "error.png", "image001.png"]), "image/png"))
        else:
            parts.append(("attachments", ("\n".join(desc.splitlines()[:4]) + "\n").encode(), pick(rng, ["vpnclient.log", "error.log", "output.txt"]), "text/plain"))
        return web(rng, SRC, "ticket_create_portal", "POST", PORTAL, "/portal/tickets", body=multipart(parts, b), ctype=f"multipart/form-data; boundary={b}", nav=True,
                   agent=a, cookie=_emp(rng), ref=f"https://{PORTAL}/portal/tickets/new")
    return web(rng, SRC, "ticket_create_form", "POST", PORTAL, "/portal/tickets", body=form(fields).encode(), ctype="application/x-www-form-urlencoded", nav=True,
               cookie=_emp(rng), ref=f"https://{PORTAL}/portal/tickets/new?category={pick(rng, ['email', 'network', 'hardware'])}")


def catalog_request(rng: random.Random) -> Request:
    g, f, _ = _emp_mail(rng)
    obj = {"item": pick(rng, ["laptop_standard", "monitor_27", "software_adobe_cc", "access_share", "mobile_phone", "new_starter_bundle"]),
           "answers": {"justification": pick(rng, ["Current laptop is 6 years old & takes 9 min to boot", "Second monitor for spreadsheets", "Q1 forecast work",
                                                   "New starter Monday 7th (Marketing)", "Old phone screen cracked"]),
                       "for_user": f"{g} {f}", "cost_centre": str(rng.randint(4000, 4999)), "needed_by": date_on(rng, ahead=True),
                       "share_path": pick(rng, ["", "\\\\fs01\\Finance\\2026\\Budgets", "\\\\fs01\\Marketing\\Brand assets"])},
           "quantity": rng.randint(1, 3)}
    return web(rng, SRC, "catalog_request", "POST", PORTAL, "/api/v2/catalog/requests", body=js_json(obj).encode(), ctype="application/json", cookie=_emp(rng),
               extra=xsrf(rng, "spring"), ref=f"https://{PORTAL}/portal/catalog")


def portal_reply(rng: random.Random) -> Request:
    t = _tkt(rng)
    obj = {"body": pick(rng, ["Still happening after the reboot, see new screenshot.", "That fixed it, thanks! You can close this 🙂", "When will someone look at this? It's been 3 days.",
                              "Here's the output you asked for:\n\nC:\\> ipconfig /all | findstr /i \"dns dhcp\"\n   DHCP Enabled. . . . . . . . . . . : Yes\n   DNS Servers . . . . . . . . . . . : 192.0.2.53\n                                       192.0.2.54",
                              "I'm in the office Thursday if someone can come by desk 4.17"]), "attachments": []}
    return web(rng, SRC, "ticket_reply_portal", "POST", PORTAL, f"/api/v2/tickets/{t}/comments", body=js_json(obj).encode(), ctype="application/json", cookie=_emp(rng),
               extra=xsrf(rng, "spring"), ref=f"https://{PORTAL}/portal/tickets/{t}")


def portal_page(rng: random.Random) -> Request:
    return web(rng, SRC, "portal_page", "GET", PORTAL, pick(rng, ["/portal", "/portal/tickets", f"/portal/tickets/{_tkt(rng)}", "/portal/catalog", "/kb", f"/kb/{rng.randint(100, 999)}"]),
               pick(rng, ["", "", "status=open", "q=vpn"]), nav=True, cookie=_emp(rng), site=pick(rng, ["same-origin", "none"]), ref=f"https://{PORTAL}/portal")


def kb_search(rng: random.Random) -> Request:
    return web(rng, SRC, "kb_search", "GET", PORTAL, "/api/v2/kb/search", uri_query([("q", pick(rng, ["map network drive", "teams cache", "printer error 49", "CAA20003", "vpn dpd timeout",
                                                                                                   "unlock account", "\"System error 53\"", "sssd", "sha256"])), ("limit", "10")]),
               cookie=_emp(rng), ref=f"https://{PORTAL}/kb")


def survey(rng: random.Random) -> Request:
    pairs = [("t", chars(rng, ALNUM, 32)), ("rating", str(pick(rng, [5, 5, 4, 3, 1]))), ("comment", pick(rng, ["", "Kasimir was brilliant, fixed it in 5 min", "Took a week for a mouse…",
                                                                                                          "Fine", "Please stop closing tickets before confirming with me!"]))]
    return web(rng, SRC, "csat_survey", "POST", PORTAL, "/survey", body=form(pairs).encode(), ctype="application/x-www-form-urlencoded", nav=True, site="cross-site",
               ref="https://outlook.example.com/")


# ------------------------------------------------------------------ agents' console


def ticket_update(rng: random.Random) -> Request:
    t = _tkt(rng)
    obj: dict[str, object] = {"status": pick(rng, ["In Progress", "Pending Customer", "Resolved", "On Hold"]), "priority": pick(rng, ["P1", "P2", "P3", "P4"]),
                              "assignee": pick(rng, ["k.lamontagne", "r.szabo", "service-desk-l2", "infra-oncall"]), "category": pick(rng, ["Network/VPN", "Servers", "Applications"])}
    if rng.random() < 0.5:
        obj["resolution"] = pick(rng, ["Updated SSRS data source credentials for svc_report; re-ran job — OK.", "Replaced fuser (49.4C02). Test page printed.",
                                       "Re-issued intranet cert chain incl. intermediate; `git config --global http.sslCAInfo` not needed.", "Rolled back payroll-api to 2.8.3; missing ConfigMap mount in 2.9.0."])
    return web(rng, SRC, "ticket_update", "PATCH", DESK, f"/api/v2/tickets/{t}", body=js_json(obj).encode(), ctype="application/json", cookie=_agent_cookie(rng),
               extra=xsrf(rng, "spring"), ref=f"https://{DESK}/tickets/{t}")


def work_note(rng: random.Random) -> Request:
    t = _tkt(rng)
    note = pick(rng, ["<p>Checked on fs01:</p><pre>Get-SmbSession | ? ClientUserName -like '*adeyemi*'</pre><p>No sessions. Firewall on Leeds edge blocks 445 — raised CHG for rule.</p>",
                      "<p>Reproduced. <code>SELECT * FROM cost_centre WHERE id = 4410;</code> → 0 rows. Finance added CC 4410 in SAP but the nightly sync failed (see INC-48810).</p>",
                      "<p>Called user, VPN MTU issue on home router. Set <code>mtu=1300</code> in profile → stable for 40 min. Monitoring.</p>",
                      "<p>@r.szabo can you look at build-03? <code>smartctl -a /dev/sda</code> shows <b>Reallocated_Sector_Ct 1184</b>. Needs a new disk.</p>",
                      "<p>Sent KB-212 (Teams cache). User to confirm tomorrow.</p>"])
    obj = {"body": note, "format": "html", "visibility": pick(rng, ["internal", "internal", "public"]), "timeSpentMinutes": pick(rng, [5, 10, 15, 30, 45, 60])}
    return web(rng, SRC, "work_note", "POST", DESK, f"/api/v2/tickets/{t}/comments", body=js_json(obj).encode(), ctype="application/json", cookie=_agent_cookie(rng),
               extra=xsrf(rng, "spring"), ref=f"https://{DESK}/tickets/{t}")


def search(rng: random.Random) -> Request:
    return web(rng, SRC, "ticket_search", "GET", DESK, "/api/v2/search", uri_query([("q", pick(rng, QUERIES)), ("fields", "key,summary,status,priority,assignee,sla"), ("startAt", str(rng.randint(0, 3) * 50)),
                                                                                   ("maxResults", "50")]),
               cookie=_agent_cookie(rng), ref=f"https://{DESK}/queues/{pick(rng, ['l1', 'l2-infra', 'apps'])}")


def desk_page(rng: random.Random) -> Request:
    return web(rng, SRC, "console_page", "GET", DESK, pick(rng, ["/", "/queues/l1", f"/tickets/{_tkt(rng)}", "/changes/calendar", "/kb/drafts", "/assets", "/reports/sla"]),
               pick(rng, ["", "", qs([("jql", pick(rng, QUERIES))]), "view=board"]), nav=True, cookie=_agent_cookie(rng))


def kb_edit(rng: random.Random) -> Request:
    title, html = pick(rng, KB)
    obj = {"title": title, "body": html, "format": "html", "labels": some(rng, ["windows", "linux", "network", "printing", "m365", "powershell", "self-service"], 1, 3),
           "audience": pick(rng, ["employees", "agents"]), "state": pick(rng, ["draft", "published"]), "reviewBy": date_on(rng, ahead=True)}
    method = pick(rng, ["POST", "PUT"])
    return web(rng, SRC, "kb_article_edit", method, DESK, "/api/v2/kb/articles" + ("" if method == "POST" else f"/{rng.randint(100, 999)}"), body=js_json(obj).encode(),
               ctype="application/json", cookie=_agent_cookie(rng), extra=xsrf(rng, "spring"))


def change(rng: random.Random) -> Request:
    plan, backout = pick(rng, [
        ("1. Snapshot VM sql-rpt-01\n2. Run in SSMS:\n   ALTER DATABASE Reporting SET SINGLE_USER WITH ROLLBACK IMMEDIATE;\n   ALTER DATABASE Reporting MODIFY FILE (NAME = Reporting_log, SIZE = 8GB);\n"
         "   ALTER DATABASE Reporting SET MULTI_USER;\n3. Verify: SELECT name, size * 8 / 1024 AS size_mb FROM sys.database_files;", "Revert to snapshot (approx. 15 min)."),
        ("Rolling upgrade nginx 1.24 → 1.26 on web-01 then web-02 (drain from LB first):\n  sudo apt-mark unhold nginx\n  sudo apt-get install -y nginx=1.26.2-1~bookworm\n  sudo nginx -t && sudo systemctl reload nginx\n  curl -fsS https://intranet.harlowgroup.example.com/healthz",
         "sudo apt-get install -y --allow-downgrades nginx=1.24.0-1~bookworm && sudo systemctl restart nginx"),
        ("Add firewall rule on edge-fw-01: allow TCP/443 from 203.0.113.0/24 (vendor VPN) to 192.0.2.50 (sftp-01). Rule name: VENDOR-SFTP-IN. Log: yes.", "Disable rule VENDOR-SFTP-IN."),
        ("Replace sda on build-03 (RAID1 degraded):\n  mdadm --manage /dev/md0 --fail /dev/sda1 --remove /dev/sda1\n  # swap disk\n  sfdisk -d /dev/sdb | sfdisk /dev/sda\n  mdadm --manage /dev/md0 --add /dev/sda1\n  watch cat /proc/mdstat",
         "N/A — hardware replacement; if rebuild fails, restore from Sunday backup."),
        ("Rotate svc_report password & update SSRS shared data source:\n  Set-ADAccountPassword -Identity svc_report -Reset\n  # update data source in Report Manager → Test Connection", "Restore previous password from vault (entry SSRS/svc_report, version n-1)."),
    ])
    obj = {"summary": pick(rng, ["Grow Reporting log file", "nginx 1.26 on web tier", "Vendor SFTP firewall rule", "Replace failed disk build-03", "Rotate svc_report credentials"]),
           "type": pick(rng, ["normal", "standard", "emergency"]), "risk": pick(rng, ["Low", "Medium", "High"]), "impact": pick(rng, ["Reporting unavailable ~10 min", "None expected", "Brief 502s possible"]),
           "implementationPlan": plan, "backoutPlan": backout, "testPlan": pick(rng, ["Run 'Monthly Sales by Region' report", "Smoke test intranet + timesheets", "sftp -P 22 vendor@sftp-01 from vendor side"]),
           "window": {"start": f"{date_on(rng, ahead=True)}T19:00:00Z", "end": f"{date_on(rng, ahead=True)}T21:00:00Z"}, "cis": [_host(rng) for _ in range(rng.randint(1, 3))],
           "linkedTickets": [_tkt(rng)]}
    return web(rng, SRC, "change_request", "POST", DESK, "/api/v2/changes", body=js_json(obj).encode(), ctype="application/json", cookie=_agent_cookie(rng), extra=xsrf(rng, "spring"))


def approval(rng: random.Random) -> Request:
    obj = {"decision": pick(rng, ["approve", "approve", "reject"]), "comment": pick(rng, ["", "OK for Tuesday window", "Need a tested back-out first", "Approved — notify #it-status before starting"])}
    return web(rng, SRC, "approval_decision", "POST", DESK, f"/api/v2/approvals/{uuid4(rng)}", body=js_json(obj).encode(), ctype="application/json", cookie=_agent_cookie(rng),
               extra=xsrf(rng, "spring"))


def watcher_remove(rng: random.Random) -> Request:
    return web(rng, SRC, "watcher_remove", "DELETE", DESK, f"/api/v2/tickets/{_tkt(rng)}/watchers/{pick(rng, ['k.lamontagne', 'r.szabo', 'z.yilmazer'])}", cookie=_agent_cookie(rng),
               extra=xsrf(rng, "spring"))


def attach(rng: random.Random) -> Request:
    a = pick(rng, AGENTS)
    b = boundary_for(rng, a)
    file: Part = pick(rng, [("file", fake_zip(rng, ["logs/vpnclient.log", "logs/system.evtx", "msinfo32.nfo"], rng.randint(100, 300)), "HGL-LT-0412_logs.zip", "application/x-zip-compressed"),
                            ("file", fake_png(rng, rng.randint(500, 1500)), "image.png", "image/png"),
                            ("file", "\n".join(f"{rng.randint(1, 30)}.11.2026 {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d} {pick(rng, ['FAIL', 'OK'])} {pick(rng, ['backup job', 'sync', 'ssrs'])}"
                                               for _ in range(8)).encode() + b"\n", "job_history.txt", "text/plain")])
    return web(rng, SRC, "attachment_upload", "POST", DESK, f"/api/v2/tickets/{_tkt(rng)}/attachments", body=multipart([file], b), ctype=f"multipart/form-data; boundary={b}",
               agent=a, cookie=_agent_cookie(rng), extra=xsrf(rng, "spring"))


def sla_report(rng: random.Random) -> Request:
    if rng.random() < 0.5:
        return web(rng, SRC, "sla_report", "GET", DESK, "/api/v2/reports/sla", qs([("from", date_on(rng)), ("to", date_on(rng)), ("groupBy", pick(rng, ["team", "priority", "category", "week"])),
                                                                                  ("metric", pick(rng, ["first_response", "resolution", "both"])), ("calendar", "uk-business-hours")]),
                   cookie=_agent_cookie(rng))
    obj = {"name": pick(rng, ["P1/P2 breaches last 30d", "Printing tickets by floor", "Backlog > 14 days"]), "query": pick(rng, QUERIES),
           "columns": ["key", "summary", "priority", "created", "sla.resolution.remaining"], "schedule": pick(rng, [None, {"cron": "0 8 * * MON", "to": ["it-managers@harlowgroup.example.com"]}])}
    return web(rng, SRC, "report_definition", "POST", DESK, "/api/v2/reports", body=js_json(obj).encode(), ctype="application/json", cookie=_agent_cookie(rng), extra=xsrf(rng, "spring"))


def asset_assign(rng: random.Random) -> Request:
    g, _f, mail = _emp_mail(rng)
    obj = {"assignedTo": mail, "location": pick(rng, ["Leeds / 4.17", "London / 2F hot desk", "Remote (home)", "Storeroom B"]), "state": pick(rng, ["in_use", "in_stock", "in_repair", "retired"]),
           "note": pick(rng, ["", f"Handed to {g} on {date_on(rng)}", "Screen hinge loose", "Wiped with DBAN, ready for WEEE"])}
    return web(rng, SRC, "asset_update", "PATCH", DESK, f"/api/v2/assets/{pick(rng, ['HGL-LT-', 'HGL-DT-', 'HGL-PER-'])}{rng.randint(100, 9999):04d}", body=js_json(obj).encode(),
               ctype="application/json", cookie=_agent_cookie(rng), extra=xsrf(rng, "spring"))


SCRIPTS = [
    ("clear-teams-cache.ps1", "powershell", "Get-Process ms-teams -ErrorAction SilentlyContinue | Stop-Process -Force\n"
     "$cache = Join-Path $env:LOCALAPPDATA 'Packages\\MSTeams_8wekyb3d8bbwe\\LocalCache\\Microsoft\\MSTeams'\nif (Test-Path $cache) { Remove-Item -Recurse -Force \"$cache\\*\" }\nWrite-Output \"cleared $cache\""),
    ("collect-logs.sh", "bash", "#!/bin/bash\nset -eu\nout=/tmp/logs-$(hostname)-$(date +%Y%m%d%H%M).tar.gz\njournalctl --since '-2h' --no-pager > /tmp/journal.txt\n"
     "tar czf \"$out\" /tmp/journal.txt /var/log/syslog* 2>/dev/null || true\necho \"$out\""),
    ("disk-report.ps1", "powershell", "Get-CimInstance Win32_LogicalDisk -Filter \"DriveType=3\" |\n  Select-Object DeviceID, @{n='SizeGB';e={[math]::Round($_.Size/1GB,1)}}, @{n='FreeGB';e={[math]::Round($_.FreeSpace/1GB,1)}} |\n  ConvertTo-Json"),
    ("fix-print-spooler.cmd", "batch", "@echo off\nnet stop spooler\ndel /Q /F %systemroot%\\System32\\spool\\PRINTERS\\*\nnet start spooler\necho done"),
    ("check-cert-expiry.sh", "bash", "for h in intranet.harlowgroup.example.com sftp-01.harlowgroup.example.com; do\n  echo | openssl s_client -servername \"$h\" -connect \"$h:443\" 2>/dev/null | openssl x509 -noout -enddate | sed \"s/^/$h /\"\ndone"),
]


def script_save(rng: random.Random) -> Request:
    name, lang, body = pick(rng, SCRIPTS)
    obj = {"name": name, "language": lang, "content": body, "timeoutSeconds": pick(rng, [60, 300, 900]), "runAs": pick(rng, ["system", "logged_in_user", "root"]),
           "targets": {"os": pick(rng, ["windows", "linux", "macos"]), "groups": some(rng, ["all-laptops", "leeds", "servers-linux", "finance"], 1, 2)}}
    return web(rng, SRC, "agent_script_save", "PUT", DESK, f"/api/v2/automation/scripts/{name}", body=js_json(obj).encode(), ctype="application/json", cookie=_agent_cookie(rng),
               extra=xsrf(rng, "spring"))


def script_result(rng: random.Random) -> Request:
    name, _, _ = pick(rng, SCRIPTS)
    stdout = pick(rng, ["cleared C:\\Users\\k.adeyemi\\AppData\\Local\\Packages\\MSTeams_8wekyb3d8bbwe\\LocalCache\\Microsoft\\MSTeams",
                        "[{\"DeviceID\":\"C:\",\"SizeGB\":476.3,\"FreeGB\":12.4}]", "/tmp/logs-build-03-202612031412.tar.gz",
                        "intranet.harlowgroup.example.com notAfter=Jan 14 23:59:59 2027 GMT\nsftp-01.harlowgroup.example.com notAfter=Dec 19 12:00:00 2026 GMT", "done"])
    obj = {"runId": uuid4(rng), "script": name, "host": _host(rng), "exitCode": pick(rng, [0, 0, 0, 1, 2]), "stdout": stdout,
           "stderr": pick(rng, ["", "", "The service name is invalid.\r\n", "tar: Removing leading `/' from member names\n"]), "startedAt": stamp(rng), "durationMs": rng.randint(200, 90000)}
    return api(rng, SRC, "agent_script_result", "POST", INV, "/agent/v1/runs", body=js_json(obj).encode(), ctype="application/json; charset=utf-8", tool="dotnet",
               ua=pick(rng, ["ServdeskAgent/4.2.1 (windows; x64)", "ServdeskAgent/4.2.1 (linux; amd64)"]), auth=f"Agent {chars(rng, ALNUM, 48)}")


def checkin(rng: random.Random) -> Request:
    win = rng.random() < 0.65
    g, f = human(rng)
    obj = {"hostname": _host(rng), "serial": chars(rng, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", 10), "manufacturer": pick(rng, ["HP", "Dell Inc.", "LENOVO", "Apple Inc."]),
           "model": pick(rng, ["HP EliteBook 840 G10", "Latitude 7450", "ThinkPad T14 Gen 5", "PowerEdge R650", "MacBookPro18,3"]),
           "os": {"name": "Windows 11 Enterprise", "version": "23H2", "build": "22631.4460"} if win else {"name": "Debian GNU/Linux", "version": "12 (bookworm)", "kernel": "6.1.0-28-amd64"},
           "ip": [doc_ip(rng)], "mac": [":".join(hexs(rng, 2).upper() for _ in range(6))], "lastUser": f"HARLOW\\{g[0].lower()}.{f.lower().replace(' ', '')}" if win else "root",
           "uptimeSeconds": rng.randint(300, 3_000_000),
           "software": some(rng, [{"name": "Microsoft Visual C++ 2015-2022 Redistributable (x64) - 14.40.33810", "version": "14.40.33810.0"}, {"name": "7-Zip 24.08 (x64)", "version": "24.08"},
                                  {"name": "Google Chrome", "version": "143.0.7499.41"}, {"name": "Microsoft 365 Apps for enterprise - en-us", "version": "16.0.18227.20162"},
                                  {"name": "Notepad++ (64-bit x64)", "version": "8.7.1"}, {"name": "openssh-server", "version": "1:9.2p1-2+deb12u3"}, {"name": "nginx", "version": "1.24.0-1~bookworm"}], 2, 6),
           "disks": [{"mount": "C:" if win else "/", "sizeGb": pick(rng, [238, 476, 953]), "freeGb": round(rng.uniform(3, 400), 1)}],
           "pendingReboot": rng.random() < 0.2, "agentVersion": "4.2.1"}
    return api(rng, SRC, "inventory_checkin", "POST", INV, "/agent/v1/checkin", body=js_json(obj).encode(), ctype="application/json; charset=utf-8", tool="dotnet",
               ua=f"ServdeskAgent/4.2.1 ({'windows; x64' if win else 'linux; amd64'})", auth=f"Agent {chars(rng, ALNUM, 48)}")


def cmdb_csv(rng: random.Random) -> Request:
    rows = ["hostname,serial,model,os,os_version,ip,owner,location,status,notes"]
    for _ in range(rng.randint(4, 12)):
        g, f = human(rng)
        rows.append(",".join([_host(rng), chars(rng, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", 10), pick(rng, ["\"HP EliteBook 840 G10\"", "Latitude 7450", "\"ThinkPad T14, Gen 5\""]),
                              pick(rng, ["Windows 11", "Debian", "macOS"]), pick(rng, ["23H2", "12", "15.7"]), doc_ip(rng), f"{g} {f}".replace(",", ""),
                              pick(rng, ["Leeds/4.17", "London/2F", "Remote", "DC1 rack 14 U22"]), pick(rng, ["in_use", "in_stock", "retired"]),
                              pick(rng, ["", "\"screen flicker, see INC-48213\"", "BitLocker key in vault", "\"loan unit; return by 2027-01-31\""])]))
    a = pick(rng, AGENTS)
    b = boundary_for(rng, a)
    parts: list[Part] = [("file", ("\r\n".join(rows) + "\r\n").encode(), pick(rng, ["assets_leeds.csv", "cmdb-import-2026-12.csv", "Export (3).csv"]), "text/csv"),
                         *text_parts([("mode", pick(rng, ["upsert", "insert_only"])), ("key", "serial"), ("dry_run", pick(rng, ["true", "false"]))])]
    return web(rng, SRC, "cmdb_csv_import", "POST", DESK, "/api/v2/cmdb/imports", body=multipart(parts, b), ctype=f"multipart/form-data; boundary={b}", agent=a,
               cookie=_agent_cookie(rng), extra=xsrf(rng, "spring"))


def cmdb_json(rng: random.Random) -> Request:
    items = [{"ci_class": pick(rng, ["server", "database", "application", "network_device"]), "name": pick(rng, ["sql-rpt-01", "web-02", "Timesheets API", "edge-fw-01", "payroll-api"]),
              "attributes": {"environment": pick(rng, ["prod", "staging"]), "ip": doc_ip(rng), "owner_team": pick(rng, ["infra", "apps", "finance-it"]), "tier": rng.randint(1, 3)},
              "relations": [{"type": pick(rng, ["runs_on", "depends_on", "connects_to"]), "target": pick(rng, ["web-01", "sql-rpt-01", "fs01", "k8s-prod"])}]} for _ in range(rng.randint(2, 6))]
    return api(rng, SRC, "cmdb_bulk_api", "POST", DESK, "/api/v2/cmdb/bulk", body=py_json({"source": "discovery-scan", "items": items}).encode(), ctype="application/json",
               tool=pick(rng, ["requests", "powershell"]), auth=basic("svc_discovery", chars(rng, ALNUM, 24)))


# ------------------------------------------------------------------ inbound integrations


def email_hook(rng: random.Random) -> Request:
    g, f, mail = _emp_mail(rng)
    text = pick(rng, PASTES)
    subj = pick(rng, ["Outlook issue", "RE: [INC-48213] VPN keeps disconnecting", "URGENT - can't print", "FW: Monthly report failed", "Laptop", "Access request"])
    html = ("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><style>p.MsoNormal{margin:0cm;font-size:11.0pt;font-family:\"Aptos\",sans-serif}</style></head>"
            "<body lang=\"EN-GB\" link=\"#467886\"><div class=\"WordSection1\"><p class=\"MsoNormal\">Hi IT,<o:p></o:p></p><p class=\"MsoNormal\">"
            + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>") + "<o:p></o:p></p><p class=\"MsoNormal\">Thanks,<br>" + g + "<o:p></o:p></p></div></body></html>")
    headers = js_json([["Received", "from mail.harlowgroup.example.com (mail.harlowgroup.example.com [192.0.2.25])"], ["From", f"{g} {f} <{mail}>"], ["Subject", subj],
                       ["Message-Id", f"<{hexs(rng, 24)}@{DOMAIN}>"], ["X-MS-Has-Attach", "yes"]])
    fields = [("recipient", f"servicedesk@{DOMAIN}"), ("sender", mail), ("from", f"{g} {f} <{mail}>"), ("subject", subj), ("body-plain", f"Hi IT,\n\n{text}\n\nThanks,\n{g}"),
              ("stripped-text", text), ("body-html", html), ("message-headers", headers), ("timestamp", str(1_793_577_600 + rng.randrange(3_000_000))),
              ("token", hexs(rng, 50)), ("signature", hexs(rng, 64))]
    if rng.random() < 0.5:
        return api(rng, SRC, "email_to_ticket", "POST", DESK, "/hooks/inbound-mail", body=form(fields).encode(), ctype="application/x-www-form-urlencoded", tool="go",
                   ua="MailRoute-Inbound/2.0")
    b = boundary_for(rng, tool="go")
    parts = [*text_parts([*fields, ("attachment-count", "1")]), ("attachment-1", fake_png(rng, rng.randint(400, 1200)), "image001.png", "image/png")]
    return api(rng, SRC, "email_to_ticket_attach", "POST", DESK, "/hooks/inbound-mail", body=multipart(parts, b), ctype=f"multipart/form-data; boundary={b}", tool="go",
               ua="MailRoute-Inbound/2.0")


def alert_hook(rng: random.Random) -> Request:
    name, expr, summ = pick(rng, [("DiskSpaceLow", 'node_filesystem_avail_bytes{mountpoint="/var"} / node_filesystem_size_bytes < 0.1', "Disk /var on {h} is {p}% full"),
                                  ("HostDown", 'up{job="node"} == 0', "{h} is unreachable"), ("HighErrorRate", 'sum(rate(nginx_http_requests_total{status=~"5.."}[5m])) by (instance) > 5', "5xx rate high on {h}"),
                                  ("CertExpiringSoon", "probe_ssl_earliest_cert_expiry - time() < 86400 * 14", "TLS cert on {h} expires in < 14 days")])
    h = pick(rng, ["web-02", "sql-rpt-01", "sftp-01", "build-03"])
    status = pick(rng, ["firing", "firing", "resolved"])
    alert = {"status": status, "labels": {"alertname": name, "instance": f"{h}:9100", "severity": pick(rng, ["warning", "critical"]), "team": "infra"},
             "annotations": {"summary": summ.replace("{h}", h).replace("{p}", str(rng.randint(90, 99))), "runbook_url": f"https://wiki.{DOMAIN}/runbooks/{name.lower()}"},
             "startsAt": stamp(rng), "endsAt": "0001-01-01T00:00:00Z" if status == "firing" else stamp(rng),
             "generatorURL": f"http://prometheus.{DOMAIN}:9090/graph?g0.expr={uri_query([('', expr)])[1:]}&g0.tab=1", "fingerprint": hexs(rng, 16)}
    obj = {"version": "4", "groupKey": f'{{}}:{{alertname="{name}"}}', "truncatedAlerts": 0, "status": status, "receiver": "servdesk", "groupLabels": {"alertname": name},
           "commonLabels": alert["labels"], "commonAnnotations": alert["annotations"], "externalURL": f"http://alertmanager.{DOMAIN}:9093", "alerts": [alert]}
    return api(rng, SRC, "monitoring_alert", "POST", DESK, "/hooks/alertmanager", body=js_json(obj).encode(), ctype="application/json", tool="go", ua="Alertmanager/0.28.1",
               auth=f"Bearer {chars(rng, ALNUM, 40)}")


def chat_command(rng: random.Random) -> Request:
    g, f, _ = _emp_mail(rng)
    pairs = [("token", chars(rng, ALNUM, 24)), ("team_id", "T0" + chars(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 8)), ("team_domain", "harlowgroup"),
             ("channel_id", "C0" + chars(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 8)), ("channel_name", pick(rng, ["it-help", "leeds-office", "directmessage"])),
             ("user_id", "U0" + chars(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 8)), ("user_name", f"{g[0].lower()}.{f.lower().replace(' ', '')}"),
             ("command", "/ticket"), ("text", pick(rng, ["printer 3F east jammed again :(", "VPN down for everyone in Leeds??", "status INC-48213", "need access to \\\\fs01\\Finance pls",
                                                         "new monitor for desk 4.17 — the left one flickers"])),
             ("response_url", f"https://chat.{DOMAIN}/commands/{chars(rng, ALNUM, 10)}/{chars(rng, ALNUM, 24)}"), ("trigger_id", f"{rng.randint(10**12, 10**13)}.{rng.randint(10**11, 10**12)}.{hexs(rng, 32)}")]
    body = form(pairs).encode()
    return api(rng, SRC, "chat_slash_command", "POST", DESK, "/hooks/chat/commands", body=body, ctype="application/x-www-form-urlencoded", tool="java",
               ua="ChatOps-Hookshot/1.0 (+https://chat.harlowgroup.example.com/apps)", accept="application/json,*/*",
               extra=[("x-chat-request-timestamp", str(1_793_577_600 + rng.randrange(3_000_000))), ("x-chat-signature", "v0=" + hmac_hex(rng, body))])


def api_client(rng: random.Random) -> Request:
    if rng.random() < 0.5:
        return api(rng, SRC, "api_ticket_list", "GET", DESK, "/api/v2/search", uri_query([("q", pick(rng, QUERIES)), ("maxResults", "100")]), tool=pick(rng, ["powershell", "requests"]),
                   auth=basic(pick(rng, ["svc_reporting", "svc_powerbi"]), chars(rng, ALNUM, 24)), accept="application/json")
    g, f, mail = _emp_mail(rng)
    obj = {"summary": pick(rng, ["Leaver: disable accounts", "Joiner: provision laptop", "Backup job failed on fs01"]), "requester": mail, "type": pick(rng, ["REQ", "INC"]),
           "description": pick(rng, [f"Automated from HR system. Employee: {g} {f}. Last day: {date_on(rng, ahead=True)}. Manager: Zainab Yilmazer.",
                                     "Veeam job 'FS01-Daily' finished with status Failed: 'Failed to create VM snapshot. Error: Timed out waiting for the snapshot to complete.'"]),
           "labels": ["automation"]}
    return api(rng, SRC, "api_ticket_create", "POST", DESK, "/api/v2/tickets", body=py_json(obj).encode(), ctype="application/json", tool=pick(rng, ["requests", "powershell"]),
               auth=basic(pick(rng, ["svc_hr_sync", "svc_backup"]), chars(rng, ALNUM, 24)))


def itsm_helpdesk(rng: random.Random, n: int) -> list[Request]:
    return run(rng, n, [
        (18, ticket_portal), (4, catalog_request), (6, portal_reply), (6, portal_page), (5, kb_search), (2, survey), (9, ticket_update), (9, work_note),
        (7, search), (5, desk_page), (3, kb_edit), (4, change), (2, approval), (1, watcher_remove), (3, attach), (3, sla_report), (3, asset_assign),
        (2, script_save), (4, script_result), (8, checkin), (2, cmdb_csv), (2, cmdb_json), (7, email_hook), (5, alert_hook), (3, chat_command), (4, api_client),
    ])
