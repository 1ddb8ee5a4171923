# ruff: noqa: RUF001 - real text uses typographic characters
"""graphql_api: the GraphQL endpoint of a project-tracking and docs product
(Strawberry on ASGI) as a React SPA (Apollo Client, urql), the iOS and
Android apps (Apollo iOS, Apollo Kotlin), dev tools (GraphiQL, Altair,
Insomnia, Postman) and integration scripts call it: queries and mutations
with variables, fragments, aliases, @include/@skip/@defer, persisted-query
hashes, batches, introspection, subscriptions over SSE and multipart,
GET queries, file uploads, and comments, descriptions and wiki pages inside
variables."""

from __future__ import annotations

import base64
import hashlib
import random
from collections.abc import Mapping

from .common import (
    ALNUM,
    Request,
    b64url,
    bearer,
    boundary_for,
    browser,
    browser_of,
    chars,
    client,
    cookie_jar,
    csrf,
    fake_png,
    gson_json,
    hexs,
    ios_json,
    js_json,
    multipart,
    person,
    pick,
    py_json,
    rbytes,
    run,
    some,
    stamp,
    upcoming,
    uri_query,
    uuid4,
)

SRC = "graphql_api"
APP = "app.tracker.example.com"
API = "api.tracker.example.com"


def gid(rng: random.Random, typename: str) -> str:
    """Relay global ids: base64('Type:123')."""
    return base64.b64encode(f"{typename}:{rng.randrange(1, 10**6)}".encode()).decode()


# ------------------------------------------------------------------ documents, as graphql-js print() writes them

F_USER = """fragment UserChip on User {
  id
  login
  displayName
  avatarUrl(size: 48)
  __typename
}"""

F_CARD = """fragment IssueCard on Issue {
  id
  number
  title
  state
  priority
  labels(first: 5) {
    nodes {
      id
      name
      color
      __typename
    }
    __typename
  }
  assignee {
    ...UserChip
    __typename
  }
  commentCount
  updatedAt
  __typename
}"""

Q_VIEWER = """query Viewer($workspace: String!, $withTeams: Boolean = false) {
  viewer {
    ...UserChip
    email
    unreadNotificationCount(workspace: $workspace)
    teams(workspace: $workspace, first: 20) @include(if: $withTeams) {
      nodes {
        id
        name
        __typename
      }
      __typename
    }
    preferences {
      theme
      locale
      weekStartsOn
      __typename
    }
    __typename
  }
}

""" + F_USER

Q_BOARD = """query ProjectBoard($projectId: ID!, $first: Int = 50, $after: String, $includeArchived: Boolean = false) {
  project(id: $projectId) {
    id
    name
    columns {
      id
      name
      wipLimit
      issues(first: $first, after: $after, includeArchived: $includeArchived) {
        pageInfo {
          hasNextPage
          endCursor
          __typename
        }
        nodes {
          ...IssueCard
          __typename
        }
        __typename
      }
      __typename
    }
    __typename
  }
}

""" + F_CARD + "\n\n" + F_USER

Q_ISSUE = """query IssueDetail($id: ID!, $withHistory: Boolean!, $skipReactions: Boolean = false) {
  issue: node(id: $id) {
    ... on Issue {
      id
      number
      title
      body
      bodyHTML
      state
      createdAt
      author {
        ...UserChip
        __typename
      }
      assignees: participants(role: ASSIGNEE) {
        ...UserChip
        __typename
      }
      watchers: participants(role: WATCHER, first: 10) {
        totalCount
        __typename
      }
      reactions @skip(if: $skipReactions) {
        content
        count
        viewerHasReacted
        __typename
      }
      timeline(first: 30) @include(if: $withHistory) {
        nodes {
          __typename
          ... on IssueComment {
            id
            body
            createdAt
            author {
              ...UserChip
              __typename
            }
          }
          ... on LabeledEvent {
            label {
              name
              __typename
            }
            actor {
              login
              __typename
            }
          }
          ... on StateChangedEvent {
            from
            to
          }
        }
        __typename
      }
      __typename
    }
    __typename
  }
}

""" + F_USER

Q_SEARCH = """query SearchIssues($query: String!, $filter: IssueFilter, $first: Int!, $after: String, $orderBy: IssueOrder = {field: UPDATED_AT, direction: DESC}) {
  search(query: $query, filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
    issueCount
    edges {
      cursor
      node {
        ...IssueCard
        project {
          id
          name
          __typename
        }
        __typename
      }
      __typename
    }
    pageInfo {
      hasNextPage
      endCursor
      __typename
    }
    __typename
  }
}

""" + F_CARD + "\n\n" + F_USER

M_COMMENT = """mutation AddComment($input: AddCommentInput!) {
  addComment(input: $input) {
    comment {
      id
      body
      bodyHTML
      createdAt
      author {
        ...UserChip
        __typename
      }
      __typename
    }
    errors {
      field
      message
      __typename
    }
    __typename
  }
}

""" + F_USER

M_UPDATE_ISSUE = """mutation UpdateIssue($id: ID!, $patch: IssuePatch!) {
  updateIssue(id: $id, patch: $patch) {
    issue {
      id
      title
      body
      state
      priority
      dueOn
      updatedAt
      __typename
    }
    __typename
  }
}"""

M_CREATE_ISSUE = """mutation CreateIssue($input: CreateIssueInput!) {
  createIssue(input: $input) {
    issue {
      ...IssueCard
      url
      __typename
    }
    __typename
  }
}

""" + F_CARD + "\n\n" + F_USER

M_REACT = """mutation ToggleReaction($subjectId: ID!, $content: ReactionContent!) {
  toggleReaction(subjectId: $subjectId, content: $content) {
    subject {
      id
      reactionGroups {
        content
        count
        viewerHasReacted
        __typename
      }
      __typename
    }
    __typename
  }
}"""

