//! OS command injection: a shell metacharacter followed by a command.

use super::util::{contains, find, is_word, positions, skip_ws};
use super::{needles, Input, Needle};
use crate::hits::Hits;
use crate::{Category, Severity};

/// Commands attackers run first. Sorted.
const COMMANDS: &[&[u8]] = &[
    b"bash", b"base64", b"bitsadmin", b"busybox", b"cat", b"certutil", b"chmod", b"cmd", b"cmd.exe", b"csh", b"curl",
    b"dir", b"echo", b"env", b"expr", b"fetch", b"ftp", b"gcc", b"head", b"hostname", b"id", b"ifconfig", b"ipconfig",
    b"kill", b"ksh", b"less", b"ls", b"lua", b"mkfifo", b"more", b"nc", b"ncat", b"net", b"netcat", b"netstat",
    b"nslookup", b"perl", b"php", b"ping", b"powershell", b"printenv", b"ps", b"pwd", b"pwsh", b"python", b"python2",
    b"python3", b"rm", b"ruby", b"scp", b"sh", b"sleep", b"socat", b"systeminfo", b"tail", b"tasklist", b"telnet",
    b"tftp", b"touch", b"type", b"uname", b"ver", b"wget", b"whoami", b"xterm", b"zsh",
];

/// Commands that read as ordinary words in prose ("cats & dogs; cat
/// lovers"): they need arguments that look like a shell's.
const PROSE_WORDS: &[&[u8]] = &[b"cat", b"dir", b"echo", b"env", b"expr", b"fetch", b"head", b"kill", b"less", b"more", b"net", b"ping", b"sleep", b"tail", b"touch", b"type", b"ver"];

/// Interpreters that, named last with nothing after them, read only the
/// empty input a web server gives them: "SQL & Python", "DBA | PowerShell"
/// in a profile headline. Piped code (`| bash`, `| sh`) is `cmdi.shell`'s.
const INTERPRETERS: &[&[u8]] = &[b"lua", b"perl", b"php", b"powershell", b"pwsh", b"python", b"python2", b"python3", b"ruby"];

/// Openers and quoting tricks before a command: `;{cat,/etc/passwd}`, `;"id"`.
fn opener(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'{' | b'(' | b'"' | b'\'' | b'\\')
}

/// The command word at `start` (after the openers) and where it ends.
fn command_word(s: &[u8], start: usize) -> Option<(&[u8], usize)> {
    // Most metacharacters are followed by no word at all (`||`, `;;`):
    // answered without searching the command list.
    match s.get(start) {
        Some(&b) if is_word(b) || matches!(b, b'/' | b'.' | b'-') => {}
        _ => return None,
    }
    let mut i = start;
    while i < s.len() && (is_word(s[i]) || matches!(s[i], b'/' | b'.' | b'-')) {
        i += 1;
    }
    let path = &s[start..i];
    let word = match path.iter().rposition(|&b| b == b'/') {
        Some(p) => &path[p + 1..],
        None => path,
    };
    let word = word.strip_suffix(b".exe").unwrap_or(word);
    if COMMANDS.binary_search(&word).is_ok() {
        Some((word, i))
    } else {
        None
    }
}

/// What follows the command: something a shell user types, or prose.
fn shell_argument(s: &[u8], i: usize) -> bool {
    let j = skip_ws(s, i);
    match s.get(j) {
        None => true,
        // `,` is bash brace expansion: `{cat,/etc/passwd}`.
        Some(b) => matches!(b, b'-' | b'/' | b',' | b'.' | b'~' | b'$' | b'|' | b';' | b'&' | b'>' | b'<' | b'`' | b'\'' | b'"' | b'\\' | b'{' | b')' | b'}' | b'0'..=b'9')
            || s[j..].starts_with(b"http"),
    }
}

