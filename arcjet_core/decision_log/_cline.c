/* The decision log's line builder, hot path only: _line.py's LineBuilder.line
 * when every piece of the line is already in the builder's caches.
 *
 * Why C: the Python builder runs ~23k instructions a line, ~3-6 µs on the
 * request thread (docs/perf-log.md); the budget for the whole log is 3 µs.
 * This does the same lookups and concatenation without the interpreter.
 *
 * What it never does: escape or encode anything a client sent. Every string
 * it emits is a fragment the Python builder made (and JSON-quoted), a number
 * it formats itself, a decision id it checks is made of [A-Za-z0-9_-] only,
 * or (log_ip="full") an address it checks is made of [0-9A-Fa-f.:] only. A
 * client IP, path or user agent not cached yet is made by the Python
 * builder's method for that fragment (which caches it); anything else not
 * cached (a new rule shape, a value of an unexpected type, caller fields, a
 * year past 9999) sends the whole line to the Python builder, which fills
 * the caches. Tests check both give the same bytes.
 *
 * Threads: the GIL is held throughout. Python code runs only in those
 * fragment makers (the caches' keys are str, int, bool, None and tuples of
 * them: enum members are keyed by id(), as an Enum's __hash__ is Python
 * code); another thread may run then and clear a cache, so every fragment
 * is held by reference from the moment it is looked up until the line is
 * built, and the time's text is copied out of this object's state. Plain
 * CPython C API only (no private functions).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <datetime.h>
#include <math.h>
#include <stddef.h>
#include <string.h>
#include <time.h>

#define MAX_RULES 64
#define SET_REF(field, value) do { PyObject *old_ = (PyObject *)(field); (field) = (value); Py_XDECREF(old_); } while (0)
#define MAX_PIECES (24 + 6 * MAX_RULES)
/* Characters of a request's method and path, or of a user agent, the
 * one-entry memos keep (as _line.py's _MAX_KEY: a 1 MB path is never held). */
#define MAX_MEMO_KEY 1024
/* The rule memos (below): slots per kind of rule, objects per slot. */
#define MEMO_SLOTS 8
#define MEMO_WIDTH 10

/* A rule's shape and its fragment(s), every object owned: the key objects
 * first (compared by identity), then the values; an empty slot is NULLs. */
typedef struct {
    PyObject *obj[MEMO_WIDTH];
} Memo;

typedef struct {
    PyObject_HEAD
    vectorcallfunc vectorcall;
    Py_ssize_t hits;     /* lines built here */
    Py_ssize_t misses;   /* lines left to the Python builder */
    PyObject *last;      /* rule id -> (reason, state, conclusion, dry_run, kind, text) */
    PyObject *rules;     /* (id(reason), rule id, id(state), id(conclusion), dry_run, kind) -> (reason, text) */
    PyObject *limits;    /* rule id -> (state, conclusion, dry_run, kind, type, max, window, head, tail) */
    PyObject *limit_shapes; /* (rule id, id(state), id(conclusion), dry_run, kind, type, max, window) -> (head, tail) */
    PyObject *verdicts;  /* (id(conclusion), reason type) -> text */
    PyObject *ips;       /* ip -> text */
    PyObject *requests;  /* (method, path) -> text */
    PyObject *uas;       /* user agent | None -> class */
    PyObject *ratelimit; /* the RateLimitReason class */
    PyObject *decision_type; /* Decision */
    PyObject *result_type;   /* RuleResult */
    PyObject *slow;      /* LineBuilder._line: the whole line, filling the caches */
    PyObject *ip_text, *request_text, *ua_text; /* LineBuilder's makers of one fragment (cached) */
    int full_ip;         /* log_ip="full": a plain address is written as it is */
    PyObject *prefix;    /* '{"v":1,"ts":"' */
    long long second;    /* the second second_text shows, -1 before the first */
    char second_text[32];
    /* The last verdict and request fragments (owned): a repeat of the previous
     * request's looks them up without building a key tuple for the cache.
     * A fragment is a function of its key, so these never go stale. */
    PyObject *verdict_conclusion, *verdict_type, *verdict_text;
    PyObject *req_method, *req_path, *req_text;
    PyObject *ua_key, *ua_text_last;
    /* The last MEMO_SLOTS rule shapes seen, in this object: a steady rule,
     * and a rule switching between a few shapes (a DRY_RUN limit that denies
     * one busy client, a bot rule that denies curl), is found by comparing
     * pointers in memory the line touches anyway, where the dictionaries
     * (``last``, ``rules``, ``limits``) cost a lookup each, out of cache on a
     * request thread that ran the whole protect() since (benchmarks/
     * decision_log.py's mixed traffic). A fragment is a function of its
     * shape, so a memo never goes stale. */
    Memo rule_memo[MEMO_SLOTS];  /* rule id, reason, state, conclusion, dry_run, kind -> text */
    Memo limit_memo[MEMO_SLOTS]; /* rule id, state, conclusion, dry_run, kind, type, window, max -> head, tail */
    int rule_next, limit_next;   /* the slot to fill next (round robin) */
    int memos;                   /* 0: the memos are off (benchmarks/decision_log.py shows what they buy) */
} Formatter;

/* Attribute names, interned once. */
static PyObject *s_results, *s_reason_v2, *s_rule_id, *s_state, *s_conclusion, *s_dry_run, *s_kind,
    *s_type, *s_max, *s_window, *s_remaining, *s_reset, *s_id, *s_ip_address, *s_ttl,
    *s_correlation_id, *s_metadata;

/* The fields read, in the order read_fields() returns them. */
static PyObject *decision_names[8], *result_names[6], *limit_names[5];

typedef struct {
    const char *data;
    Py_ssize_t len;
} Piece;

/* A str's bytes when it is ASCII (every fragment is: _quote escapes to ASCII). */
static int ascii_piece(PyObject *s, Piece *out) {
    if (!PyUnicode_CheckExact(s) || !PyUnicode_IS_ASCII(s))
        return 0;
    out->data = (const char *)PyUnicode_DATA(s);
    out->len = PyUnicode_GET_LENGTH(s);
    return 1;
}