M_MOVE = """mutation MoveCard($issueId: ID!, $columnId: ID!, $afterId: ID) {
  moveIssue(issueId: $issueId, columnId: $columnId, afterId: $afterId) {
    issue {
      id
      column {
        id
        __typename
      }
      position
      __typename
    }
    __typename
  }
}"""

M_READ = """mutation MarkNotificationsRead($ids: [ID!], $all: Boolean = false) {
  markNotificationsRead(ids: $ids, all: $all) {
    unreadCount
    __typename
  }
}"""

M_PROFILE = """mutation UpdateProfile($input: UpdateProfileInput!) {
  updateProfile(input: $input) {
    user {
      id
      displayName
      bio
      pronouns
      websiteUrl
      location
      __typename
    }
    __typename
  }
}"""

M_WIKI = """mutation SaveWikiPage($input: SaveWikiPageInput!) {
  saveWikiPage(input: $input) {
    page {
      id
      slug
      title
      revision
      updatedAt
      __typename
    }
    conflict
    __typename
  }
}"""

M_UPLOAD = """mutation UploadAttachment($file: Upload!, $issueId: ID!, $alt: String) {
  uploadAttachment(file: $file, issueId: $issueId, alt: $alt) {
    attachment {
      id
      url
      contentType
      size
      __typename
    }
    __typename
  }
}"""

M_WEBHOOK = """mutation CreateWebhook($input: CreateWebhookInput!) {
  createWebhook(input: $input) {
    webhook {
      id
      url
      events
      active
      __typename
    }
    __typename
  }
}"""

M_SAVED_VIEW = """mutation SaveView($input: SaveViewInput!) {
  saveView(input: $input) {
    view {
      id
      name
      query
      __typename
    }
    __typename
  }
}"""

M_INVITE = """mutation InviteMembers($teamId: ID!, $emails: [String!]!, $role: TeamRole!, $message: String) {
  inviteMembers(teamId: $teamId, emails: $emails, role: $role, message: $message) {
    invited
    alreadyMembers
    __typename
  }
}"""

M_DELETE = """mutation DeleteComment($id: ID!) {
  deleteComment(id: $id) {
    deletedId
    __typename
  }
}"""

Q_NOTIFS = """query Notifications($first: Int = 20, $after: String, $unreadOnly: Boolean) {
  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
    nodes {
      id
      reason
      read
      createdAt
      subject {
        __typename
        ... on Issue {
          id
          number
          title
        }
        ... on WikiPage {
          id
          title
        }
      }
      __typename
    }
    pageInfo {
      endCursor
      hasNextPage
      __typename
    }
    __typename
  }
}"""

Q_DEFER = """query IssueWithActivity($id: ID!) {
  issue: node(id: $id) {
    ... on Issue {
      id
      title
      state
      ... @defer(label: "activity") {
        timeline(first: 50) {
          totalCount
          __typename
        }
        linkedPullRequests {
          id
          title
          __typename
        }
      }
      __typename
    }
    __typename
  }
}"""

S_COMMENTS = """subscription OnIssueActivity($issueId: ID!) {
  issueActivity(issueId: $issueId) {
    __typename
    ... on IssueComment {
      id
      body
      author {
        login
        __typename
      }
    }
    ... on TypingIndicator {
      user {
        login
        __typename
      }
    }
  }
}"""

INTROSPECTION = """query IntrospectionQuery {
  __schema {
    queryType { name }
    mutationType { name }
    subscriptionType { name }
    types {
      ...FullType
    }
    directives {
      name
      description
      locations
      args {
        ...InputValue
      }
    }
  }
}

fragment FullType on __Type {
  kind
  name
  description
  fields(includeDeprecated: true) {
    name
    description
    args {
      ...InputValue
    }
    type {
      ...TypeRef
    }
    isDeprecated
    deprecationReason
  }
  inputFields {
    ...InputValue
  }
  interfaces {
    ...TypeRef
  }
  enumValues(includeDeprecated: true) {
    name
    description
    isDeprecated
    deprecationReason
  }
  possibleTypes {
    ...TypeRef
  }
}

fragment InputValue on __InputValue {
  name
  description
  type { ...TypeRef }
  defaultValue
}

fragment TypeRef on __Type {
  kind
  name
  ofType {
    kind
    name
    ofType {
      kind
      name
      ofType {
        kind
        name
        ofType {
          kind
          name
          ofType {
            kind
            name
            ofType {
              kind
              name
              ofType {
                kind
                name
              }
            }
          }
        }
      }
    }
  }
}"""

# ------------------------------------------------------------------ content that lands in variables

