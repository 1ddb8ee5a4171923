//! The variables by their SecLang names.

/// A request variable, by its SecLang name ([`Var::from_name`]).
///
/// Collections come first; the rest are scalars (one value, always present).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Var {
    Args,
    ArgsGet,
    ArgsPost,
    ArgsNames,
    ArgsGetNames,
    ArgsPostNames,
    RequestHeaders,
    RequestHeadersNames,
    RequestCookies,
    RequestCookiesNames,
    /// Key: the form field name; value: the file name the client sent.
    Files,
    FilesNames,
    FilesSizes,
    /// Key: the part's field name; value: one header line, `Name: value`.
    MultipartPartHeaders,
    /// Keys `/*` (the text of the whole document, one member) and `//@*`
    /// (one member per attribute value): the two XPaths the CRS uses.
    Xml,
    RequestMethod,
    RequestProtocol,
    RequestLine,
    RequestUri,
    RequestUriRaw,
    RequestFilename,
    RequestBasename,
    QueryString,
    RequestBody,
    RequestBodyLength,
    ArgsCombinedSize,
    FilesCombinedSize,
    FullRequestLength,
    ReqbodyProcessor,
    ReqbodyError,
    ReqbodyErrorMsg,
    ReqbodyProcessorError,
    ReqbodyProcessorErrorMsg,
    MultipartStrictError,
    MultipartUnmatchedBoundary,
    MultipartBoundaryQuoted,
    MultipartBoundaryWhitespace,
    MultipartDataBefore,
    MultipartDataAfter,
    MultipartHeaderFolding,
    MultipartLfLine,
    MultipartCrlfLfLines,
    MultipartMissingSemicolon,
    MultipartInvalidQuoting,
    MultipartInvalidPart,
    MultipartInvalidHeaderFolding,
    MultipartFileLimitExceeded,
    RemoteAddr,
    UniqueId,
}

pub(super) const FIRST_SCALAR: usize = Var::RequestMethod as usize;
pub(super) const SCALARS: usize = Var::UniqueId as usize + 1 - FIRST_SCALAR;

/// SecLang names, in [`Var`] order, then aliases.
const NAMES: &[(&str, Var)] = &[
    ("ARGS", Var::Args),
    ("ARGS_GET", Var::ArgsGet),
    ("ARGS_POST", Var::ArgsPost),
    ("ARGS_NAMES", Var::ArgsNames),
    ("ARGS_GET_NAMES", Var::ArgsGetNames),
    ("ARGS_POST_NAMES", Var::ArgsPostNames),
    ("REQUEST_HEADERS", Var::RequestHeaders),
    ("REQUEST_HEADERS_NAMES", Var::RequestHeadersNames),
    ("REQUEST_COOKIES", Var::RequestCookies),
    ("REQUEST_COOKIES_NAMES", Var::RequestCookiesNames),
    ("FILES", Var::Files),
    ("FILES_NAMES", Var::FilesNames),
    ("FILES_SIZES", Var::FilesSizes),
    ("MULTIPART_PART_HEADERS", Var::MultipartPartHeaders),
    ("XML", Var::Xml),
    ("REQUEST_METHOD", Var::RequestMethod),
    ("REQUEST_PROTOCOL", Var::RequestProtocol),
    ("REQUEST_LINE", Var::RequestLine),
    ("REQUEST_URI", Var::RequestUri),
    ("REQUEST_URI_RAW", Var::RequestUriRaw),
    ("REQUEST_FILENAME", Var::RequestFilename),
    ("REQUEST_BASENAME", Var::RequestBasename),
    ("QUERY_STRING", Var::QueryString),
    ("REQUEST_BODY", Var::RequestBody),
    ("REQUEST_BODY_LENGTH", Var::RequestBodyLength),
    ("ARGS_COMBINED_SIZE", Var::ArgsCombinedSize),
    ("FILES_COMBINED_SIZE", Var::FilesCombinedSize),
    ("FULL_REQUEST_LENGTH", Var::FullRequestLength),
    ("REQBODY_PROCESSOR", Var::ReqbodyProcessor),
    ("REQBODY_ERROR", Var::ReqbodyError),
    ("REQBODY_ERROR_MSG", Var::ReqbodyErrorMsg),
    ("REQBODY_PROCESSOR_ERROR", Var::ReqbodyProcessorError),
    ("REQBODY_PROCESSOR_ERROR_MSG", Var::ReqbodyProcessorErrorMsg),
    ("MULTIPART_STRICT_ERROR", Var::MultipartStrictError),
    (
        "MULTIPART_UNMATCHED_BOUNDARY",
        Var::MultipartUnmatchedBoundary,
    ),
    ("MULTIPART_BOUNDARY_QUOTED", Var::MultipartBoundaryQuoted),
    (
        "MULTIPART_BOUNDARY_WHITESPACE",
        Var::MultipartBoundaryWhitespace,
    ),
    ("MULTIPART_DATA_BEFORE", Var::MultipartDataBefore),
    ("MULTIPART_DATA_AFTER", Var::MultipartDataAfter),
    ("MULTIPART_HEADER_FOLDING", Var::MultipartHeaderFolding),
    ("MULTIPART_LF_LINE", Var::MultipartLfLine),
    ("MULTIPART_CRLF_LF_LINES", Var::MultipartCrlfLfLines),
    (
        "MULTIPART_MISSING_SEMICOLON",
        Var::MultipartMissingSemicolon,
    ),
    ("MULTIPART_INVALID_QUOTING", Var::MultipartInvalidQuoting),
    ("MULTIPART_INVALID_PART", Var::MultipartInvalidPart),
    (
        "MULTIPART_INVALID_HEADER_FOLDING",
        Var::MultipartInvalidHeaderFolding,
    ),
    (
        "MULTIPART_FILE_LIMIT_EXCEEDED",
        Var::MultipartFileLimitExceeded,
    ),
    ("REMOTE_ADDR", Var::RemoteAddr),
    ("UNIQUE_ID", Var::UniqueId),
    (
        "MULTIPART_SEMICOLON_MISSING",
        Var::MultipartMissingSemicolon,
    ),
];

impl Var {
    /// Every variable, collections first.
    pub const ALL: [Var; FIRST_SCALAR + SCALARS] = {
        let mut all = [Var::Args; FIRST_SCALAR + SCALARS];
        let mut i = 0;
        while i < all.len() {
            all[i] = NAMES[i].1;
            i += 1;
        }
        all
    };

    /// The variable SecLang calls `name` (any case), if this module has it.
    pub fn from_name(name: &str) -> Option<Var> {
        NAMES
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|&(_, v)| v)
    }

    /// The SecLang name, upper case (`MATCHED_VAR_NAME` uses it).
    pub fn name(self) -> &'static str {
        NAMES[self as usize].0
    }

    pub fn is_collection(self) -> bool {
        (self as usize) < FIRST_SCALAR
    }
}