pub(crate) fn detect(input: &Input, hits: &mut Hits) {
    let s = input.text;
    detect_shellshock(input, hits);
    if input.has_any(b";|&`$\n") {
        let mut best: Option<(Severity, &'static str)> = None;
        // Metacharacters inside one run of openers (`\n\n\n`, `;{"`) all
        // lead to the same command word: the run's end and the word read
        // there are kept, so a value of 60k line feeds is one pass, not 60k.
        let (mut run_from, mut run_end) = (usize::MAX, 0usize);
        let mut last: Option<(usize, Option<(&[u8], usize, bool)>)> = None;
        // Prose holds `;` and `&` but rarely the other metacharacters: then
        // `memchr3` jumps from one to the next instead of a byte loop.
        // `memchr3_iter` also takes each match of a word from one read of
        // it, so a value dense in `;` is not a search per byte.
        let rare = input.has_any(b"\n`$");
        let metachars: Box<dyn Iterator<Item = usize>> = if rare {
            Box::new(s.iter().enumerate().filter(|(_, &b)| matches!(b, b';' | b'|' | b'&' | b'\n' | b'`' | b'$')).map(|(p, _)| p))
        } else {
            Box::new(crate::bytes::memchr3_iter(b';', b'|', b'&', s))
        };
        for p in metachars {
            let b = s[p];
            let after = match b {
                b';' if data_url_param(s, p) => continue,
                b';' | b'|' | b'&' | b'\n' => p + 1,
                b'`' => p + 1,
                b'$' if s.get(p + 1) == Some(&b'(') => p + 2,
                _ => continue,
            };
            if !(run_from..run_end).contains(&after) {
                run_from = after;
                run_end = after;
                while run_end < s.len() && opener(s[run_end]) {
                    run_end += 1;
                }
            }
            let start = run_end;
            let found = match last {
                Some((at, found)) if at == start => found,
                _ => {
                    let found = command_word(s, start).map(|(word, end)| (word, end, shell_argument(s, end)));
                    last = Some((start, found));
                    found
                }
            };
            let (word, end, args) = match found {
                Some(f) => f,
                None => continue,
            };
            let prose_word = PROSE_WORDS.contains(&word);
            let sev = match b {
                // Markdown uses backticks for code: `ls -la` in a comment.
                b'`' => {
                    if args && !prose_word && s.iter().skip(end).any(|&c| c == b'`') && p > 0 && matches!(s[p - 1], b'=' | b'\'' | b'"' | b';' | b'|' | b'&' | b'(') {
                        Severity::High
                    } else {
                        Severity::Medium
                    }
                }
                b'$' => Severity::High,
                b'\n' => {
                    if args && !prose_word {
                        Severity::Medium
                    } else {
                        continue;
                    }
                }
                _ => {
                    if !args {
                        continue;
                    }
                    let next = s.get(skip_ws(s, end)).copied();
                    if next.is_none() && INTERPRETERS.contains(&word) {
                        raise(&mut best, Severity::Medium, "cmdi.metachar_command");
                        continue;
                    }
                    let shell_like = next.map_or(false, |c| !matches!(c, b'\'' | b'"' | b')' | b'}'));
                    if !prose_word || shell_like {
                        Severity::High
                    } else {
                        Severity::Medium
                    }
                }
            };
            raise(&mut best, sev, "cmdi.metachar_command");
            if sev == Severity::High {
                // Nothing later can raise it: a value of repeated attacks
                // costs one, not one per repetition.
                break;
            }
        }
        if let Some((sev, rule)) = best {
            hits.add(Category::CommandInjection, sev, rule);
        }
    }
    // Reverse shells and interpreters, wherever they are.
    const SLASH: &[Needle] = &needles([b"/dev/tcp/" as &[u8], b"/dev/udp/", b"/bin/sh -", b"/bin/bash -", b"cmd.exe /c", b"cmd /c ", b"mkfifo /tmp"]);
    const DASH: &[Needle] = &needles([b"bash -i" as &[u8], b"nc -e", b"ncat -e", b"nc -c", b"powershell -e", b"powershell -nop"]);
    const DOLLAR: &[Needle] = &needles([b"${ifs}" as &[u8], b"$ifs$"]);
    const PIPE: &[Needle] = &needles([b"| sh" as &[u8], b"|sh", b"| bash", b"|bash"]);
    let shell = (input.has(b'/') && SLASH.iter().any(|p| input.has_needle(p)))
        || (input.has(b'-') && dash_flag(s) && DASH.iter().any(|p| input.has_needle(p)))
        || (input.has(b'$') && DOLLAR.iter().any(|p| input.has_needle(p)))
        || (input.has(b'|') && PIPE.iter().any(|p| input.has_needle(p)));
    if shell {
        hits.add(Category::CommandInjection, Severity::High, "cmdi.shell");
    } else if (input.has(b'/') && (input.has_needle(needle!(b"/bin/sh")) || input.has_needle(needle!(b"/bin/bash")))) || (input.has(b'(') && find(s, b"iex(").is_some()) {
        hits.add(Category::CommandInjection, Severity::Medium, "cmdi.shell_path");
    }
}

/// Whether the `;` at `p` is a data URL's `;base64,` (`data:image/png;base64,`:
/// a signature pad's or a canvas's image), not two commands. Only that
/// parameter: `data:x;id` still runs `id`. The look back stops at the first
/// byte a media type cannot hold, so every byte is read at most twice.
fn data_url_param(s: &[u8], p: usize) -> bool {
    if !s[p + 1..].starts_with(b"base64,") {
        return false;
    }
    let mut i = p;
    while i > 0 && (s[i - 1].is_ascii_alphanumeric() || matches!(s[i - 1], b'/' | b'+' | b'-' | b'.')) {
        i -= 1;
    }
    i >= 5 && &s[i - 5..i] == b"data:"
}

/// Whether some ` -x` follows one of the reverse-shell programs.
fn dash_flag(s: &[u8]) -> bool {
    crate::bytes::memchr_iter(b'-', s).any(|p| {
        p >= 3 && s[p - 1] == b' ' && {
            let w = &s[..p - 1];
            w.ends_with(b"bash") || w.ends_with(b"nc") || w.ends_with(b"ncat") || w.ends_with(b"powershell")
        }
    })
}

/// Shellshock: a bash function definition in a value bash will import.
pub(crate) fn detect_shellshock(input: &Input, hits: &mut Hits) {
    if !input.has(b'{') {
        return;
    }
    let s = input.text;
    for p in positions(s, b"()") {
        let j = skip_ws(s, p + 2);
        if s.get(j) == Some(&b'{') {
            let before = s[..p].iter().rev().find(|&&b| b != b' ');
            if before.map_or(true, |&b| !is_word(b)) && contains(&s[j..], b";") {
                hits.add(Category::CommandInjection, Severity::High, "cmdi.shellshock");
                return;
            }
        }
    }
}

fn raise(best: &mut Option<(Severity, &'static str)>, sev: Severity, rule: &'static str) {
    if best.map_or(true, |(b, _)| sev > b) {
        *best = Some((sev, rule));
    }
}