COMMENTS = [
    "LGTM 👍 — merging after CI goes green.",
    "Can repro on 4.2.1 (Firefox 146, macOS). Steps:\n\n1. Open a board with > 200 cards\n2. Drag a card to \"Done\"\n3. Scroll back up\n\nThe card jumps back to *In progress* for ~1s.",
    "I think this is the same as #4471? @zoe.okonkwo can you confirm?",
    "Stack trace from the Android app:\n\n```\njava.lang.IllegalStateException: Fragment IssueDetailFragment{a1b2c3} not attached to a context.\n    at androidx.fragment.app.Fragment.requireContext(Fragment.java:972)\n    at com.example.tracker.issue.IssueDetailFragment.onReactionClicked(IssueDetailFragment.kt:214)\n```",
    "The export query is slow because it does `SELECT * FROM issues WHERE project_id = $1 ORDER BY updated_at DESC` without a limit — we should paginate like the board does.",
    "Moved to *Backlog* – not blocking the 4.3 release. cc @ciaran",
    "+1, this bites us every sprint planning 😅",
    "Design is in Figma (link in the description). Spacing is 8px grid, not 6px — see the `<Card>` component's `padding` prop.",
    "Bei mir tritt der Fehler auch auf, allerdings nur im Dark Mode.",
    "Ça marche avec la version 4.2.2, merci ! On peut fermer.",
    "Workaround until this ships: set `TRACKER_SYNC_INTERVAL=30` in `.env` and restart the worker.",
    "Why does the API return `null` for `dueOn` when the date is set in the UI? Expected `\"2027-01-15\"`.",
    "> the board doesn't refresh after a move\n\nThat's expected with the websocket disabled — the SSE fallback polls every 20s.",
    "Assigning to myself. ETA Thursday, depends on the migration (`ALTER TABLE issues ADD COLUMN archived_at timestamptz`) landing first.",
    "Tested on iPad: the long-press menu now shows \"Copy link\", \"Move to…\" and \"Delete\" 👌",
    "Closing as won't fix — see the discussion in the RFC. Happy to revisit in Q2 if it comes up again.",
    "Could we make the label colour picker accept hex like #ff8800 as well as the presets?",
    "Turns out the CSV had Windows line endings (\\r\\n) & a BOM; the importer choked on the first header.",
    "Reverted in 3f9c2e1 — it broke the `@mention` autocomplete for names with apostrophes (O'Brien, D'Angelo).",
    "ok",
    "Thanks!",
]
TITLES = [
    "Board doesn't refresh after moving a card", "Dark mode: labels unreadable on yellow", "Export to CSV times out for large projects",
    "Allow markdown tables in wiki", "Mentions autocomplete fails for names with apostrophes", "Crash when opening an issue from a push notification",
    "Add keyboard shortcut for 'assign to me' (i)", "Due date off by one day in UTC-5", "Support SAML group mapping",
    "Attachment upload stuck at 99%", "Sort by priority ignores 'urgent'", "Rename 'Backlog' column → 'Icebox'",
    "Tooltip shows raw HTML entity (&amp;)", "Improve empty state copy on the search page", "API: `first` > 100 silently clamped",
]
DESCRIPTIONS = [
    "## What happens\n\nAfter dragging a card to another column the board shows the old state until a hard refresh.\n\n## Expected\n\nCard stays where I dropped it.\n\n## Environment\n\n- Chrome 143 / Windows 11\n- Workspace: `acme-design`",
    "Steps to reproduce:\n\n1. Go to **Settings → Labels**\n2. Create a label with colour `#FFE14D`\n3. Switch to dark mode\n\n![screenshot](https://files.example.com/u/4471/label-dark.png)",
    "The nightly export for project *Mobile* (≈18k issues) fails with a 504 after 60s.\n\n| project | issues | time |\n|---|---|---|\n| Web | 2,310 | 9s |\n| Mobile | 18,402 | timeout |",
    "Right now the wiki renderer drops `|` tables. Most of our runbooks use them, e.g.\n\n```\n| step | command |\n|------|---------|\n| 1    | make deploy ENV=staging |\n```",
    "When typing `@o'b` the dropdown is empty. Typing `@obrien` works. Probably the apostrophe isn't normalised before the prefix search.",
    "Reported by 3 customers this week. Repro only on Android 15 with 'Don't keep activities' on.",
    "",
    "As discussed in standup — see the RFC: https://docs.example.com/rfc/0042-saml-groups?tab=notes#open-questions",
]
BIOS = ["she/her | coffee & code | <3 | 10x dev? lol", "Engineering manager @ Acme-ish. Opinions are my own™",
        "Product designer. Pixels, type & tea 🍵", "he/him · backend · Postgres enthusiast · \"it depends\"",
        "Développeuse front — React, a11y, vélo 🚲", "QA lead. If it can break, I'll find it ;-)", "",
        "Data eng | ETL | dbt | 🇮🇪 → 🇩🇪", "they/them — docs, DX, & occasionally bugs", "Full-stack (mostly stack) ¯\\_(ツ)_/¯"]
SAVED_QUERIES = ["is:open label:\"good first issue\" -assignee:*", "is:open assignee:@me sort:updated-desc",
                 "label:bug priority:urgent,high is:open", "updated:>=2026-11-01 state:closed author:ciaran",
                 "project:\"Mobile App\" milestone:\"4.3\" -label:wontfix", "no:assignee is:open created:<2026-06-01",
                 "\"export csv\" in:title,body", "label:design OR label:ux is:open"]
SEARCH_TEXT = ["export", "dark mode", "crash android", "O'Brien", "csv import bom", "\"due date\"", "#4471", "saml",
               "card doesn't move", "mentions apostrophe", "タイムアウト", "Fehler Export", "p0", "a11y focus ring"]


WORKSPACES = ["acme-design", "northwind", "kestrel-labs", "harbour-ops", "studio-zoe", "mobile-guild", "data-platform",
              "o-brien-and-sons", "team-ngugi", "café-crew", "umbrella-qa", "lighthouse"]


def viewer_vars(rng: random.Random) -> dict[str, object]:
    v: dict[str, object] = {"workspace": pick(rng, WORKSPACES) + pick(rng, ["", "", f"-{rng.randrange(2, 99)}"])}
    if rng.random() < 0.5:
        v["withTeams"] = True
    return v


def board_vars(rng: random.Random) -> dict[str, object]:
    v: dict[str, object] = {"projectId": gid(rng, "Project"), "first": pick(rng, [25, 50, 50, 100])}
    if rng.random() < 0.3:
        v["after"] = b64url(f"cursor:v2:{rng.randrange(10**6)}".encode())
    if rng.random() < 0.2:
        v["includeArchived"] = True
    return v


def issue_vars(rng: random.Random) -> dict[str, object]:
    return {"id": gid(rng, "Issue"), "withHistory": rng.random() < 0.7, "skipReactions": rng.random() < 0.2}