/* The line's pieces, and the objects they point into, held until the line
 * is built (a fragment maker runs Python code, during which another thread
 * may clear the cache a fragment came from). */
typedef struct {
    Piece pieces[MAX_PIECES];
    PyObject *owned[MAX_PIECES];
    int np, no;
} Line;

static int take(Line *line, PyObject *s) {
    if (s == NULL || !ascii_piece(s, &line->pieces[line->np]))
        return 0;
    line->np++;
    Py_INCREF(s);
    line->owned[line->no++] = s;
    return 1;
}

static void add(Line *line, const char *data, Py_ssize_t len) {
    line->pieces[line->np++] = (Piece){data, len};
}

static void release(Line *line) {
    int i;
    for (i = 0; i < line->no; i++)
        Py_DECREF(line->owned[i]);
    line->no = 0;
}

/* Holds a reference to obj (a new one: ``stolen``; else one is taken)
 * until the line is built; obj, or NULL when it is NULL. */
static PyObject *hold(Line *line, PyObject *obj, int stolen) {
    if (obj == NULL)
        return NULL;
    if (!stolen)
        Py_INCREF(obj);
    line->owned[line->no++] = obj;
    return obj;
}

/* A held fragment as the line's next piece; 0 when it is not ASCII text. */
static int put(Line *line, PyObject *held) {
    return ascii_piece(held, &line->pieces[line->np]) ? (line->np++, 1) : 0;
}

/* The values of the memo whose first nkeys objects are keys, or NULL. */
static PyObject **memo_find(Memo *memos, PyObject *const *keys, int nkeys) {
    int s, k;
    for (s = 0; s < MEMO_SLOTS; s++) {
        PyObject **o = memos[s].obj;
        for (k = 0; k < nkeys && o[k] == keys[k]; k++)
            ;
        if (k == nkeys)
            return o + nkeys;
    }
    return NULL;
}

/* objs (keys then values, n of them) into the next slot; what it held is let
 * go last: that may run Python code, so the caller has taken what it uses. */
static void memo_put(Memo *memos, int *next, PyObject *const *objs, int n) {
    Memo old = memos[*next];
    int i;
    for (i = 0; i < MEMO_WIDTH; i++)
        memos[*next].obj[i] = i < n ? Py_NewRef(objs[i]) : NULL;
    *next = (*next + 1) % MEMO_SLOTS;
    for (i = 0; i < MEMO_WIDTH; i++)
        Py_XDECREF(old.obj[i]);
}

/* v in decimal, as str(int) prints it; its length (buf holds 24). */
static int decimal(char *buf, long long v) {
    char tmp[24];
    int n = 0, len = 0;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0);
    if (v < 0)
        buf[len++] = '-';
    while (n > 0)
        buf[len++] = tmp[--n];
    return len;
}

/* An exact int that fits, as int(value) prints it; 0 when it is not one. */
static int format_ll(char *buf, PyObject *value) {
    int overflow = 0;
    long long v;
    if (!PyLong_CheckExact(value))
        return 0;
    v = PyLong_AsLongLongAndOverflow(value, &overflow);
    if (overflow || (v == -1 && PyErr_Occurred())) {
        PyErr_Clear();
        return 0;
    }
    return decimal(buf, v);
}

/* int(delta.total_seconds()) for an exact timedelta within 10,000 days,
 * where the float division cannot round up to the next integer; 0 otherwise. */
static int format_delta_seconds(char *buf, PyObject *delta) {
    long long days, us;
    if (!PyDelta_CheckExact(delta))
        return 0;
    days = PyDateTime_DELTA_GET_DAYS(delta);
    if (days > 10000 || days < -10000)
        return 0;
    us = (days * 86400 + PyDateTime_DELTA_GET_SECONDS(delta)) * 1000000LL
         + PyDateTime_DELTA_GET_MICROSECONDS(delta);
    return decimal(buf, us / 1000000LL); /* C truncates toward zero, as int() does */
}

/* An attribute, borrowed: the caller holds the owner, which holds the
 * value. NULL when absent, or when nothing else holds it (a value computed
 * on access would be freed here: the Python builder then reads it). */
static PyObject *attr(PyObject *obj, PyObject *name) {
    PyObject *v = PyObject_GetAttr(obj, name);
    if (v == NULL) {
        PyErr_Clear();
        return NULL;
    }
    if (Py_REFCNT(v) <= 1) {
        Py_DECREF(v);
        return NULL;
    }
    Py_DECREF(v);
    return v;
}

/* Fields of one of our frozen dataclasses (decision.py: fast_init puts every
 * field in the instance dictionary, in field order), borrowed: out[i] is
 * names[i]'s value, names in field order. One pass over the dictionary,
 * matching each key by identity with the next name wanted (the keys are the
 * interned field names, as are names): a lookup per field costs ~170
 * instructions, PyObject_GetAttr ~250. A field not found so (no dictionary,
 * another order) is read as an attribute. 1 when every field was found. */
static int read_fields(PyObject *obj, PyObject *const *names, PyObject **out, int n) {
    PyObject *dict = PyObject_GenericGetDict(obj, NULL), *key, *value;
    Py_ssize_t pos = 0;
    int i, next = 0;
    if (dict == NULL)
        PyErr_Clear();
    else if (PyDict_CheckExact(dict)) {
        while (next < n && PyDict_Next(dict, &pos, &key, &value)) {
            if (key == names[next])
                out[next++] = value;
        }
    }
    Py_XDECREF(dict); /* obj holds it, and it holds the values */
    for (i = next; i < n; i++) {
        if ((out[i] = attr(obj, names[i])) == NULL)
            return 0;
    }
    return 1;
}

