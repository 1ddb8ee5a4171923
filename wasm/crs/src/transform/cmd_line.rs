//! `t:cmdLine`: undoes shell/cmd.exe obfuscation. Quotes, `\` and `^` go;
//! runs of space, `,`, `;`, tab, CR, LF become one space; a space before `/`
//! or `(` goes; everything is lowercased (ASCII).

pub(super) fn cmd_line(input: &[u8]) -> Option<Vec<u8>> {
    let touches = |c: &u8| {
        matches!(
            c,
            b'"' | b'\'' | b'\\' | b'^' | b' ' | b',' | b';' | b'\t' | b'\r' | b'\n'
        ) || c.is_ascii_uppercase()
    };
    if !input.iter().any(touches) {
        return None;
    }
    let mut out = Vec::with_capacity(input.len());
    let mut in_space = false;
    for &c in input {
        match c {
            b'"' | b'\'' | b'\\' | b'^' => {}
            b' ' | b',' | b';' | b'\t' | b'\r' | b'\n' => {
                if !in_space {
                    out.push(b' ');
                    in_space = true;
                }
            }
            b'/' | b'(' => {
                if in_space {
                    out.pop();
                }
                in_space = false;
                out.push(c);
            }
            _ => {
                out.push(c.to_ascii_lowercase());
                in_space = false;
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &[u8]) -> Vec<u8> {
        cmd_line(s).unwrap_or_else(|| s.to_vec())
    }

    #[test]
    fn deobfuscates() {
        assert_eq!(d(b"C^OMMAND /C DIR"), b"command/c dir");
        assert_eq!(d(b"cmd,/c DiR"), b"cmd/c dir");
        assert_eq!(d(b"\"command\" /c DiR"), b"command/c dir");
        assert_eq!(d(b"a ;, \t b (c)"), b"a b(c)");
        assert_eq!(d(b"plain/x(y)"), b"plain/x(y)");
    }
}