def search_vars(rng: random.Random) -> dict[str, object]:
    f: dict[str, object] = {}
    if rng.random() < 0.6:
        f["states"] = some(rng, ["OPEN", "IN_PROGRESS", "CLOSED"], 1, 2)
    if rng.random() < 0.4:
        f["labels"] = some(rng, ["bug", "ux", "good first issue", "needs-triage", "api", "android"], 1, 3)
    if rng.random() < 0.3:
        f["assignee"] = pick(rng, ["@me", "ciaran", "zoe.okonkwo", None])
    if rng.random() < 0.3:
        f["updatedAfter"] = stamp(rng)
    return {"query": pick(rng, SEARCH_TEXT + SAVED_QUERIES), "filter": f or None, "first": 20}


# ------------------------------------------------------------------ clients


APOLLO_WEB = [("apollographql-client-name", "tracker-web"), ("apollographql-client-version", "4.3.0-rc.2")]


def spa_cookie(rng: random.Random) -> str:
    return cookie_jar(rng, "starlette", extra=[("tr_theme", pick(rng, ["light", "dark", "system"]))], analytics=0.3)


def spa_post(rng: random.Random, kind: str, payload: object, *, referer: str = "/",
             accept: str = "application/graphql-response+json, application/json", extra_h: list[tuple[str, str]] | None = None,
             qs: str = "") -> Request:
    body = js_json(payload).encode()
    extra = [*csrf(rng, "flask"), *(APOLLO_WEB if rng.random() < 0.7 else []), *(extra_h or [])]
    return browser(rng, SRC, kind, "POST", APP, "/graphql", qs, body=body, ctype="application/json",
                   accept=accept if rng.random() < 0.7 else "*/*", referer=f"https://{APP}{referer}",
                   cookie=spa_cookie(rng), extra=extra)


def op(query: str, name: str, variables: Mapping[str, object] | None) -> dict[str, object]:
    d: dict[str, object] = {"operationName": name, "variables": dict(variables) if variables is not None else {}}
    d["query"] = query
    return d


def sha(query: str) -> str:
    return hashlib.sha256(query.encode()).hexdigest()


IOS_UA = ["Tracker/4.3.0 (com.example.tracker; build:4301; iOS 18.7.0) Apollo/1.23.0",
          "Tracker/4.2.9 (com.example.tracker; build:4290; iOS 26.1.0) Apollo/1.23.0"]
ANDROID_UA = ["Tracker/4.3.0 (Android 15; Pixel 8a) okhttp/4.12.0", "Tracker/4.3.0 (Android 14; SM-A556B) okhttp/4.12.0"]


def mobile(rng: random.Random, kind: str, query: str, name: str, variables: Mapping[str, object], optype: str = "query") -> Request:
    ios = rng.random() < 0.5
    auth = bearer(rng, "https://auth.tracker.example.com", "tracker:read tracker:write")
    if ios:
        extra = [("apollographql-client-name", "com.example.tracker-apollo-ios"), ("apollographql-client-version", "4.3.0-4301"),
                 ("x-apollo-operation-type", optype), ("x-apollo-operation-name", name)]
        payload: dict[str, object] = {"operationName": name, "query": query, "variables": dict(variables)}
        if rng.random() < 0.5 and optype == "query":
            payload = {"operationName": name, "variables": dict(variables),
                       "extensions": {"persistedQuery": {"version": 1, "sha256Hash": sha(query)}}}
        return client(rng, SRC, kind, "POST", API, "/graphql", body=ios_json(payload).encode(),
                      ctype="application/json", lib="ios", auth=auth, extra=extra, ua=pick(rng, IOS_UA),
                      accept="multipart/mixed;deferSpec=20220824,application/graphql-response+json,application/json")
    extra = [("x-apollo-operation-id", sha(query)), ("x-apollo-operation-name", name)]
    payload = {"operationName": name, "variables": dict(variables), "query": " ".join(query.split())}
    return client(rng, SRC, kind, "POST", API, "/graphql", body=gson_json(payload).encode(),
                  ctype="application/json", lib="okhttp", auth=auth, extra=extra, ua=pick(rng, ANDROID_UA),
                  accept="multipart/mixed;deferSpec=20220824, application/graphql-response+json, application/json")


# ------------------------------------------------------------------ makers


def viewer(rng: random.Random) -> Request:
    if rng.random() < 0.3:
        return mobile(rng, "viewer", Q_VIEWER, "Viewer", viewer_vars(rng))
    return spa_post(rng, "viewer", op(Q_VIEWER, "Viewer", viewer_vars(rng)), referer=pick(rng, ["/", "/inbox", "/p/mobile/board"]))


def board(rng: random.Random) -> Request:
    if rng.random() < 0.3:
        return mobile(rng, "board", Q_BOARD, "ProjectBoard", board_vars(rng))
    return spa_post(rng, "board", op(Q_BOARD, "ProjectBoard", board_vars(rng)), referer=f"/p/{rng.randrange(1, 400)}/board")


def issue(rng: random.Random) -> Request:
    if rng.random() < 0.35:
        return mobile(rng, "issue_detail", Q_ISSUE, "IssueDetail", issue_vars(rng))
    return spa_post(rng, "issue_detail", op(Q_ISSUE, "IssueDetail", issue_vars(rng)), referer=f"/i/{rng.randrange(1, 9000)}")


def search(rng: random.Random) -> Request:
    return spa_post(rng, "search", op(Q_SEARCH, "SearchIssues", search_vars(rng)), referer="/search")


def get_query(rng: random.Random) -> Request:
    """Apollo's useGETForQueries: the document in the query string."""
    q, name, v = pick(rng, [(Q_VIEWER, "Viewer", viewer_vars(rng)), (Q_BOARD, "ProjectBoard", board_vars(rng)),
                            (Q_NOTIFS, "Notifications", {"first": pick(rng, [10, 20, 30]), "unreadOnly": True, "after": b64url(rbytes(rng, 12))}),
                            (Q_SEARCH, "SearchIssues", search_vars(rng))])
    qs = uri_query([("query", q), ("operationName", name), ("variables", js_json(v))])
    return browser(rng, SRC, "get_query", "GET", APP, "/graphql", qs, accept="application/graphql-response+json, application/json",
                   referer=f"https://{APP}/", cookie=spa_cookie(rng), extra=APOLLO_WEB)