/* 1 when s is an exact str of 1 to max_len characters, each one ok(). */
static int made_of(PyObject *s, Py_ssize_t max_len, int (*ok)(Py_UCS1)) {
    Py_ssize_t i, n;
    const Py_UCS1 *p;
    if (!PyUnicode_CheckExact(s) || !PyUnicode_IS_ASCII(s))
        return 0;
    n = PyUnicode_GET_LENGTH(s);
    if (n == 0 || n > max_len)
        return 0;
    p = PyUnicode_1BYTE_DATA(s);
    for (i = 0; i < n; i++) {
        if (!ok(p[i]))
            return 0;
    }
    return 1;
}

/* The same str: one object, or two exact str of equal text (a framework
 * makes a new one per request); 0 for anything else (a cache miss costs
 * only the dict look-up). */
static int same_text(PyObject *a, PyObject *b) {
    Py_ssize_t n;
    if (a == b)
        return 1;
    if (a == NULL || b == NULL || !PyUnicode_CheckExact(a) || !PyUnicode_CheckExact(b))
        return 0;
    n = PyUnicode_GET_LENGTH(a);
    return n == PyUnicode_GET_LENGTH(b) && PyUnicode_KIND(a) == PyUnicode_KIND(b)
           && memcmp(PyUnicode_DATA(a), PyUnicode_DATA(b), (size_t)(n * PyUnicode_KIND(a))) == 0;
}

