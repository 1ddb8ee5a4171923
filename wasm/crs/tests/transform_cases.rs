//! ModSecurity's own expected outputs for the transformations, ported from
//! the `transformations/*.json` files of owasp-modsecurity/secrules-language-tests
//! (the test corpus of ModSecurity, Apache-2.0), plus the `cmdLine` cases of
//! Coraza's `internal/transformations/testdata/cmdLine.json` (Apache-2.0),
//! ModSecurity having none.
//!
//! The JSON files mix two escape layers (JSON's and the test runner's
//! `\\x..`/`\\u....`); here every case is written as the bytes it means:
//! a NUL written `\u0000` or `\\u0000` there is `\0` here, and a byte shown
//! as a Latin-1 character there is a `\xHH` byte here. Long cases that
//! enumerate all 256 bytes are generated rather than spelled out. The
//! utf8toUnicode file's long lists of characters are represented by a few
//! characters of each list.

use crs::transform::Transform;

fn check(name: &str, input: &[u8], expected: &[u8]) {
    let t = Transform::from_name(name).unwrap_or_else(|| panic!("unknown {}", name));
    let got = t.apply(input);
    let shown = got.as_deref().unwrap_or(input);
    assert_eq!(
        shown,
        expected,
        "t:{} on {:?}: got {:?}, want {:?}",
        name,
        String::from_utf8_lossy(input),
        String::from_utf8_lossy(shown),
        String::from_utf8_lossy(expected)
    );
    assert_eq!(
        got.is_none(),
        input == expected,
        "t:{} None iff unchanged",
        name
    );
}

fn table(name: &str, cases: &[(&[u8], &[u8])]) {
    for (input, expected) in cases {
        check(name, input, expected);
    }
}

/// The bytes 0x00-0xFF in order.
fn all_bytes() -> Vec<u8> {
    (0..=255u8).collect()
}

fn percent_table(prefix: &str) -> Vec<u8> {
    let mut s = b"+".to_vec();
    for b in 0..=255u8 {
        s.extend_from_slice(format!("{}{:02x}", prefix, b).as_bytes());
    }
    s
}

fn space_then_all_bytes() -> Vec<u8> {
    let mut v = b" ".to_vec();
    v.extend(all_bytes());
    v
}

const URL_DECODE_COMMON: &[(&[u8], &[u8])] = &[
    (b"", b""),
    (b"TestCase", b"TestCase"),
    (b"Test\0Case", b"Test\0Case"),
    (b"Test+Case", b"Test Case"),
    (b"%+", b"% "),
    (b"%%20", b"% "),
    (b"%0g%20", b"%0g "),
    (b"%0%20", b"%0 "),
    (b"%g0%20", b"%g0 "),
    (b"%g%20", b"%g "),
    (
        b"%0%1%2%3%4%5%6%7%8%9%0%a%b%c%d%e%f",
        b"%0%1%2%3%4%5%6%7%8%9%0%a%b%c%d%e%f",
    ),
    (
        b"%g0%g1%g2%g3%g4%g5%g6%g7%g8%g9%g0%ga%gb%gc%gd%ge%gf",
        b"%g0%g1%g2%g3%g4%g5%g6%g7%g8%g9%g0%ga%gb%gc%gd%ge%gf",
    ),
    (
        b"%0g%1g%2g%3g%4g%5g%6g%7g%8g%9g%0g%ag%bg%cg%dg%eg%fg",
        b"%0g%1g%2g%3g%4g%5g%6g%7g%8g%9g%0g%ag%bg%cg%dg%eg%fg",
    ),
    (b"%", b"%"),
    (b"%0", b"%0"),
    (b"%%", b"%%"),
    (b"%0g", b"%0g"),
    (b"%gg", b"%gg"),
];

#[test]
fn url_decode() {
    table("urlDecode", URL_DECODE_COMMON);
    check("urlDecode", &percent_table("%"), &space_then_all_bytes());
}