def persisted_get(rng: random.Random) -> Request:
    """Automatic persisted queries: the hash only, over GET, so the CDN can cache it."""
    q, name, v = pick(rng, [(Q_VIEWER, "Viewer", viewer_vars(rng)), (Q_BOARD, "ProjectBoard", board_vars(rng)),
                            (Q_ISSUE, "IssueDetail", issue_vars(rng)), (Q_NOTIFS, "Notifications", {"first": 20, "after": pick(rng, [None, b64url(rbytes(rng, 12))])})])
    qs = uri_query([("operationName", name), ("variables", js_json(v)),
                    ("extensions", js_json({"persistedQuery": {"version": 1, "sha256Hash": sha(q)}}))])
    return browser(rng, SRC, "persisted_query", "GET", APP, "/graphql", qs, accept="application/graphql-response+json, application/json",
                   referer=f"https://{APP}/", cookie=spa_cookie(rng), extra=APOLLO_WEB)


def persisted_register(rng: random.Random) -> Request:
    """After PersistedQueryNotFound: the full document plus its hash."""
    q, name, v = pick(rng, [(Q_BOARD, "ProjectBoard", board_vars(rng)), (Q_ISSUE, "IssueDetail", issue_vars(rng))])
    payload = {"operationName": name, "variables": v, "extensions": {"persistedQuery": {"version": 1, "sha256Hash": sha(q)}}, "query": q}
    return spa_post(rng, "persisted_query_register", payload, referer="/")


def relay(rng: random.Random) -> Request:
    """The settings area is a Relay app with compiled, persisted documents."""
    doc = pick(rng, ["SettingsPageQuery", "BillingPlanQuery", "MembersListPaginationQuery", "IntegrationsQuery", "AuditLogQuery"])
    v: dict[str, object] = {"count": 20, "cursor": None}
    if doc == "AuditLogQuery":
        v = {"count": 50, "cursor": None, "filter": {"actor": pick(rng, [None, "ciaran"]), "action": pick(rng, ["member.invite", "project.delete", None])}}
    body = js_json({"doc_id": hexs(rng, 32), "query": None, "variables": v, "operationName": doc}).encode()
    return browser(rng, SRC, "relay_persisted", "POST", APP, "/graphql", body=body, ctype="application/json",
                   accept="application/json", referer=f"https://{APP}/settings", cookie=spa_cookie(rng), extra=csrf(rng, "flask"))


def add_comment(rng: random.Random) -> Request:
    v = {"input": {"subjectId": gid(rng, "Issue"), "body": pick(rng, COMMENTS), "clientMutationId": uuid4(rng)}}
    if rng.random() < 0.35:
        return mobile(rng, "add_comment", M_COMMENT, "AddComment", v, "mutation")
    return spa_post(rng, "add_comment", op(M_COMMENT, "AddComment", v), referer=f"/i/{rng.randrange(1, 9000)}")


def update_issue(rng: random.Random) -> Request:
    patch: dict[str, object] = {}
    for k in some(rng, ["title", "body", "state", "priority", "dueOn", "labelIds"], 1, 3):
        if k == "title":
            patch[k] = pick(rng, TITLES)
        elif k == "body":
            patch[k] = pick(rng, DESCRIPTIONS)
        elif k == "state":
            patch[k] = pick(rng, ["OPEN", "IN_PROGRESS", "CLOSED"])
        elif k == "priority":
            patch[k] = pick(rng, ["URGENT", "HIGH", "MEDIUM", "LOW", None])
        elif k == "dueOn":
            patch[k] = pick(rng, [upcoming(rng), None])
        else:
            patch[k] = [gid(rng, "Label") for _ in range(rng.randint(0, 3))]
    return spa_post(rng, "update_issue", op(M_UPDATE_ISSUE, "UpdateIssue", {"id": gid(rng, "Issue"), "patch": patch}),
                    referer=f"/i/{rng.randrange(1, 9000)}")


def create_issue(rng: random.Random) -> Request:
    v = {"input": {"projectId": gid(rng, "Project"), "title": pick(rng, TITLES), "body": pick(rng, DESCRIPTIONS),
                   "labelIds": [gid(rng, "Label") for _ in range(rng.randint(0, 2))], "assigneeIds": [],
                   "templateId": pick(rng, [None, "bug_report", "feature_request"])}}
    return spa_post(rng, "create_issue", op(M_CREATE_ISSUE, "CreateIssue", v), referer="/new")


def react(rng: random.Random) -> Request:
    v = {"subjectId": gid(rng, pick(rng, ["Issue", "IssueComment"])),
         "content": pick(rng, ["THUMBS_UP", "HEART", "HOORAY", "EYES", "ROCKET", "CONFUSED"])}
    if rng.random() < 0.4:
        return mobile(rng, "toggle_reaction", M_REACT, "ToggleReaction", v, "mutation")
    return spa_post(rng, "toggle_reaction", op(M_REACT, "ToggleReaction", v), referer=f"/i/{rng.randrange(1, 9000)}")


def move(rng: random.Random) -> Request:
    v = {"issueId": gid(rng, "Issue"), "columnId": gid(rng, "Column"), "afterId": pick(rng, [None, gid(rng, "Issue")])}
    return spa_post(rng, "move_card", op(M_MOVE, "MoveCard", v), referer=f"/p/{rng.randrange(1, 400)}/board")


