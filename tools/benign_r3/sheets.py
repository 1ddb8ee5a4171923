# ruff: noqa: RUF001 - number formats and data use typographic characters
"""spreadsheet: a spreadsheet / low-code app syncing cell edits (formulas,
number formats), batch updates, CSV pastes and imports, named ranges,
conditional formatting rules, and Airtable-style formula fields."""

from __future__ import annotations

import random

from benign_record import ALNUM, chars, js_json, pick, py_json, stamp, uuid4

from .common import (
    BROWSERS,
    Request,
    boundary,
    browser,
    client,
    cookies,
    csrf_header,
    multipart,
    person,
    some,
    uri_query,
)

SRC = "spreadsheet"
HOSTS = ["sheets.example.com", "grid.example.org", "app.example.net", "tables.example.com"]
API_HOST = "api.example.net"

SHEETS = ["Sheet1", "Budget 2027", "Q4", "Inventory", "Leads", "Rota", "Expenses", "Data", "Summary", "Übersicht"]


def _col(rng: random.Random) -> str:
    return pick(rng, "ABCDEFGHIJKLMN")


def _cell(rng: random.Random) -> str:
    return f"{_col(rng)}{rng.randint(1, 400)}"


def _range(rng: random.Random) -> str:
    c1 = rng.randrange(0, 6)
    r1 = rng.randint(1, 20)
    return f"{'ABCDEFGH'[c1]}{r1}:{'ABCDEFGH'[c1 + rng.randrange(0, 2)]}{r1 + rng.randint(5, 300)}"


def formula(rng: random.Random) -> str:
    r, c = _range(rng), _cell(rng)
    row = rng.randint(2, 200)
    sheet = pick(rng, SHEETS)
    ref_sheet = f"'{sheet}'" if " " in sheet else sheet
    forms = [
        f"=SUM({r})", f"=AVERAGE({r})", f"=ROUND({c}*1.2,2)", f"=COUNTIF({r},\">0\")",
        f"=IF(AND(B{row}>0,C{row}<>\"\"),\"yes\",\"no\")",
        f"=IF({c}=\"\",\"\",{c}*$F$1)",
        f"=VLOOKUP(A{row},{ref_sheet}!$A$2:$D$500,3,FALSE)",
        f"=XLOOKUP(A{row},Products!A:A,Products!C:C,\"not found\")",
        f"=INDEX(Prices!$B$2:$B$200,MATCH(A{row},Prices!$A$2:$A$200,0))",
        f"=CONCAT(B{row},\" \",C{row})", f"=TEXTJOIN(\", \",TRUE,{r})",
        f"=CONCATENATE(\"Order #\",A{row},\" – \",TEXT(D{row},\"dd.mm.yyyy\"))",
        "=QUERY(A:C,\"select A, sum(C) where B = 'x' group by A\")",
        "=QUERY(Leads!A1:F,\"select B, count(A) where F = 'Won' group by B order by count(A) desc\",1)",
        f"=QUERY({ref_sheet}!A2:E,\"select A, C where D > date '2026-01-01' and E is not null\")",
        "=SUMIFS(Expenses!D:D,Expenses!B:B,\"Travel\",Expenses!A:A,\">=\"&DATE(2026,10,1))",
        f"=IFERROR(B{row}/C{row},0)", f"=TODAY()-D{row}", f"=NETWORKDAYS(B{row},C{row},Holidays)",
        f"=IMPORTRANGE(\"https://docs.example.com/spreadsheets/d/{chars(rng, ALNUM, 20)}\",\"Sheet1!A1:C10\")",
        "=ARRAYFORMULA(IF(LEN(A2:A),B2:B*C2:C,\"\"))", "=UNIQUE(FILTER(A2:A,B2:B=\"Open\"))",
        f"=SPARKLINE(B{row}:M{row},{{\"charttype\",\"column\";\"color\",\"#4285F4\"}})",
        f"=HYPERLINK(\"https://crm.example.com/leads/\"&A{row},\"Open\")",
        f"=REGEXEXTRACT(B{row},\"[0-9]+\")", f"=LEFT(A{row},FIND(\"@\",A{row})-1)",
        "=SUMPRODUCT((B2:B100=\"EU\")*(C2:C100))", f"=MAX(0,MIN(100,{c}))",
        f"=DATEDIF(C{row},TODAY(),\"Y\")", f"=EOMONTH(D{row},0)", "=Budget!B12-Actuals!B12",
        f"=LET(total,SUM({r}),IF(total>1000,\"over\",\"ok\"))", f"=SWITCH(E{row},\"A\",1,\"B\",2,0)",
        "=GOOGLEFINANCE(\"CURRENCY:EURUSD\")", f"=SUBSTITUTE(A{row},\";\",\",\")",
        f"=IF(OR(D{row}=\"\",D{row}<0),NA(),D{row})", f"=COUNTA(UNIQUE({r}))",
    ]
    return pick(rng, forms)