/* A decision id JSON quotes as it is: [A-Za-z0-9_-] (ours are "lreq_" and hex). */
static int id_char(Py_UCS1 c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* An address JSON quotes as it is: [0-9A-Fa-f.:] (the client IP is canonical
 * by now; anything else takes the cache path). */
static int ip_char(Py_UCS1 c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' || c == ':';
}

static PyObject *slow_path(Formatter *self, PyObject *const *args) {
    self->misses++;
    return PyObject_Vectorcall(self->slow, args, 5, NULL);
}

/* A rule's fragment by everything it shows (a rule switching between
 * shapes: one bot, then another), borrowed; NULL when not cached. */
static PyObject *by_shape(Formatter *self, PyObject *rule_id, PyObject *reason, PyObject *state,
                          PyObject *conclusion, PyObject *dry, PyObject *kind) {
    PyObject *key, *held;
    PyObject *ids[3];
    if (!PyUnicode_CheckExact(kind) || !PyBool_Check(dry))  /* keys that hash and compare in C */
        return NULL;
    ids[0] = PyLong_FromVoidPtr(reason);
    ids[1] = PyLong_FromVoidPtr(state);
    ids[2] = PyLong_FromVoidPtr(conclusion);
    key = (ids[0] && ids[1] && ids[2]) ? PyTuple_Pack(6, ids[0], rule_id, ids[1], ids[2], dry, kind) : NULL;
    Py_XDECREF(ids[0]);
    Py_XDECREF(ids[1]);
    Py_XDECREF(ids[2]);
    if (key == NULL)
        return NULL;
    held = PyDict_GetItemWithError(self->rules, key);
    Py_DECREF(key);
    if (held == NULL || !PyTuple_CheckExact(held) || PyTuple_GET_SIZE(held) != 2 || PyTuple_GET_ITEM(held, 0) != reason)
        return NULL;
    return PyTuple_GET_ITEM(held, 1);
}

/* Two exact ints of equal value (the Python builder compares max by value);
 * anything else is "not the same", which only costs the Python builder. */
static int same_int(PyObject *a, PyObject *b) {
    int o1 = 0, o2 = 0;
    long long x, y;
    if (a == b)
        return 1;
    if (!PyLong_CheckExact(a) || !PyLong_CheckExact(b))
        return 0;
    x = PyLong_AsLongLongAndOverflow(a, &o1);
    y = PyLong_AsLongLongAndOverflow(b, &o2);
    if (PyErr_Occurred()) {
        PyErr_Clear();
        return 0;
    }
    return !o1 && !o2 && x == y;
}

/* A rate limit's (head, tail) by everything but its two changing numbers
 * (a limit switching between ALLOW and DENY), borrowed; NULL when not cached. */
static PyObject *limit_by_shape(Formatter *self, PyObject *rule_id, PyObject *state, PyObject *conclusion,
                                PyObject *dry, PyObject *kind, PyObject *type, PyObject *mx, PyObject *window) {
    PyObject *key, *held;
    PyObject *ids[2];
    /* Keys of these types hash and compare in C, running no Python code. */
    if (!PyLong_CheckExact(mx) || !PyDelta_CheckExact(window) || !PyUnicode_CheckExact(type)
        || !PyUnicode_CheckExact(kind) || !PyBool_Check(dry))
        return NULL;
    ids[0] = PyLong_FromVoidPtr(state);
    ids[1] = PyLong_FromVoidPtr(conclusion);
    key = (ids[0] && ids[1]) ? PyTuple_Pack(8, rule_id, ids[0], ids[1], dry, kind, type, mx, window) : NULL;
    Py_XDECREF(ids[0]);
    Py_XDECREF(ids[1]);
    if (key == NULL)
        return NULL;
    held = PyDict_GetItemWithError(self->limit_shapes, key);
    Py_DECREF(key);
    if (held == NULL || !PyTuple_CheckExact(held) || PyTuple_GET_SIZE(held) != 2)
        return NULL;
    return held;
}

/* The rule fragments: 1 when every one came from the caches. */
static int add_rules(Formatter *self, Line *line, PyObject *results, char (*numbers)[24], int *nn) {
    Py_ssize_t i, n = PyTuple_GET_SIZE(results);
    for (i = 0; i < n; i++) {
        PyObject *r = PyTuple_GET_ITEM(results, i);
        PyObject *v[6], *rule_id, *reason, *state, *conclusion, *dry, *kind, *held, **memo;
        if (Py_TYPE(r) != (PyTypeObject *)self->result_type || !read_fields(r, result_names, v, 6))
            return 0;
        rule_id = v[0], state = v[1], conclusion = v[2], reason = v[3], kind = v[4], dry = v[5];
        if (!PyUnicode_CheckExact(rule_id))
            return 0;
        if (i > 0)
            add(line, ",", 1);
        if (Py_TYPE(reason) == (PyTypeObject *)self->ratelimit) {
            PyObject *lv[5], *mx, *window, *type, *remaining, *reset, *head, *tail, *shape[10];
            int len;
            if (!read_fields(reason, limit_names, lv, 5))
                return 0;
            mx = lv[0], remaining = lv[1], reset = lv[2], window = lv[3], type = lv[4];
            shape[0] = rule_id, shape[1] = state, shape[2] = conclusion, shape[3] = dry, shape[4] = kind;
            shape[5] = type, shape[6] = window, shape[7] = mx;
            memo = self->memos ? memo_find(self->limit_memo, shape, 8) : NULL;
            if (memo != NULL) {
                head = memo[0];
                tail = memo[1];
            } else {
                held = PyDict_GetItemWithError(self->limits, rule_id);
                if (held != NULL && PyTuple_CheckExact(held) && PyTuple_GET_SIZE(held) == 9
                    && PyTuple_GET_ITEM(held, 0) == state && PyTuple_GET_ITEM(held, 1) == conclusion
                    && PyTuple_GET_ITEM(held, 2) == dry && PyTuple_GET_ITEM(held, 3) == kind
                    && PyTuple_GET_ITEM(held, 4) == type && PyTuple_GET_ITEM(held, 6) == window
                    && same_int(PyTuple_GET_ITEM(held, 5), mx)) {
                    head = PyTuple_GET_ITEM(held, 7);
                    tail = PyTuple_GET_ITEM(held, 8);
                } else {
                    held = limit_by_shape(self, rule_id, state, conclusion, dry, kind, type, mx, window);
                    if (held == NULL)
                        return 0;
                    head = PyTuple_GET_ITEM(held, 0);
                    tail = PyTuple_GET_ITEM(held, 1);
                }
            }
            if (!take(line, head) || hold(line, tail, 0) == NULL)
                return 0;
            if (memo == NULL && self->memos) {  /* both held by the line now */
                shape[8] = head, shape[9] = tail;
                memo_put(self->limit_memo, &self->limit_next, shape, 10);
            }
            len = format_ll(numbers[*nn], remaining);
            if (len <= 0)
                return 0;
            add(line, numbers[(*nn)++], len);
            add(line, ",\"reset\":", 9);
            len = format_delta_seconds(numbers[*nn], reset);
            if (len <= 0)
                return 0;
            add(line, numbers[(*nn)++], len);
            if (!put(line, tail))
                return 0;
        } else {
            PyObject *shape[7], *text;
            shape[0] = rule_id, shape[1] = reason, shape[2] = state, shape[3] = conclusion, shape[4] = dry;
            shape[5] = kind;
            memo = self->memos ? memo_find(self->rule_memo, shape, 6) : NULL;
            if (memo != NULL) {
                text = memo[0];
            } else {
                held = PyDict_GetItemWithError(self->last, rule_id);
                if (held != NULL && PyTuple_CheckExact(held) && PyTuple_GET_SIZE(held) == 6
                    && PyTuple_GET_ITEM(held, 0) == reason && PyTuple_GET_ITEM(held, 1) == state
                    && PyTuple_GET_ITEM(held, 2) == conclusion && PyTuple_GET_ITEM(held, 3) == dry
                    && PyTuple_GET_ITEM(held, 4) == kind)
                    text = PyTuple_GET_ITEM(held, 5);
                else
                    text = by_shape(self, rule_id, reason, state, conclusion, dry, kind);
            }
            if (!take(line, text))
                return 0;
            if (memo == NULL && self->memos) {  /* held by the line now */
                shape[6] = text;
                memo_put(self->rule_memo, &self->rule_next, shape, 7);
            }
        }
    }
    return 1;
}

/* The second's text is kept; the microseconds round half to even, as
 * Python's round() does. 1 when done, 0 for the Python builder (a time
 * before 1970 or past 9999, or a rounding that carries into the next second). */
static int add_time(Formatter *self, Line *line, double ts, char *second_text, char *micro_text) {
    long long whole;
    double frac, micros;
    if (!(ts >= 1.0 && ts < 253402300800.0))
        return 0;
    whole = (long long)ts;
    frac = (ts - (double)whole) * 1000000.0;
    micros = round(frac);
    if (fabs(frac - micros) == 0.5)
        micros = 2.0 * round(frac / 2.0);
    if (micros >= 1000000.0)
        return 0;
    {
        int i, us = (int)micros;
        for (i = 5; i >= 0; i--, us /= 10)
            micro_text[i] = (char)('0' + us % 10);
    }
    if (whole != self->second) {
        struct tm tm;
        time_t t = (time_t)whole;
        if (gmtime_r(&t, &tm) == NULL
            || strftime(self->second_text, sizeof self->second_text, "%Y-%m-%dT%H:%M:%S", &tm) == 0) {
            self->second = -1;
            return 0;
        }
        self->second = whole;
    }
    /* A copy: the kept text is this object's, the line's pieces are not. */
    memcpy(second_text, self->second_text, sizeof self->second_text);
    add(line, second_text, (Py_ssize_t)strlen(second_text));
    add(line, ".", 1);
    add(line, micro_text, 6);
    return 1;
}

/* A request fragment from its cache, or made (and cached) by the Python
 * builder's method for it: a new client, path or user agent costs one
 * Python call, not the whole line. Held; NULL on an error. */
static PyObject *fragment(Line *line, PyObject *cache, PyObject *key, PyObject *make, PyObject *const *args,
                          size_t nargs) {
    PyObject *text = PyDict_GetItemWithError(cache, key);
    if (text != NULL)
        return hold(line, text, 0);
    if (PyErr_Occurred())
        return NULL;
    return hold(line, PyObject_Vectorcall(make, args, nargs, NULL), 1);
}

/* The whole line, or NULL (an exception may be set) for the Python builder. */
static PyObject *build(Formatter *self, Line *line, PyObject *decision, PyObject *method, PyObject *path,
                       PyObject *ua, double ts) {
    PyObject *f[8], *conclusion, *type, *key, *verdict, *found, *results, *id, *ip, *ttl, *corr, *meta, *out;
    PyObject *ip_text, *request_text, *ua_text, *args[2];
    char numbers[2 * MAX_RULES + 1][24];
    char second_text[32], micro_text[8];
    int nn = 0, i, len;
    Py_ssize_t total;
    char *dst;

    if (Py_TYPE(decision) != (PyTypeObject *)self->decision_type || !read_fields(decision, decision_names, f, 8)
        || !read_fields(f[2], &s_type, &type, 1))
        return NULL;
    id = f[0], conclusion = f[1], results = f[3], ttl = f[4], ip = f[5], corr = f[6], meta = f[7];
    if (corr != Py_None || !(meta == Py_None || (PyDict_CheckExact(meta) && PyDict_GET_SIZE(meta) == 0)))
        return NULL;  /* the caller's fields: rare, left to the Python builder */
    if (!PyTuple_CheckExact(results) || PyTuple_GET_SIZE(results) > MAX_RULES || !made_of(id, 128, id_char)
        || !PyUnicode_CheckExact(ip))
        return NULL;
    if (conclusion == self->verdict_conclusion && type == self->verdict_type) {
        verdict = hold(line, self->verdict_text, 0);
    } else {
        found = PyLong_FromVoidPtr(conclusion);
        key = found != NULL ? PyTuple_Pack(2, found, type) : NULL;
        Py_XDECREF(found);
        if (key == NULL)
            return NULL;
        verdict = hold(line, PyDict_GetItemWithError(self->verdicts, key), 0);
        Py_DECREF(key);
        if (verdict == NULL)
            return NULL;
        SET_REF(self->verdict_conclusion, Py_NewRef(conclusion));
        SET_REF(self->verdict_type, Py_NewRef(type));
        SET_REF(self->verdict_text, Py_NewRef(verdict));
    }

    /* The request's fragments: the only part that may run Python code (a
     * miss). Everything taken from a cache is held, so a cache another
     * thread clears meanwhile frees nothing this line uses. */
    args[0] = ip;
    ip_text = self->full_ip && made_of(ip, 45, ip_char) ? NULL : fragment(line, self->ips, ip, self->ip_text, args, 1);
    if (ip_text == NULL && PyErr_Occurred())
        return NULL;
    if (same_text(method, self->req_method) && same_text(path, self->req_path)) {
        request_text = hold(line, self->req_text, 0);
    } else {
        key = PyTuple_Pack(2, method, path);
        if (key == NULL)
            return NULL;
        args[0] = method;
        args[1] = path;
        request_text = fragment(line, self->requests, key, self->request_text, args, 2);
        Py_DECREF(key);
        if (request_text == NULL)
            return NULL;
        if (PyUnicode_GET_LENGTH(method) + PyUnicode_GET_LENGTH(path) <= MAX_MEMO_KEY) {
            SET_REF(self->req_method, Py_NewRef(method));
            SET_REF(self->req_path, Py_NewRef(path));
            SET_REF(self->req_text, Py_NewRef(request_text));
        }
    }
    if (ua != Py_None && same_text(ua, self->ua_key)) {
        ua_text = hold(line, self->ua_text_last, 0);
    } else {
        args[0] = ua;
        ua_text = fragment(line, self->uas, ua, self->ua_text, args, 1);
        if (ua_text == NULL)
            return NULL;
        if (ua != Py_None && PyUnicode_GET_LENGTH(ua) <= MAX_MEMO_KEY) {
            SET_REF(self->ua_key, Py_NewRef(ua));
            SET_REF(self->ua_text_last, Py_NewRef(ua_text));
        }
    }

    if (!take(line, self->prefix) || !add_time(self, line, ts, second_text, micro_text))
        return NULL;
    add(line, "Z\",\"id\":\"", 9);
    if (!take(line, id))
        return NULL;
    add(line, "\",", 2);
    if (!put(line, verdict))
        return NULL;
    add(line, ",\"ip\":", 6);
    if (ip_text == NULL) {  /* log_ip="full": the address as it is, no cache (new clients would churn it) */
        add(line, "\"", 1);
        if (!take(line, ip))
            return NULL;
        add(line, "\",\"ip_mode\":\"full\"", 18);
    } else if (!put(line, ip_text))
        return NULL;
    add(line, ",", 1);
    if (!put(line, request_text))
        return NULL;
    add(line, ",\"ua\":\"", 7);
    if (!put(line, ua_text))
        return NULL;
    add(line, "\",\"ttl\":", 8);
    len = format_ll(numbers[nn], ttl);
    if (len <= 0)
        return NULL;
    add(line, numbers[nn++], len);
    add(line, ",\"rules\":[", 10);
    if (!add_rules(self, line, results, numbers, &nn))
        return NULL;
    add(line, "]}\n", 3);

    total = 0;
    for (i = 0; i < line->np; i++)
        total += line->pieces[i].len;
    out = PyUnicode_New(total, 127);
    if (out == NULL)
        return NULL;
    dst = (char *)PyUnicode_1BYTE_DATA(out);
    for (i = 0; i < line->np; i++) {
        memcpy(dst, line->pieces[i].data, (size_t)line->pieces[i].len);
        dst += line->pieces[i].len;
    }
    return out;
}

/* Formatter(ts, decision, method, path, user_agent) -> str */
static PyObject *Formatter_vectorcall(PyObject *callable, PyObject *const *args, size_t nargsf, PyObject *kwnames) {
    Formatter *self = (Formatter *)callable;
    Line line;
    PyObject *out;
    if (kwnames != NULL || PyVectorcall_NARGS(nargsf) != 5) {
        PyErr_SetString(PyExc_TypeError, "Formatter(ts, decision, method, path, user_agent) takes 5 positional arguments");
        return NULL;
    }
    if (!PyFloat_CheckExact(args[0]) || !PyUnicode_CheckExact(args[2]) || !PyUnicode_CheckExact(args[3])
        || !(args[4] == Py_None || PyUnicode_CheckExact(args[4])))
        return slow_path(self, args);
    line.np = line.no = 0;
    out = build(self, &line, args[1], args[2], args[3], args[4], PyFloat_AS_DOUBLE(args[0]));
    release(&line);
    if (out != NULL) {
        self->hits++;
        return out;
    }
    if (PyErr_Occurred()) {
        if (!PyErr_ExceptionMatches(PyExc_MemoryError))
            PyErr_Clear();
        else
            return NULL;
    }
    return slow_path(self, args);
}

static int Formatter_init(Formatter *self, PyObject *args, PyObject *kwds) {
    static char *names[] = {"last", "rules", "limits", "limit_shapes", "verdicts", "ips", "requests", "uas", "ratelimit", "decision", "result", "slow", "ip_text", "request_text", "ua_text", "prefix", "full_ip",
                            "memos", NULL};
    PyObject *last, *rules, *limits, *limit_shapes, *verdicts, *ips, *requests, *uas, *ratelimit, *decision, *result, *slow, *ip_text, *request_text, *ua_text, *prefix;
    int full_ip = 0, memos = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O!O!O!O!O!O!O!O!O!O!O!OOOOU|pp", names, &PyDict_Type, &last, &PyDict_Type, &rules, &PyDict_Type,
                                     &limits, &PyDict_Type, &limit_shapes, &PyDict_Type, &verdicts, &PyDict_Type, &ips, &PyDict_Type,
                                     &requests, &PyDict_Type, &uas, &PyType_Type, &ratelimit, &PyType_Type, &decision, &PyType_Type, &result, &slow, &ip_text, &request_text, &ua_text, &prefix, &full_ip, &memos))
        return -1;
    if (!PyCallable_Check(slow) || !PyCallable_Check(ip_text) || !PyCallable_Check(request_text)
        || !PyCallable_Check(ua_text)) {
        PyErr_SetString(PyExc_TypeError, "slow, ip_text, request_text and ua_text must be callable");
        return -1;
    }
    SET_REF(self->last, Py_NewRef(last));
    SET_REF(self->rules, Py_NewRef(rules));
    SET_REF(self->limits, Py_NewRef(limits));
    SET_REF(self->limit_shapes, Py_NewRef(limit_shapes));
    SET_REF(self->verdicts, Py_NewRef(verdicts));
    SET_REF(self->ips, Py_NewRef(ips));
    SET_REF(self->requests, Py_NewRef(requests));
    SET_REF(self->uas, Py_NewRef(uas));
    SET_REF(self->ratelimit, Py_NewRef(ratelimit));
    SET_REF(self->decision_type, Py_NewRef(decision));
    SET_REF(self->result_type, Py_NewRef(result));
    SET_REF(self->slow, Py_NewRef(slow));
    SET_REF(self->ip_text, Py_NewRef(ip_text));
    SET_REF(self->request_text, Py_NewRef(request_text));
    SET_REF(self->ua_text, Py_NewRef(ua_text));
    SET_REF(self->prefix, Py_NewRef(prefix));
    self->full_ip = full_ip;
    self->memos = memos;
    self->second = -1;
    return 0;
}