def notifications(rng: random.Random) -> Request:
    if rng.random() < 0.5:
        v: dict[str, object] = {"first": 20, "unreadOnly": rng.random() < 0.5}
        if rng.random() < 0.3:
            v["after"] = b64url(rbytes(rng, 12))
        return mobile(rng, "notifications", Q_NOTIFS, "Notifications", v)
    v2 = {"ids": [gid(rng, "Notification") for _ in range(rng.randint(1, 6))], "all": False}
    if rng.random() < 0.3:
        v2 = {"ids": [], "all": True}
    return spa_post(rng, "mark_read", op(M_READ, "MarkNotificationsRead", v2), referer="/inbox")


def profile(rng: random.Random) -> Request:
    g, f, _ = person(rng)
    v = {"input": {"displayName": f"{g} {f}", "bio": pick(rng, BIOS), "pronouns": pick(rng, ["she/her", "he/him", "they/them", ""]),
                   "websiteUrl": pick(rng, ["", f"https://{g.lower()}.example.net/", "https://blog.example.org/~dev?ref=tracker&lang=en"]),
                   "location": pick(rng, ["Cork, IE", "Köln", "Montréal (QC)", "Remote — UTC+1", "東京", ""])}}
    return spa_post(rng, "update_profile", op(M_PROFILE, "UpdateProfile", v), referer="/settings/profile")


WIKI = [
    "# On-call runbook\n\n## Restarting the sync worker\n\n```bash\nkubectl -n tracker rollout restart deploy/sync-worker\nkubectl -n tracker logs -f deploy/sync-worker --since=5m | grep -i error\n```\n\nIf the queue is > 10k, **don't** restart — scale instead:\n\n```bash\nkubectl -n tracker scale deploy/sync-worker --replicas=6\n```",
    "# Release checklist (4.3)\n\n- [x] Freeze `main` on Wednesday\n- [ ] Bump version in `package.json` & `build.gradle`\n- [ ] Run the migration on staging: `python manage.py migrate issues 0087`\n- [ ] Smoke test: create/move/close an issue, upload an attachment\n- [ ] Post in #releases",
    "# Glossary\n\n| Term | Meaning |\n|---|---|\n| WIP limit | max cards in a column |\n| SLA | first response < 4h (P1), < 1 business day (P2) |\n| \"Icebox\" | ideas we're not doing *yet* |",
    "# Data retention\n\nDeleted issues are soft-deleted for 30 days. The purge job runs nightly:\n\n```sql\nDELETE FROM issues\nWHERE deleted_at IS NOT NULL\n  AND deleted_at < now() - interval '30 days';\n```\n\nAttachments are removed from object storage by the same job.",
    "# Style guide\n\nUse sentence case for titles. Write \"sign in\", not \"login\" (verb). Dates: `Dec 7, 2026` in the UI, ISO 8601 (`2026-12-07`) in the API.\n\n> Tip: `Ctrl+K` opens the command palette.",
    "# Onboarding — semaine 1\n\n1. Demander l'accès au dépôt `tracker-web`\n2. Lire l'ADR 012 (« pourquoi GraphQL ? »)\n3. Prendre un ticket `good first issue`",
]


def wiki(rng: random.Random) -> Request:
    v = {"input": {"spaceId": gid(rng, "Space"), "slug": pick(rng, ["on-call", "release-checklist", "glossary", "data-retention", "style-guide", "onboarding"]),
                   "title": pick(rng, ["On-call runbook", "Release checklist (4.3)", "Glossary", "Data retention", "Style guide", "Onboarding"]),
                   "markdown": pick(rng, WIKI), "baseRevision": rng.randrange(1, 60), "minorEdit": rng.random() < 0.3}}
    return spa_post(rng, "save_wiki_page", op(M_WIKI, "SaveWikiPage", v), referer="/wiki/edit")


def batched(rng: random.Random) -> Request:
    """BatchHttpLink: several operations in one array."""
    ops = [op(Q_VIEWER, "Viewer", viewer_vars(rng)), op(Q_NOTIFS, "Notifications", {"first": 5, "unreadOnly": True})]
    if rng.random() < 0.6:
        ops.append(op(Q_BOARD, "ProjectBoard", board_vars(rng)))
    if rng.random() < 0.3:
        ops.append(op(Q_ISSUE, "IssueDetail", issue_vars(rng)))
    return spa_post(rng, "batched", ops, referer="/", accept="application/json")


def introspection(rng: random.Random) -> Request:
    tool = rng.random()
    payload = {"query": INTROSPECTION, "operationName": "IntrospectionQuery"}
    auth = bearer(rng, "https://auth.tracker.example.com", "tracker:read")
    if tool < 0.4:  # GraphiQL served by the API itself
        body = js_json(payload).encode()
        return browser(rng, SRC, "introspection", "POST", API, "/graphql", body=body, ctype="application/json",
                       accept="application/json, multipart/mixed", referer=f"https://{API}/graphql",
                       cookie=spa_cookie(rng), b=browser_of(rng, desktop=True))
    if tool < 0.7:
        return client(rng, SRC, "introspection", "POST", API, "/graphql", body=js_json(payload).encode(),
                      ctype="application/json", lib="node", auth=auth, ua="insomnia/11.6.1", accept="*/*")
    return client(rng, SRC, "introspection", "POST", API, "/graphql", body=js_json({"query": INTROSPECTION, "variables": {}}).encode(),
                  ctype="application/json", lib="node", auth=auth, ua="PostmanRuntime/7.49.1",
                  extra=[("postman-token", uuid4(rng)), ("cache-control", "no-cache")])


def typename_ping(rng: random.Random) -> Request:
    if rng.random() < 0.5:
        return client(rng, SRC, "health", "GET", API, "/graphql", uri_query([("query", "{__typename}")]), lib="go",
                      ua="kube-probe/1.33")
    return client(rng, SRC, "health", "POST", API, "/graphql", body=b'{"query":"query { __typename }"}', ctype="application/json",
                  lib="curl", ua="Uptime-Checker/2.1 (+https://status.example.com)")