NUMBER_FORMATS = ["#,##0.00", "0.0%", "yyyy-mm-dd", "dd.mm.yyyy", "[$€-407] #,##0.00", "#,##0 \"units\"",
                  "$#,##0.00;[Red]-$#,##0.00", "0.00E+00", "hh:mm", "[h]:mm:ss", "# ?/?", "£#,##0", "¥#,##0",
                  "_(* #,##0_);_(* (#,##0);_(* \"-\"??_);_(@_)", "@", "mmm d, yyyy"]

VALUES = ["Paid", "Open", "Overdue", "Q4 2026", "Berlin", "São Paulo", "N/A", "TBC", "✔", "42", "1,234.50",
          "3.14159", "2026-12-07", "07/12/2026", "Müller GmbH", "O'Reilly Media", "−12%", "yes", "#REF!", "\"quoted\""]

CSV_ROWS = [
    ["Date", "Description", "Category", "Amount", "Currency"],
    ["2026-11-02", "Train Berlin–Hamburg", "Travel", "79.90", "EUR"],
    ["2026-11-05", "Coffee w/ client, \"Café Übersee\"", "Meals", "12.40", "EUR"],
    ["2026-11-09", "Laptop stand", "Equipment", "45.00", "GBP"],
    ["2026-11-14", "Hotel (2 nights); breakfast incl.", "Travel", "238.00", "EUR"],
    ["2026-11-20", "Conference ticket — PyCon", "Training", "350.00", "USD"],
    ["2026-11-28", "Taxi, airport → office", "Travel", "54.30", "EUR"],
    ["2026-12-01", "Books: \"Designing Data-Intensive Applications\"", "Training", "41.99", "GBP"],
]


def _csv_cell(v: str, sep: str) -> str:
    return '"' + v.replace('"', '""') + '"' if any(ch in v for ch in f'"{sep}\n') else v


def _csv(rng: random.Random, sep: str = ",") -> str:
    rows = [CSV_ROWS[0], *some(rng, CSV_ROWS[1:], 2, 7)]
    return "\r\n".join(sep.join(_csv_cell(v, sep) for v in row) for row in rows) + "\r\n"


def _rule(rng: random.Random) -> dict[str, object]:
    rng_ = _range(rng)
    kind = pick(rng, ["custom", "number", "text", "scale"])
    if kind == "custom":
        f = pick(rng, ["=$C2<TODAY()", "=AND($D2>1000,$E2=\"Open\")", "=ISBLANK($B2)", "=COUNTIF($A:$A,$A2)>1", "=MOD(ROW(),2)=0",
                       "=$F2=\"Overdue\"", "=REGEXMATCH($B2,\"(?i)urgent\")"])
        cond: dict[str, object] = {"type": "CUSTOM_FORMULA", "values": [{"userEnteredValue": f}]}
    elif kind == "number":
        cond = {"type": pick(rng, ["NUMBER_GREATER", "NUMBER_LESS_THAN_EQ", "NUMBER_BETWEEN"]), "values": [{"userEnteredValue": str(rng.randrange(0, 5000))}]}
    elif kind == "text":
        cond = {"type": "TEXT_CONTAINS", "values": [{"userEnteredValue": pick(rng, ["Paid", "cancel", "TBC", "überfällig"])}]}
    else:
        return {"ranges": [rng_], "gradientRule": {"minpoint": {"color": "#F8696B", "type": "MIN"}, "midpoint": {"color": "#FFEB84", "type": "PERCENTILE", "value": "50"},
                                                   "maxpoint": {"color": "#63BE7B", "type": "MAX"}}}
    return {"ranges": [rng_], "booleanRule": {"condition": cond, "format": {"backgroundColor": pick(rng, ["#F4CCCC", "#D9EAD3", "#FFF2CC"]),
                                                                            "textFormat": {"bold": rng.random() < 0.5}}}}


AIRTABLE = [
    'IF({Status} = "Done", "✅", "")', "DATETIME_FORMAT({Due date}, 'DD/MM/YYYY')",
    'CONCATENATE({First name}, " ", {Last name})', "DATETIME_DIFF(TODAY(), {Created}, 'days')",
    'IF(AND({Budget} > 0, {Spent} > {Budget}), "Over budget", "OK")', "ROUND({Hours} * {Rate}, 2)",
    'SWITCH({Priority}, "P1", "🔥", "P2", "⚠️", "—")', "LOWER(SUBSTITUTE({Title}, \" \", \"-\"))",
    'IF(FIND("@", {Email}), "valid", "check")', "WORKDAY({Start}, 10)",
]