static PyObject *Formatter_new(PyTypeObject *type, PyObject *args, PyObject *kwds) {
    Formatter *self = (Formatter *)type->tp_alloc(type, 0);
    if (self != NULL) {
        self->second = -1;
        self->vectorcall = Formatter_vectorcall;  /* called once per line: no argument tuple */
    }
    return (PyObject *)self;
}

static int Formatter_traverse(Formatter *self, visitproc visit, void *arg) {
    int i, k;
    Py_VISIT(self->last);
    Py_VISIT(self->rules);
    Py_VISIT(self->limits);
    Py_VISIT(self->limit_shapes);
    Py_VISIT(self->verdicts);
    Py_VISIT(self->ips);
    Py_VISIT(self->requests);
    Py_VISIT(self->uas);
    Py_VISIT(self->ratelimit);
    Py_VISIT(self->decision_type);
    Py_VISIT(self->result_type);
    Py_VISIT(self->slow);
    Py_VISIT(self->ip_text);
    Py_VISIT(self->request_text);
    Py_VISIT(self->ua_text);
    Py_VISIT(self->prefix);
    Py_VISIT(self->verdict_conclusion);
    Py_VISIT(self->verdict_type);
    Py_VISIT(self->verdict_text);
    Py_VISIT(self->req_method);
    Py_VISIT(self->req_path);
    Py_VISIT(self->req_text);
    Py_VISIT(self->ua_key);
    Py_VISIT(self->ua_text_last);
    for (i = 0; i < MEMO_SLOTS; i++) {
        for (k = 0; k < MEMO_WIDTH; k++) {
            Py_VISIT(self->rule_memo[i].obj[k]);
            Py_VISIT(self->limit_memo[i].obj[k]);
        }
    }
    return 0;
}