def subscribe_sse(rng: random.Random) -> Request:
    v = {"issueId": gid(rng, "Issue")}
    body = js_json({"query": S_COMMENTS, "variables": v, "operationName": "OnIssueActivity"}).encode()
    return browser(rng, SRC, "subscription_sse", "POST", APP, "/graphql/stream", body=body, ctype="application/json",
                   accept="text/event-stream", referer=f"https://{APP}/i/{rng.randrange(1, 9000)}", cookie=spa_cookie(rng),
                   extra=csrf(rng, "flask"))


def subscribe_multipart(rng: random.Random) -> Request:
    v = {"issueId": gid(rng, "Issue")}
    return spa_post(rng, "subscription_multipart", op(S_COMMENTS, "OnIssueActivity", v),
                    accept='multipart/mixed;boundary="graphql";subscriptionSpec=1.0,application/json',
                    referer=f"/i/{rng.randrange(1, 9000)}")


def subscribe_get(rng: random.Random) -> Request:
    """graphql-sse in distinct-connections mode: EventSource can only GET."""
    qs = uri_query([("query", S_COMMENTS), ("variables", js_json({"issueId": gid(rng, "Issue")}))])
    return browser(rng, SRC, "subscription_eventsource", "GET", APP, "/graphql/stream", qs, accept="text/event-stream",
                   referer=f"https://{APP}/i/{rng.randrange(1, 9000)}", cookie=spa_cookie(rng),
                   extra=[("cache-control", "no-cache")])


def deferred(rng: random.Random) -> Request:
    return spa_post(rng, "defer_query", op(Q_DEFER, "IssueWithActivity", {"id": gid(rng, "Issue")}),
                    accept="multipart/mixed;deferSpec=20220824,application/json", referer=f"/i/{rng.randrange(1, 9000)}")


def upload(rng: random.Random) -> Request:
    """graphql-multipart-request-spec, as apollo-upload-client sends it."""
    b = browser_of(rng)
    bd = boundary_for(rng, b.family)
    ops = js_json({"operationName": "UploadAttachment", "variables": {"file": None, "issueId": gid(rng, "Issue"),
                                                                       "alt": pick(rng, ["Screenshot of the board in dark mode", "", "Stack trace", "Figma export – card spacing"])},
                   "query": M_UPLOAD})
    fname, data, ct = pick(rng, [("Screenshot 2026-11-30 at 14.02.11.png", fake_png(rng, 1800 + rng.randrange(3000)), "image/png"),
                                 ("trace.txt", b"Traceback (most recent call last):\n  File \"sync/worker.py\", line 88, in run\n    batch = self.queue.get(timeout=30)\nqueue.Empty\n", "text/plain"),
                                 ("export.csv", b"id,title,state\n4471,\"Board doesn't refresh\",open\n4472,\"Dark mode, labels\",closed\n", "text/csv")])
    parts = [("operations", ops.encode(), None, None), ("map", b'{"1":["variables.file"]}', None, None), ("1", data, fname, ct)]
    body = multipart(parts, bd)
    return browser(rng, SRC, "file_upload", "POST", APP, "/graphql", body=body, ctype=f"multipart/form-data; boundary={bd}",
                   accept="application/json", referer=f"https://{APP}/i/{rng.randrange(1, 9000)}", cookie=spa_cookie(rng),
                   extra=[("apollo-require-preflight", "true"), *csrf(rng, "flask")], b=b)


def urql(rng: random.Random) -> Request:
    """The public status/roadmap page uses urql (no __typename-free printing, compact)."""
    q = "query Roadmap($quarter: String!, $tag: String, $locale: String) { roadmap(quarter: $quarter, tag: $tag, locale: $locale) { items { id title status votes } } }"
    v = {"quarter": pick(rng, ["2026-Q4", "2027-Q1", "2027-Q2"]), "tag": pick(rng, [None, "mobile", "api", "integrations", "a11y", "reporting"]),
         "locale": pick(rng, ["en", "de", "fr", "ja", "pt-BR", "es"])}
    body = js_json({"query": q, "variables": v, "operationName": "Roadmap"}).encode()
    return browser(rng, SRC, "public_roadmap", "POST", APP, "/graphql", body=body, ctype="application/json",
                   accept="application/graphql-response+json, application/graphql+json, application/json, text/event-stream, multipart/mixed",
                   referer=f"https://{APP}/roadmap", site="same-origin")


def retry(rng: random.Random) -> Request:
    """RetryLink resends after a network error; our link adds the attempt number."""
    ops: list[tuple[str, str, Mapping[str, object]]] = [
        (Q_BOARD, "ProjectBoard", board_vars(rng)), (Q_ISSUE, "IssueDetail", issue_vars(rng)),
        (M_COMMENT, "AddComment", {"input": {"subjectId": gid(rng, "Issue"), "body": pick(rng, COMMENTS), "clientMutationId": uuid4(rng)}})]
    q, name, v = pick(rng, ops)
    return spa_post(rng, "retry", op(q, name, v), extra_h=[("x-retry-attempt", str(rng.randint(1, 3))), ("x-request-id", uuid4(rng))],
                    referer="/")