def one(rng: random.Random) -> Request:
    host = pick(rng, HOSTS)
    b = pick(rng, BROWSERS)
    book = chars(rng, ALNUM, 22)
    fw = pick(rng, ["django", "fastapi", "flask"])
    sheet = pick(rng, SHEETS)
    r = rng.random()
    ref = f"https://{host}/d/{book}/edit"
    if r < 0.3:  # single or few cell edits
        cells: list[dict[str, object]] = []
        for _ in range(rng.randint(1, 4)):
            if rng.random() < 0.65:
                cells.append({"ref": _cell(rng), "formula": formula(rng)})
            else:
                cells.append({"ref": _cell(rng), "value": pick(rng, VALUES)})
        payload = {"sheet": sheet, "rev": rng.randrange(1, 9000), "clientId": chars(rng, ALNUM, 12), "ops": [{"type": "set", **c} for c in cells]}
        return browser(rng, SRC, "cell_edit", "POST", host, f"/api/books/{book}/sync", body=js_json(payload).encode(),
                       ctype="application/json", b=b, cookie=cookies(rng, fw), extra=csrf_header(rng, fw), referer=ref)
    if r < 0.45:  # Sheets-API-like batchUpdate from a script
        reqs: list[dict[str, object]] = []
        for _ in range(rng.randint(1, 3)):
            k = pick(rng, ["fmt", "rule", "named", "values"])
            sid = rng.randrange(0, 2_000_000_000)
            if k == "fmt":
                reqs.append({"repeatCell": {"range": {"sheetId": sid, "startRowIndex": 1, "startColumnIndex": rng.randrange(6), "endColumnIndex": rng.randrange(6, 10)},
                                            "cell": {"userEnteredFormat": {"numberFormat": {"type": pick(rng, ["NUMBER", "CURRENCY", "DATE", "PERCENT"]), "pattern": pick(rng, NUMBER_FORMATS)}}},
                                            "fields": "userEnteredFormat.numberFormat"}})
            elif k == "rule":
                reqs.append({"addConditionalFormatRule": {"rule": _rule(rng), "index": 0}})
            elif k == "named":
                reqs.append({"addNamedRange": {"namedRange": {"name": pick(rng, ["TaxRate", "Holidays", "Q4_Revenue", "Prices", "lookup_table"]),
                                                              "range": {"sheetId": sid, "startRowIndex": 0, "endRowIndex": rng.randint(10, 300), "startColumnIndex": 0, "endColumnIndex": 2}}}})
            else:
                reqs.append({"updateCells": {"start": {"sheetId": sid, "rowIndex": rng.randrange(200), "columnIndex": rng.randrange(8)},
                                             "rows": [{"values": [{"userEnteredValue": {"formulaValue": formula(rng)}}, {"userEnteredValue": {"stringValue": pick(rng, VALUES)}}]}],
                                             "fields": "userEnteredValue"}})
        body = py_json({"requests": reqs, "includeSpreadsheetInResponse": False}).encode()
        return client(rng, SRC, "batch_update", "POST", API_HOST, f"/v4/spreadsheets/{book}:batchUpdate", body=body,
                      ctype="application/json", lib=pick(rng, ["requests", "httpx", "node"]), auth=f"Bearer ya29.{chars(rng, ALNUM + '-_', 120)}")
    if r < 0.58:  # paste of tab/comma separated data
        sep = pick(rng, ["\t", ",", ";"])
        payload2 = {"sheet": sheet, "anchor": _cell(rng), "format": {"\t": "tsv", ",": "csv", ";": "csv"}[sep], "delimiter": sep,
                    "data": _csv(rng, sep).replace("\r\n", "\n"), "detectTypes": True}
        return browser(rng, SRC, "paste", "POST", host, f"/api/books/{book}/paste", body=js_json(payload2).encode(),
                       ctype="application/json", b=b, cookie=cookies(rng, fw), extra=csrf_header(rng, fw), referer=ref)
    if r < 0.68:  # CSV import upload
        bnd = boundary(rng, b)
        sep = pick(rng, [",", ";"])
        name = pick(rng, ["expenses-nov.csv", "Export (3).csv", "kontoauszug_2026-11.csv", "leads_final_v2.csv"])
        body = multipart([("file", _csv(rng, sep).encode(), name, "text/csv"), ("delimiter", sep.encode(), None, None),
                          ("header_row", b"1", None, None), ("target", pick(rng, [b"new_sheet", b"append", b"replace"]), None, None)], bnd)
        return browser(rng, SRC, "csv_import", "POST", host, f"/api/books/{book}/import", body=body,
                       ctype=f"multipart/form-data; boundary={bnd}", b=b, cookie=cookies(rng, fw), extra=csrf_header(rng, fw), referer=ref)
    if r < 0.78:  # conditional formatting / named range from the UI
        if rng.random() < 0.5:
            payload3: dict[str, object] = {"sheet": sheet, "rule": _rule(rng)}
            path = f"/api/books/{book}/conditional-formats"
            kind = "conditional_format"
        else:
            payload3 = {"name": pick(rng, ["TaxRate", "Holidays", "Q4_Revenue", "Staff", "FX_EURUSD"]), "range": f"'{sheet}'!${_col(rng)}$2:${_col(rng)}${rng.randint(10, 500)}",
                        "comment": pick(rng, ["used by the summary tab", "do not rename — the dashboard uses it", ""])}
            path = f"/api/books/{book}/named-ranges"
            kind = "named_range"
        return browser(rng, SRC, kind, "POST", host, path, body=js_json(payload3).encode(), ctype="application/json",
                       b=b, cookie=cookies(rng, fw), extra=csrf_header(rng, fw), referer=ref)
    if r < 0.88:  # Airtable-style formula field / record update
        if rng.random() < 0.5:
            payload4: dict[str, object] = {"name": pick(rng, ["Status icon", "Full name", "Days open", "Budget check", "Slug"]), "type": "formula",
                                           "options": {"formula": pick(rng, AIRTABLE)}}
            return client(rng, SRC, "formula_field", "POST", API_HOST, f"/v0/meta/bases/app{chars(rng, ALNUM, 14)}/tables/tbl{chars(rng, ALNUM, 14)}/fields",
                          body=py_json(payload4).encode(), ctype="application/json", lib=pick(rng, ["requests", "node", "curl"]),
                          auth=f"Bearer pat{chars(rng, ALNUM, 14)}.{chars(rng, 'abcdef0123456789', 64)}")
        g, f, mail = person(rng)
        payload5 = {"records": [{"id": f"rec{chars(rng, ALNUM, 14)}", "fields": {"Name": f"{g} {f}", "Email": mail, "Status": pick(rng, ["Open", "Done", "Blocked"]),
                                                                              "Notes": pick(rng, ["Call back after 3pm", "Prefers email; don't call", "Invoice sent 02/12 — waiting", ""]),
                                                                              "Amount": round(rng.uniform(10, 9000), 2)}}], "typecast": True}
        return client(rng, SRC, "record_update", "PATCH", API_HOST, f"/v0/app{chars(rng, ALNUM, 14)}/Leads", body=py_json(payload5).encode(),
                      ctype="application/json", lib=pick(rng, ["requests", "httpx", "node"]), auth=f"Bearer pat{chars(rng, ALNUM, 14)}.{chars(rng, 'abcdef0123456789', 64)}")
    if r < 0.95:  # read a range
        rng_txt = f"'{sheet}'!{_range(rng)}" if " " in sheet else f"{sheet}!{_range(rng)}"
        qs = uri_query([("ranges", rng_txt), ("valueRenderOption", pick(rng, ["FORMATTED_VALUE", "FORMULA", "UNFORMATTED_VALUE"])), ("dateTimeRenderOption", "FORMATTED_STRING")])
        return client(rng, SRC, "values_get", "GET", API_HOST, f"/v4/spreadsheets/{book}/values:batchGet", qs,
                      lib=pick(rng, ["requests", "go", "node"]), auth=f"Bearer ya29.{chars(rng, ALNUM + '-_', 120)}")
    # comment on a cell
    payload6 = {"cell": _cell(rng), "sheet": sheet, "id": uuid4(rng), "created": stamp(rng),
                "text": pick(rng, ["@Jörg can you double-check this total?", "Why is this =SUM(B2:B9) and not B2:B10?", "Updated with November actuals 👍",
                                   "Formula breaks if column C is empty — use IFERROR?", "Source: finance export 03/12"])}
    return browser(rng, SRC, "cell_comment", "POST", host, f"/api/books/{book}/comments", body=js_json(payload6).encode(),
                   ctype="application/json", b=b, cookie=cookies(rng, fw), extra=csrf_header(rng, fw), referer=ref)


def spreadsheet(rng: random.Random, n: int) -> list[Request]:
    return [one(rng) for _ in range(n)]