static int Formatter_clear(Formatter *self) {
    int i, k;
    Py_CLEAR(self->last);
    Py_CLEAR(self->rules);
    Py_CLEAR(self->limits);
    Py_CLEAR(self->limit_shapes);
    Py_CLEAR(self->verdicts);
    Py_CLEAR(self->ips);
    Py_CLEAR(self->requests);
    Py_CLEAR(self->uas);
    Py_CLEAR(self->ratelimit);
    Py_CLEAR(self->decision_type);
    Py_CLEAR(self->result_type);
    Py_CLEAR(self->slow);
    Py_CLEAR(self->ip_text);
    Py_CLEAR(self->request_text);
    Py_CLEAR(self->ua_text);
    Py_CLEAR(self->prefix);
    Py_CLEAR(self->verdict_conclusion);
    Py_CLEAR(self->verdict_type);
    Py_CLEAR(self->verdict_text);
    Py_CLEAR(self->req_method);
    Py_CLEAR(self->req_path);
    Py_CLEAR(self->req_text);
    Py_CLEAR(self->ua_key);
    Py_CLEAR(self->ua_text_last);
    for (i = 0; i < MEMO_SLOTS; i++) {
        for (k = 0; k < MEMO_WIDTH; k++) {
            Py_CLEAR(self->rule_memo[i].obj[k]);
            Py_CLEAR(self->limit_memo[i].obj[k]);
        }
    }
    return 0;
}