def script(rng: random.Random) -> Request:
    """Integration scripts: the python `gql` client and a Node exporter."""
    q = pick(rng, [Q_SEARCH, M_CREATE_ISSUE, Q_BOARD])
    if q is Q_SEARCH:
        name, v = "SearchIssues", search_vars(rng)
    elif q is M_CREATE_ISSUE:
        name, v = "CreateIssue", {"input": {"projectId": gid(rng, "Project"), "title": f"[sentry] {pick(rng, ['KeyError: ' + repr('assignee'), 'TimeoutError in export', 'ZeroDivisionError: division by zero'])}",
                                            "body": "Auto-created from alert #" + str(rng.randrange(10**5)) + "\n\n```\n" + pick(rng, ["File \"app/export.py\", line 141, in render\n    ratio = done / total", "File \"app/api.py\", line 77, in get\n    return row['assignee']"]) + "\n```",
                                            "labelIds": [], "assigneeIds": []}}
    else:
        name, v = "ProjectBoard", board_vars(rng)
    token = "Bearer trk_pat_" + chars(rng, ALNUM, 36)
    if rng.random() < 0.5:
        return client(rng, SRC, "integration_script", "POST", API, "/graphql", body=py_json({"query": q, "variables": v, "operationName": name}).encode(),
                      ctype="application/json", lib="aiohttp", auth=token, ua="Python/3.12 aiohttp/3.13.2")
    return client(rng, SRC, "integration_script", "POST", API, "/graphql", body=js_json({"query": q, "variables": v}).encode(),
                  ctype="application/json", lib="node", auth=token, accept="application/graphql-response+json, application/json")


def webhook_mut(rng: random.Random) -> Request:
    v = {"input": {"url": pick(rng, ["https://hooks.example.net/tracker/inbound?team=design&token=" + hexs(rng, 16),
                                     "https://ci.example.org/api/v4/projects/412/trigger/pipeline",
                                     "https://chat.example.com/services/T0001/B0002/" + chars(rng, ALNUM, 24)]),
                   "secret": chars(rng, ALNUM, 32), "events": some(rng, ["issue.created", "issue.closed", "comment.created", "wiki.updated"], 1, 4),
                   "contentType": pick(rng, ["JSON", "FORM"])}}
    return spa_post(rng, "create_webhook", op(M_WEBHOOK, "CreateWebhook", v), referer="/settings/integrations")


def saved_view(rng: random.Random) -> Request:
    v = {"input": {"name": pick(rng, ["My open bugs", "Triage queue", "Design review", "Stale (6mo+)", "Release 4.3 blockers"]),
                   "query": pick(rng, SAVED_QUERIES), "shared": rng.random() < 0.5, "layout": pick(rng, ["LIST", "BOARD", "TABLE"])}}
    return spa_post(rng, "save_view", op(M_SAVED_VIEW, "SaveView", v), referer="/search")


def invite(rng: random.Random) -> Request:
    emails = [person(rng)[2] for _ in range(rng.randint(1, 4))]
    v = {"teamId": gid(rng, "Team"), "emails": emails, "role": pick(rng, ["MEMBER", "GUEST", "ADMIN"]),
         "message": pick(rng, [None, "Welcome aboard! Board is at /p/12 — ping me with q's :)", "Join us for the 4.3 release crunch 🚀"])}
    return spa_post(rng, "invite_members", op(M_INVITE, "InviteMembers", v), referer="/settings/members")


def delete_comment(rng: random.Random) -> Request:
    return spa_post(rng, "delete_comment", op(M_DELETE, "DeleteComment", {"id": gid(rng, "IssueComment")}), referer=f"/i/{rng.randrange(1, 9000)}")


def altair(rng: random.Random) -> Request:
    """A developer poking at the API from the Altair browser extension."""
    q = pick(rng, ["query {\n  viewer {\n    login\n    teams(first: 5) { nodes { name } }\n  }\n}",
                   "query ($n: Int!) {\n  issue: issueByNumber(number: $n) { title state assignee { login } }\n}",
                   "{ project(id: \"UHJvamVjdDoxMg==\") { name columns { name } } }"])
    body = js_json({"query": q, "variables": {"n": rng.randrange(1, 9000)} if "$n" in q else {}}).encode()
    return browser(rng, SRC, "devtools_query", "POST", API, "/graphql", body=body, ctype="application/json",
                   accept="application/json", site="cross-site", origin="chrome-extension://flnheeellpciglgpaodhkhmapeljopja",
                   extra=[("authorization", bearer(rng, "https://auth.tracker.example.com", "tracker:read"))],
                   b=browser_of(rng, "chromium", desktop=True))


def tracker(rng: random.Random) -> Request:
    """Not GraphQL: the SPA's error reporter posts next to it."""
    obj = {"message": pick(rng, ["GraphQL error: Variable \"$projectId\" got invalid value \"undefined\"; ID cannot represent value: undefined",
                                 "Network error: Failed to fetch", "GraphQL error: Cannot return null for non-nullable field Issue.title.",
                                 "ResizeObserver loop completed with undelivered notifications."]),
           "operationName": pick(rng, ["ProjectBoard", "IssueDetail", "AddComment"]), "release": "tracker-web@4.3.0-rc.2",
           "url": f"https://{APP}/p/{rng.randrange(1, 400)}/board", "ts": stamp(rng)}
    body = js_json(obj).encode()
    return browser(rng, SRC, "client_error_report", "POST", APP, "/api/client-errors", body=body, ctype="text/plain;charset=UTF-8",
                   referer=f"https://{APP}/", cookie=spa_cookie(rng), mode="no-cors")


def graphql_api(rng: random.Random, n: int) -> list[Request]:
    makers = [
        (7, viewer), (14, board), (14, issue), (8, search), (6, get_query), (8, persisted_get), (3, persisted_register),
        (3, relay), (12, add_comment), (7, update_issue), (4, create_issue), (6, react), (5, move), (6, notifications),
        (2, profile), (3, wiki), (4, batched), (3, introspection), (2, typename_ping), (2, subscribe_sse),
        (2, subscribe_multipart), (1, subscribe_get), (2, deferred), (3, upload), (2, urql), (3, retry), (3, script),
        (1, webhook_mut), (2, saved_view), (1, invite), (1, delete_comment), (2, altair), (2, tracker),
    ]
    return run(rng, n, makers)