#[test]
fn url_decode_uni() {
    table("urlDecodeUni", URL_DECODE_COMMON);
    table(
        "urlDecodeUni",
        &[
            (b"%%u0020", b"% "),
            (b"%0g%u0020", b"%0g "),
            (b"%0%u0020", b"%0 "),
            (b"%g0%u0020", b"%g0 "),
            (b"%u%u0020", b"%u "),
            (b"%u0%u0020", b"%u0 "),
            (b"%u00%u0020", b"%u00 "),
            (b"%u000%u0020", b"%u000 "),
            (b"%u000g%u0020", b"%u000g "),
        ],
    );
    check("urlDecodeUni", &percent_table("%"), &space_then_all_bytes());
    check(
        "urlDecodeUni",
        &percent_table("%u00"),
        &space_then_all_bytes(),
    );
    // Only the low byte counts.
    check(
        "urlDecodeUni",
        &percent_table("%u11"),
        &space_then_all_bytes(),
    );
    // Full-width ASCII U+FF01-U+FF5E is ASCII 0x21-0x7E.
    let full_width: Vec<u8> = (0x01..=0x5eu8)
        .flat_map(|b| format!("%uff{:02x}", b).into_bytes())
        .collect();
    let ascii: Vec<u8> = (0x21..=0x7eu8).collect();
    check("urlDecodeUni", &full_width, &ascii);
    // The rest of U+FFxx keeps its low byte.
    let mut rest = b"%uff00".to_vec();
    let mut rest_out = vec![0u8];
    for b in 0x7f..=0xffu8 {
        rest.extend_from_slice(format!("%uff{:02x}", b).as_bytes());
        rest_out.push(b);
    }
    check("urlDecodeUni", &rest, &rest_out);
}

#[test]
fn html_entity_decode() {
    table(
        "htmlEntityDecode",
        &[
            (b"", b""),
            (b"TestCase", b"TestCase"),
            (b"Test\0Case", b"Test\0Case"),
            (
                b"&#x0;&#X0;&#x20;&#X20;&#0;&#32;\0&#100;&quot;&amp;&lt;&gt;&nbsp;",
                b"\0\0  \0 \0d\"&<>\xa0",
            ),
            (
                b"&#x0&#X0&#x20&#X20&#0&#32\0&#100&quot&amp&lt&gt&nbsp",
                b"\0\0  \0 \0d\"&<>\xa0",
            ),
            (
                b"&#xg;&#Xg;&#xg0;&#X2g;&#a;\0&#a2;&#3a&#a00;&#1a0;&#10a;&foo;",
                b"&#xg;&#Xg;&#xg0;\x02g;&#a;\0&#a2;\x03a&#a00;\x01a0;\na;&foo;",
            ),
            (
                b"&#xg&#Xg&#xg0&#X2g&#a\0&#a2&#3a&#a00&#1a0&#10a&foo",
                b"&#xg&#Xg&#xg0\x02g&#a\0&#a2\x03a&#a00\x01a0\na&foo",
            ),
        ],
    );
}