static void Formatter_dealloc(Formatter *self) {
    PyObject_GC_UnTrack(self);
    Formatter_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *Formatter_call(PyObject *self, PyObject *args, PyObject *kwds) {
    return PyVectorcall_Call(self, args, kwds);
}

static PyObject *Formatter_get_hits(Formatter *self, void *closure) { return PyLong_FromSsize_t(self->hits); }
static PyObject *Formatter_get_misses(Formatter *self, void *closure) { return PyLong_FromSsize_t(self->misses); }

static PyGetSetDef Formatter_getset[] = {
    {"hits", (getter)Formatter_get_hits, NULL, "lines built here", NULL},
    {"misses", (getter)Formatter_get_misses, NULL, "lines left to the Python builder", NULL},
    {NULL},
};

static PyTypeObject FormatterType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "arcjet_core.decision_log._cline.Formatter",
    .tp_doc = "The decision log's line from the LineBuilder's caches; the Python builder on a miss.",
    .tp_basicsize = sizeof(Formatter),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_new = Formatter_new,
    .tp_init = (initproc)Formatter_init,
    .tp_dealloc = (destructor)Formatter_dealloc,
    .tp_traverse = (traverseproc)Formatter_traverse,
    .tp_clear = (inquiry)Formatter_clear,
    .tp_call = Formatter_call,
    .tp_vectorcall_offset = offsetof(Formatter, vectorcall),
    .tp_getset = Formatter_getset,
};

/* ------------------------------------------------------------------ Pusher
 *
 * DecisionLog.submit's common case for a line sink: the line built by the
 * Formatter, appended to the buffer. It runs on every request with the log
 * on, and the Python method's frame cost as much as a third of the log's
 * share of a request. Everything else (the log closed or not started, the
 * buffer full, metadata to decode, a line that could not be built) goes to
 * ``slow``, DecisionLog.submit itself, which counts and warns. ``open`` is
 * the log's to set: true while its writer runs. */
typedef struct {
    PyObject_HEAD
    vectorcallfunc vectorcall;
    PyObject *formatter; /* the log's Formatter */
    PyObject *buffer;    /* the log's deque */
    PyObject *append;    /* its bound append */
    PyObject *slow;      /* DecisionLog.submit */
    PyObject *stranded;  /* called when close() ran while a line was built */
    PyObject *wake;      /* wakes the writer before its interval */
    Py_ssize_t max;      /* the buffer's bound */
    Py_ssize_t wake_at;  /* the length at which to call wake */
    int open;
} Pusher;

/* Pusher(decision, method, path, user_agent) -> bool, as DecisionLog.submit. */
static PyObject *Pusher_vectorcall(PyObject *callable, PyObject *const *args, size_t nargsf, PyObject *kwnames) {
    Pusher *self = (Pusher *)callable;
    PyObject *fargs[5], *line, *meta, *done;
    struct timespec now;
    Py_ssize_t size;
    int empty;
    if (kwnames != NULL || PyVectorcall_NARGS(nargsf) != 4) {
        PyErr_SetString(PyExc_TypeError, "Pusher(decision, method, path, user_agent) takes 4 positional arguments");
        return NULL;
    }
    if (!self->open)
        return PyObject_Vectorcall(self->slow, args, 4, NULL);
    size = PyObject_Size(self->buffer);
    if (size < 0 || size >= self->max) {
        PyErr_Clear();
        return PyObject_Vectorcall(self->slow, args, 4, NULL);
    }
    /* Metadata is decoded on the writer thread, off the request path: submit() queues the decision. */
    meta = PyObject_GetAttr(args[0], s_metadata);
    empty = meta != NULL && (meta == Py_None || (PyDict_CheckExact(meta) && PyDict_GET_SIZE(meta) == 0));
    Py_XDECREF(meta);
    if (!empty || clock_gettime(CLOCK_REALTIME, &now) != 0) {
        PyErr_Clear();
        return PyObject_Vectorcall(self->slow, args, 4, NULL);
    }
    fargs[0] = PyFloat_FromDouble((double)now.tv_sec + (double)now.tv_nsec * 1e-9);  /* as time.time() */
    if (fargs[0] == NULL)
        return NULL;
    fargs[1] = args[0], fargs[2] = args[1], fargs[3] = args[2], fargs[4] = args[3];
    line = PyObject_Vectorcall(self->formatter, fargs, 5, NULL);
    Py_DECREF(fargs[0]);
    if (line == NULL) {  /* submit() builds it again, and counts and reports the failure */
        PyErr_Clear();
        return PyObject_Vectorcall(self->slow, args, 4, NULL);
    }
    done = PyObject_Vectorcall(self->append, &line, 1, NULL);
    Py_DECREF(line);
    if (done == NULL)
        return NULL;
    Py_DECREF(done);
    if (size + 1 >= self->wake_at) {  /* half full: the writer's turn now (as submit() does) */
        done = PyObject_CallNoArgs(self->wake);
        if (done == NULL)
            return NULL;
        Py_DECREF(done);
    }
    if (!self->open) {  /* close() ran while a fragment maker ran Python code: this entry may be stranded */
        done = PyObject_CallNoArgs(self->stranded);
        if (done == NULL)
            return NULL;
        Py_DECREF(done);
    }
    Py_RETURN_TRUE;
}

