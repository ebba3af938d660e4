//! Facts about symbolic names that several stages use: which names stand
//! for "no name", and the HTTP statuses that `HTTP_STATUS_*` names mean.

/// Names that stand for "no name".
const PLACEHOLDERS: &[&str] = &[
    "NULL", "NONE", "N/A", "NA", "TBD", "TODO", "-", "?", "UNKNOWN",
];

/// True when `name` is empty or a placeholder (`NULL`, `N/A`, ...).
pub fn is_placeholder_name(name: &str) -> bool {
    let name = name.trim();
    name.is_empty() || PLACEHOLDERS.iter().any(|p| p.eq_ignore_ascii_case(name))
}

/// HTTP status constants of winhttp.h (`HTTP_STATUS_*`), by name suffix.
const HTTP_STATUS: &[(&str, u32)] = &[
    ("CONTINUE", 100),
    ("SWITCH_PROTOCOLS", 101),
    ("OK", 200),
    ("CREATED", 201),
    ("ACCEPTED", 202),
    ("PARTIAL", 203),
    ("NO_CONTENT", 204),
    ("RESET_CONTENT", 205),
    ("PARTIAL_CONTENT", 206),
    ("AMBIGUOUS", 300),
    ("MOVED", 301),
    ("REDIRECT", 302),
    ("REDIRECT_METHOD", 303),
    ("NOT_MODIFIED", 304),
    ("USE_PROXY", 305),
    ("REDIRECT_KEEP_VERB", 307),
    ("BAD_REQUEST", 400),
    ("DENIED", 401),
    ("PAYMENT_REQ", 402),
    ("FORBIDDEN", 403),
    ("NOT_FOUND", 404),
    ("BAD_METHOD", 405),
    ("NONE_ACCEPTABLE", 406),
    ("PROXY_AUTH_REQ", 407),
    ("REQUEST_TIMEOUT", 408),
    ("CONFLICT", 409),
    ("GONE", 410),
    ("LENGTH_REQUIRED", 411),
    ("PRECOND_FAILED", 412),
    ("REQUEST_TOO_LARGE", 413),
    ("URI_TOO_LONG", 414),
    ("UNSUPPORTED_MEDIA", 415),
    ("RETRY_WITH", 449),
    ("SERVER_ERROR", 500),
    ("NOT_SUPPORTED", 501),
    ("BAD_GATEWAY", 502),
    ("SERVICE_UNAVAIL", 503),
    ("GATEWAY_TIMEOUT", 504),
    ("VERSION_NOT_SUP", 505),
];

/// The HTTP status a name such as `WU_E_PT_HTTP_STATUS_NOT_SUPPORTED`
/// stands for, from winhttp.h: the name part after `HTTP_STATUS_` and its
/// number.
pub fn http_status_of(name: &str) -> Option<(&str, u32)> {
    let (_, suffix) = name.split_once("HTTP_STATUS_")?;
    HTTP_STATUS
        .iter()
        .find(|(n, _)| *n == suffix)
        .map(|(n, v)| (*n, *v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_http_statuses() {
        assert!(is_placeholder_name(" n/a "));
        assert!(is_placeholder_name(""));
        assert!(!is_placeholder_name("ERROR_SUCCESS"));
        assert_eq!(
            http_status_of("WU_E_PT_HTTP_STATUS_NOT_SUPPORTED"),
            Some(("NOT_SUPPORTED", 501))
        );
        assert_eq!(
            http_status_of("OM_E_PT_HTTP_STATUS_GATEWAY_TIMEOUT"),
            Some(("GATEWAY_TIMEOUT", 504))
        );
        assert_eq!(http_status_of("OM_E_NO_SERVICE"), None);
    }
}
