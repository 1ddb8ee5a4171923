"""Build-time compiler of the OWASP CRS request rules into the engine's JSON table.

`gen_crs.py` (beside this package) is the command; the modules here each do one job:

- `seclang`: SecLang text -> directives (quoting, continuations, comments);
- `pcre`: a PCRE pattern (as ModSecurity v3 compiles it) -> a syntax tree -> the
  Rust `regex` crate's syntax;
- `prefilter`: the literals every match of a syntax tree contains;
- `rules`: directives -> the rule table of `wasm/crs/src/ir.rs`, and the list of
  what cannot run;
- `support`: what the engine supports (variables, operators, transformations,
  actions), for the engine to mirror;
- `report`: the markdown report of what is not supported.

Standard library only: it runs under the system `python3` at build time.
"""