static int Pusher_init(Pusher *self, PyObject *args, PyObject *kwds) {
    static char *names[] = {"formatter", "buffer", "slow", "stranded", "max", "wake_at", "wake", NULL};
    PyObject *formatter, *buffer, *slow, *stranded, *append, *wake;
    Py_ssize_t max, wake_at;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O!OOOnnO", names, &FormatterType, &formatter, &buffer, &slow,
                                     &stranded, &max, &wake_at, &wake))
        return -1;
    if (!PyCallable_Check(slow) || !PyCallable_Check(stranded) || !PyCallable_Check(wake)) {
        PyErr_SetString(PyExc_TypeError, "slow, stranded and wake must be callable");
        return -1;
    }
    append = PyObject_GetAttrString(buffer, "append");
    if (append == NULL)
        return -1;
    SET_REF(self->formatter, Py_NewRef(formatter));
    SET_REF(self->buffer, Py_NewRef(buffer));
    SET_REF(self->append, append);
    SET_REF(self->slow, Py_NewRef(slow));
    SET_REF(self->stranded, Py_NewRef(stranded));
    SET_REF(self->wake, Py_NewRef(wake));
    self->max = max;
    self->wake_at = wake_at;
    self->open = 0;
    return 0;
}

static PyObject *Pusher_new(PyTypeObject *type, PyObject *args, PyObject *kwds) {
    Pusher *self = (Pusher *)type->tp_alloc(type, 0);
    if (self != NULL)
        self->vectorcall = Pusher_vectorcall;
    return (PyObject *)self;
}

static int Pusher_traverse(Pusher *self, visitproc visit, void *arg) {
    Py_VISIT(self->formatter);
    Py_VISIT(self->buffer);
    Py_VISIT(self->append);
    Py_VISIT(self->slow);
    Py_VISIT(self->stranded);
    Py_VISIT(self->wake);
    return 0;
}

static int Pusher_clear(Pusher *self) {
    Py_CLEAR(self->formatter);
    Py_CLEAR(self->buffer);
    Py_CLEAR(self->append);
    Py_CLEAR(self->slow);
    Py_CLEAR(self->stranded);
    Py_CLEAR(self->wake);
    return 0;
}

static void Pusher_dealloc(Pusher *self) {
    PyObject_GC_UnTrack(self);
    Pusher_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *Pusher_get_open(Pusher *self, void *closure) { return PyBool_FromLong(self->open); }

static int Pusher_set_open(Pusher *self, PyObject *value, void *closure) {
    int v;
    if (value == NULL) {
        PyErr_SetString(PyExc_AttributeError, "open cannot be deleted");
        return -1;
    }
    if ((v = PyObject_IsTrue(value)) < 0)
        return -1;
    self->open = v;
    return 0;
}

static PyGetSetDef Pusher_getset[] = {
    {"open", (getter)Pusher_get_open, (setter)Pusher_set_open, "true while the log's writer runs", NULL},
    {NULL},
};

static PyTypeObject PusherType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "arcjet_core.decision_log._cline.Pusher",
    .tp_doc = "DecisionLog.submit's common case: the line built and appended to the buffer.",
    .tp_basicsize = sizeof(Pusher),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_new = Pusher_new,
    .tp_init = (initproc)Pusher_init,
    .tp_dealloc = (destructor)Pusher_dealloc,
    .tp_traverse = (traverseproc)Pusher_traverse,
    .tp_clear = (inquiry)Pusher_clear,
    .tp_call = PyVectorcall_Call,
    .tp_vectorcall_offset = offsetof(Pusher, vectorcall),
    .tp_getset = Pusher_getset,
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "arcjet_core.decision_log._cline",
    .m_doc = "The decision log line builder's hot path (see _cline.c).",
    .m_size = -1,
};

static int intern(PyObject **slot, const char *name) {
    *slot = PyUnicode_InternFromString(name);
    return *slot != NULL;
}

PyMODINIT_FUNC PyInit__cline(void) {
    PyObject *m;
    PyDateTime_IMPORT;
    if (PyDateTimeAPI == NULL)
        return NULL;
    if (!intern(&s_results, "results") || !intern(&s_reason_v2, "reason_v2") || !intern(&s_rule_id, "rule_id")
        || !intern(&s_state, "state") || !intern(&s_conclusion, "conclusion") || !intern(&s_dry_run, "dry_run")
        || !intern(&s_kind, "kind") || !intern(&s_type, "type") || !intern(&s_max, "max")
        || !intern(&s_window, "window") || !intern(&s_remaining, "remaining") || !intern(&s_reset, "reset")
        || !intern(&s_id, "id") || !intern(&s_ip_address, "ip_address") || !intern(&s_ttl, "ttl")
        || !intern(&s_correlation_id, "correlation_id") || !intern(&s_metadata, "metadata"))
        return NULL;
    {
        /* In field order (decision.py). */
        PyObject *d[8] = {s_id, s_conclusion, s_reason_v2, s_results, s_ttl, s_ip_address, s_correlation_id, s_metadata};
        PyObject *r[6] = {s_rule_id, s_state, s_conclusion, s_reason_v2, s_kind, s_dry_run};
        PyObject *l[5] = {s_max, s_remaining, s_reset, s_window, s_type};
        memcpy(decision_names, d, sizeof d);
        memcpy(result_names, r, sizeof r);
        memcpy(limit_names, l, sizeof l);
    }
    if (PyType_Ready(&FormatterType) < 0 || PyType_Ready(&PusherType) < 0)
        return NULL;
    m = PyModule_Create(&module);
    if (m == NULL)
        return NULL;
    Py_INCREF(&FormatterType);
    if (PyModule_AddObject(m, "Formatter", (PyObject *)&FormatterType) < 0) {
        Py_DECREF(&FormatterType);
        Py_DECREF(m);
        return NULL;
    }
    Py_INCREF(&PusherType);
    if (PyModule_AddObject(m, "Pusher", (PyObject *)&PusherType) < 0) {
        Py_DECREF(&PusherType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