#[test]
fn js_decode() {
    table(
        "jsDecode",
        &[
            (b"", b""),
            (b"TestCase", b"TestCase"),
            (b"Test\0Case", b"Test\0Case"),
            (
                br#"\a\b\f\n\r\t\v\?\'\"\0\12\123\x00\xff\u0021\uff01"#,
                b"\x07\x08\x0c\n\r\t\x0b?'\"\0\nS\0\xff!!",
            ),
            (
                b"\\a\\b\\f\\n\\r\\t\\v\0\\?\\'\\\"\\0\\12\\123\\x00\\xff\\u0021\\uff01",
                b"\x07\x08\x0c\n\r\t\x0b\0?'\"\0\nS\0\xff!!",
            ),
            (
                br"\8\9\666\u00ag\u00ga\u0zaa\uz0aa\xag\xga\0123\u00a",
                b"8966u00agu00gau0zaauz0aaxagxga\n3u00a",
            ),
            (br"\x", b"x"),
            (br"\x\x0", b"xx0"),
            (b"\\x\\x0\0", b"xx0\0"),
            (br"\u", b"u"),
            (br"\u\u0", b"uu0"),
            (br"\u\u0\u01", b"uu0u01"),
            (br"\u\u0\u01\u012", b"uu0u01u012"),
            (b"\\u\\u0\\u01\\u012\0", b"uu0u01u012\0"),
            (br"\", br"\"),
            (br"\\0", br"\0"),
        ],
    );
}

#[test]
fn css_decode() {
    table(
        "cssDecode",
        &[
            (b"", b""),
            (b"TestCase", b"TestCase"),
            (b"Test\0Case", b"Test\0Case"),
            (
                b"test\\a\\b\\f\\n\\r\\t\\v\\?\\'\\\"\\0\\12\\123\\1234\\12345\\123456\\ff01\\ff5e\\\n\\0  string",
                b"test\n\x0b\x0fnrtv?'\"\0\x12#4EV!~\0 string",
            ),
            (br"test\", b"test"),
            (br"\1A\1 A\1234567\123456 7\1x\1 x", b"\x1a\x01AV7V7\x01x\x01x"),
        ],
    );
}

#[test]
fn escape_seq_decode() {
    table(
        "escapeSeqDecode",
        &[
            (b"", b""),
            (b"TestCase", b"TestCase"),
            (b"Test\0Case", b"Test\0Case"),
            (
                br#"\a\b\f\n\r\t\v\?\'\"\0\12\123\x00\xff"#,
                b"\x07\x08\x0c\n\r\t\x0b?'\"\0\nS\0\xff",
            ),
            (
                b"\\a\\b\\f\\n\\r\\t\\v\0\\?\\'\\\"\\0\\12\\123\\x00\\xff",
                b"\x07\x08\x0c\n\r\t\x0b\0?'\"\0\nS\0\xff",
            ),
            (br"\8\9\666\xag\xga\0123", b"89\xb6xagxga\n3"),
            (br"\x", b"x"),
            (br"\x\x0", b"xx0"),
            (b"\\x\\x0\0", b"xx0\0"),
            (br"\0", b"\0"),
            (br"\01", b"\x01"),
            (br"\012", b"\n"),
            (br"\", br"\"),
            (br"\\u0000", br"\u0000"),
        ],
    );
}

#[test]
fn hex_decode_and_encode() {
    table(
        "hexDecode",
        &[
            (b"", b""),
            (b"5465737443617365", b"TestCase"),
            (b"546573740043617365", b"Test\0Case"),
            (
                b"01234567890a0z01234567890a",
                b"\x01#Eg\x89\n#\x01#Eg\x89\n",
            ),
            (b"01234567890az", b"\x01#Eg\x89\n"),
            (b"01234567890a0", b"\x01#Eg\x89\n"),
        ],
    );
    table(
        "hexEncode",
        &[
            (b"", b""),
            (b"TestCase", b"5465737443617365"),
            (b"Test\0Case", b"546573740043617365"),
        ],
    );
}

#[test]
fn length() {
    table(
        "length",
        &[
            (b"", b"0"),
            (b"0123456789abcdef", b"16"),
            (b"0123456789\tabcdef", b"17"),
            (b"Test\0Case", b"9"),
        ],
    );
}

#[test]
fn normalize_path() {
    table(
        "normalizePath",
        &[
            (b"", b""),
            (b"/foo/bar/baz", b"/foo/bar/baz"),
            (b"/foo/bar\0/baz", b"/foo/bar\0/baz"),
            (b"x", b"x"),
            (b".", b""),
            (b"./", b""),
            (b"./..", b".."),
            (b"./../", b"../"),
            (b"..", b".."),
            (b"../", b"../"),
            (b"../.", b".."),
            (b".././", b"../"),
            (b"../..", b"../.."),
            (b"../../", b"../../"),
            (b"/dir/foo//bar", b"/dir/foo/bar"),
            (b"dir/foo//bar/", b"dir/foo/bar/"),
            (b"dir/../foo", b"foo"),
            (b"dir/../../foo", b"../foo"),
            (b"dir/./.././../../foo/bar", b"../../foo/bar"),
            (b"dir/./.././../../foo/bar/.", b"../../foo/bar"),
            (b"dir/./.././../../foo/bar/./", b"../../foo/bar/"),
            (b"dir/./.././../../foo/bar/..", b"../../foo"),
            (b"dir/./.././../../foo/bar/../", b"../../foo/"),
            (b"dir/./.././../../foo/bar/", b"../../foo/bar/"),
            (b"dir//.//..//.//..//..//foo//bar", b"../../foo/bar"),
            (b"dir//.//..//.//..//..//foo//bar//", b"../../foo/bar/"),
            (b"dir/subdir/subsubdir/subsubsubdir/../../..", b"dir"),
            (b"dir/./subdir/./subsubdir/./subsubsubdir/../../..", b"dir"),
            (b"dir/./subdir/../subsubdir/../subsubsubdir/..", b"dir"),
            (b"/dir/./subdir/../subsubdir/../subsubsubdir/../", b"/dir/"),
            (
                b"/./.././../../../../../../../\0/../etc/./passwd",
                b"/etc/passwd",
            ),
        ],
    );
}

#[test]
fn normalize_path_win() {
    table(
        "normalizePathWin",
        &[
            (b"", b""),
            (br"\foo\bar\baz", b"/foo/bar/baz"),
            (b"\\foo\\bar\0\\baz", b"/foo/bar\0/baz"),
            (b"x", b"x"),
            (b".", b""),
            (br".\", b""),
            (br".\..", b".."),
            (br".\..\", b"../"),
            (b"..", b".."),
            (br"..\", b"../"),
            (br"..\.", b".."),
            (br"..\.\", b"../"),
            (br"..\..", b"../.."),
            (br"..\..\", b"../../"),
            (br"\dir\foo\\bar", b"/dir/foo/bar"),
            (br"dir\foo\\bar\", b"dir/foo/bar/"),
            (br"dir\..\foo", b"foo"),
            (br"dir\..\..\foo", b"../foo"),
            (br"dir\.\..\.\..\..\foo\bar", b"../../foo/bar"),
            (br"dir\.\..\.\..\..\foo\bar\.", b"../../foo/bar"),
            (br"dir\.\..\.\..\..\foo\bar\.\", b"../../foo/bar/"),
            (br"dir\.\..\.\..\..\foo\bar\..", b"../../foo"),
            (br"dir\.\..\.\..\..\foo\bar\..\", b"../../foo/"),
            (br"dir\.\..\.\..\..\foo\bar\", b"../../foo/bar/"),
            (br"dir\\.\\..\\.\\..\\..\\foo\\bar", b"../../foo/bar"),
            (br"dir\\.\\..\\.\\..\\..\\foo\\bar\\", b"../../foo/bar/"),
            (br"dir\subdir\subsubdir\subsubsubdir\..\..\..", b"dir"),
            (br"dir\.\subdir\.\subsubdir\.\subsubsubdir\..\..\..", b"dir"),
            (br"dir\.\subdir\..\subsubdir\..\subsubsubdir\..", b"dir"),
            (br"\dir\.\subdir\..\subsubdir\..\subsubsubdir\..\", b"/dir/"),
            (
                br"\.\..\.\..\..\..\..\..\..\..\\0\..\etc\.\passwd",
                b"/etc/passwd",
            ),
        ],
    );
}

#[test]
fn base64_decode() {
    table(
        "base64Decode",
        &[
            (b"", b""),
            (b"VGVzdENhc2U=", b"TestCase"),
            (b"VGVzdENhc2Ux", b"TestCase1"),
            (b"VGVzdENhc2UxMg==", b"TestCase12"),
            (b"VGVzdABDYXNl", b"Test\0Case"),
            (b"VGVzdENhc2U=\0VGVzdENhc2U=", b"TestCase"),
        ],
    );
}

#[test]
fn base64_decode_ext() {
    table(
        "base64DecodeExt",
        &[
            (b"", b""),
            (b"VGVzdENhc2U=", b"TestCase"),
            (b"VGVzdENhc2Ux", b"TestCase1"),
            (b"VGVzdENhc2UxMg==", b"TestCase12"),
            (
                b"P.HNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
                b"<script>alert(1)</script>",
            ),
            (b"VGVzdABDYXNl", b"Test\0Case"),
            (b"dzBzV==YWxlcnQoMSk=", b""),
            (
                b"eyJwIjoieHh-IiwiYWxnIjoibm9uZSIsInR5cCI6IkpXVCJ9",
                b"{\"p\":\"xx~\",\"alg\":\"none\",\"typ\":\"JWT\"}",
            ),
        ],
    );
}

#[test]
fn compress_whitespace() {
    table(
        "compressWhitespace",
        &[
            (b"", b""),
            (b"TestCase", b"TestCase"),
            (b"Test\0Case", b"Test\0Case"),
            (b"Test Case", b"Test Case"),
            (b"  Test  \t   Case  ", b" Test Case "),
            (
                b"This is a   test case with a tab \t, vtab \x0b, newline \n, return \r, formfeed \x0c, and a NUL\0 in it with a CRLF at the end.\r\n",
                b"This is a test case with a tab , vtab , newline , return , formfeed , and a NUL\0 in it with a CRLF at the end. ",
            ),
        ],
    );
}

#[test]
fn remove_comments() {
    table(
        "removeComments",
        &[
            (b"", b""),
            (b"TestCase", b"TestCase"),
            (b"Test\0Case", b"Test\0Case"),
            (b"/* TestCase */", b""),
            (b"/*TestCase*/", b""),
            (b"/* TestCase*/", b""),
            (b"/*TestCase */", b""),
            (b"Before/* TestCase */After", b"BeforeAfter"),
            (b"Before TestCase */ After", b"Before TestCase */ After"),
            (b"/* Test\\nCase */", b""),
            (b"/* Test\r\nCase */", b""),
            (b"/* Test\nCase */", b""),
            (b"/* Test\rCase */", b""),
            (b"/*Before/* Test\r\nCase ", b" "),
            (b"Before /* Test\nCase ", b"Before  "),
            (
                b"Before/* T*/ /* e */ /* s */ /* t */\r\nCase ",
                b"Before   \r\nCase ",
            ),
            (
                b"Before /* */ ops */ Test\nCase ",
                b"Before  ops */ Test\nCase ",
            ),
            (b"/*Test\r\nCase */After", b"After"),
            (b"Test\nCase /**/ After", b"Test\nCase  After"),
            (b"Test\r\nCase */After", b"Test\r\nCase */After"),
            (b"Test/*\nCase */ After", b"Test After"),
            (b"SELECT/**//**/UNION", b"SELECTUNION"),
            (b"foo<!-- comment 1 --><!-- comment 2 -->bar", b"foobar"),
        ],
    );
}

#[test]
fn replace_comments() {
    table(
        "replaceComments",
        &[
            (b"", b""),
            (b"TestCase", b"TestCase"),
            (b"Test\0Case", b"Test\0Case"),
            (b"/* TestCase */", b" "),
            (b"/*TestCase*/", b" "),
            (b"/* TestCase*/", b" "),
            (b"/*TestCase */", b" "),
            (b"Before/* TestCase */After", b"Before After"),
            (b"Before /* TestCase */ After", b"Before   After"),
            (b"/* Test\nCase */", b" "),
            (b"/* Test\r\nCase */", b" "),
            (b"/* Test\rCase */", b" "),
            (b"Before/* Test\r\nCase ", b"Before "),
            (b"Before /* Test\nCase ", b"Before  "),
            (b"Test\r\nCase */After", b"Test\r\nCase */After"),
            (b"Test\nCase */ After", b"Test\nCase */ After"),
        ],
    );
}

#[test]
fn nulls() {
    table(
        "removeNulls",
        &[
            (b"", b""),
            (b"TestCase", b"TestCase"),
            (b"Test\x01Case", b"Test\x01Case"),
            (b"\0TestCase", b"TestCase"),
            (b"Test\0Case", b"TestCase"),
            (b"Test\0\0Case", b"TestCase"),
            (b"TestCase\0", b"TestCase"),
            (b"\0Test\0Case\0", b"TestCase"),
        ],
    );
    table(
        "replaceNulls",
        &[
            (b"", b""),
            (b"TestCase", b"TestCase"),
            (b"\0TestCase", b" TestCase"),
            (b"Test\0Case", b"Test Case"),
            (b"Test\0\0Case", b"Test  Case"),
            (b"TestCase\0", b"TestCase "),
            (b"\0Test\0Case\0", b" Test Case "),
        ],
    );
}

#[test]
fn sha1() {
    table(
        "sha1",
        &[
            (
                b"",
                b"\xda\x39\xa3\xee\x5e\x6b\x4b\x0d\x32\x55\xbf\xef\x95\x60\x18\x90\xaf\xd8\x07\x09",
            ),
            (
                b"TestCase",
                b"\xa7\x0c\xe3\x83\x89\xe3\x18\xbd\x2b\xe1\x8a\x01\x11\xc6\xdc\x76\xbd\x2c\xd9\xed",
            ),
            (
                b"\x00\x01\x02\x03\x04\x05\x06\x07\x08",
                b"\x63\xbf\x60\xc7\x10\x5a\x07\xa2\xb1\x25\xbb\xf8\x9e\x61\xab\xda\xbc\x69\x78\xc2",
            ),
        ],
    );
}

#[test]
fn trim() {
    table(
        "trim",
        &[
            (b"", b""),
            (b"TestCase", b"TestCase"),
            (b"Test\0Case", b"Test\0Case"),
            (b"    TestCase", b"TestCase"),
            (b"TestCase    ", b"TestCase"),
            (b"    TestCase    ", b"TestCase"),
            (b"    Test   Case    ", b"Test   Case"),
            (b"    Test \0 Case    ", b"Test \0 Case"),
            (b" \t   Test \0 Case \t  \t   \r\n  ", b"Test \0 Case"),
        ],
    );
    table(
        "trimRight",
        &[
            (b"", b""),
            (b"TestCase", b"TestCase"),
            (b"Test\0Case", b"Test\0Case"),
            (b"    TestCase", b"    TestCase"),
            (b"TestCase    ", b"TestCase"),
            (b"    TestCase    ", b"    TestCase"),
            (b"    Test   Case    ", b"    Test   Case"),
            (b"    Test \0 Case    ", b"    Test \0 Case"),
            (b" \t   Test \0 Case \t  \t   \r\n  ", b" \t   Test \0 Case"),
        ],
    );
}

#[test]
fn utf8_to_unicode() {
    let cases: &[(&str, &[u8])] = &[
        (
            "\u{d0}\u{80} \u{d0}\u{81} \u{d7}\u{b4}",
            b"%u00d0%u0080 %u00d0%u0081 %u00d7%u00b4",
        ),
        ("\u{d8}\u{a8} \u{db}\u{be} ", b"%u00d8%u00a8 %u00db%u00be "),
        (
            "\u{e2}\u{96}\u{a0} \u{e2}\u{97}\u{bf}",
            b"%u00e2%u0096%u00a0 %u00e2%u0097%u00bf",
        ),
        (
            " \u{e2}\u{9c}\u{81} \u{e2}\u{9f}\u{bf}",
            b" %u00e2%u009c%u0081 %u00e2%u009f%u00bf",
        ),
        (
            "\u{100}\u{80} \u{c4}\u{81} \u{c5}\u{bf}",
            b"%u0100%u0080 %u00c4%u0081 %u00c5%u00bf",
        ),
        ("\u{ff1c}script \u{ff1e}", b"%uff1cscript %uff1e"),
    ];
    for (input, expected) in cases {
        check("utf8toUnicode", input.as_bytes(), expected);
    }
}

#[test]
fn cmd_line() {
    table(
        "cmdLine",
        &[
            (b"", b""),
            (b"test", b"test"),
            (b"C^OMMAND /C DIR", b"command/c dir"),
            (b"C^oMMaNd /C DiR", b"command/c dir"),
            (b"cmd,/c DiR", b"cmd/c dir"),
            (b"\"command\" /c DiR", b"command/c dir"),
        ],
    );
}
