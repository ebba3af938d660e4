//! What kind of code a constant is, and which integer constants are
//! error-shaped at all.

use std::fmt;

/// The kind of code a reference constant is: which number space its value
/// lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CodeKind {
    /// An HRESULT: severity bit, facility and code (`WU_E_*`, `E_FAIL`,
    /// `BG_E_*`).
    Hresult,
    /// A Win32 error code, as `GetLastError` returns it (`ERROR_*`, `NERR_*`,
    /// `RPC_S_*`, `WSAE*`).
    Win32Error,
    /// An NTSTATUS (`STATUS_*`).
    NtStatus,
    /// Another integer: an HTTP status (`HTTP_STATUS_*`), or a number the
    /// definition gives no type for.
    Integer,
}

impl CodeKind {
    /// Every kind, in the order of the enum.
    pub const ALL: [CodeKind; 4] = [
        CodeKind::Hresult,
        CodeKind::Win32Error,
        CodeKind::NtStatus,
        CodeKind::Integer,
    ];

    /// The kind as the data files and reports write it: `HRESULT`,
    /// `WIN32_ERROR`, `NTSTATUS` or `integer`.
    pub const fn as_str(self) -> &'static str {
        match self {
            CodeKind::Hresult => "HRESULT",
            CodeKind::Win32Error => "WIN32_ERROR",
            CodeKind::NtStatus => "NTSTATUS",
            CodeKind::Integer => "integer",
        }
    }

    /// Reads the text [`CodeKind::as_str`] writes.
    pub fn from_text(text: &str) -> Option<CodeKind> {
        CodeKind::ALL.into_iter().find(|kind| kind.as_str() == text)
    }
}

impl fmt::Display for CodeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Name prefixes of Win32 error codes (the `GetLastError` number space)
/// that the SDK metadata declares as plain integers rather than as
/// `WIN32_ERROR`: WinINet and WinHTTP's `ERROR_INTERNET_*` and
/// `ERROR_WINHTTP_*`, RAS, DHCP, MSI, netsh, LAN Manager's `NERR_*`, RPC's
/// `RPC_S_*`/`RPC_X_*`/`EPT_S_*`, Winsock's `WSAE*`.
const WIN32_PREFIXES: [&str; 6] = ["ERROR_", "NERR_", "RPC_S_", "RPC_X_", "EPT_S_", "WSAE"];

/// `ERROR_*` names that are masks or ranges rather than codes:
/// `ERROR_SEVERITY_ERROR` (`0xC0000000`) is the severity field of an
/// NTSTATUS, `ERROR_SOURCE_*` are Windows Search's source bits,
/// `ERROR_SPECF_*` QoS flags.
const NOT_CODES: [&str; 3] = ["ERROR_SEVERITY_", "ERROR_SOURCE_", "ERROR_SPECF_"];

/// Decides whether an integer constant (one the definition gives no
/// `HRESULT`/`WIN32_ERROR`/`NTSTATUS` type) is an error or status code,
/// and of which kind, from its name and value.
///
/// The rules come from looking at the Windows SDK metadata
/// (Win32Metadata 63.0.31), where many codes are declared as plain `i32`
/// or `u32` (all of `BG_E_*`, WinHTTP's `ERROR_WINHTTP_*`, `NERR_*`), next to
/// tens of thousands of flags and sizes:
///
/// - the HRESULT naming convention, an `E` or `S` word after the facility
///   (`BG_E_*`, `DB_S_*`, `E_*`): an HRESULT when the value agrees with the
///   name, that is `_E_` with the severity bit set, `_S_` without it and
///   with a facility. The value test drops what only looks like the
///   convention: `MAPI_E_FAILURE` = 2 (Simple MAPI's own numbers),
///   `S_NORMAL` = 0 (sound APIs), `AA_S_OPEN` (audit flags);
/// - the Win32 prefixes `ERROR_`, `NERR_`, `RPC_S_`, `RPC_X_`, `EPT_S_` and
///   `WSAE`, minus the masks `ERROR_SEVERITY_*`, `ERROR_SOURCE_*` and
///   `ERROR_SPECF_*`: a Win32 error when the value fits in 16 bits, an HRESULT
///   when the severity bit is set (WinRM's `ERROR_WSMAN_*` are
///   `0x8033xxxx`, MSI's `ERROR_PATCH_*` `0xC00Exxxx`);
/// - `HTTP_STATUS_*`: HTTP statuses, kept as [`CodeKind::Integer`] because
///   BITS and WinHTTP descriptions quote them.
///
/// Anything else is not error-shaped (`None`).
pub fn classify_integer_constant(name: &str, value: u32) -> Option<CodeKind> {
    let name = name.trim();
    let failure = value & 0x8000_0000 != 0;
    let facility = (value >> 16) & 0x7FF;
    // The word first (`E_FAIL`) or after another (`WU_E_NO_SERVICE`).
    let has_word = |first: &str, inner: &str| name.starts_with(first) || name.contains(inner);
    if has_word("E_", "_E_") && failure {
        return Some(CodeKind::Hresult);
    }
    if has_word("S_", "_S_") && !failure && facility != 0 {
        return Some(CodeKind::Hresult);
    }
    if WIN32_PREFIXES.iter().any(|prefix| name.starts_with(prefix))
        && !NOT_CODES.iter().any(|prefix| name.starts_with(prefix))
    {
        if value <= 0xFFFF {
            return Some(CodeKind::Win32Error);
        }
        if failure {
            return Some(CodeKind::Hresult);
        }
        return None;
    }
    if name.starts_with("HTTP_STATUS_") {
        return Some(CodeKind::Integer);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_text() {
        for kind in CodeKind::ALL {
            assert_eq!(CodeKind::from_text(kind.as_str()), Some(kind));
        }
        assert_eq!(CodeKind::from_text("hresult"), None);
    }

    #[test]
    fn hresult_convention_needs_a_value_that_agrees() {
        assert_eq!(
            classify_integer_constant("BG_E_NOT_FOUND", 0x8020_0001),
            Some(CodeKind::Hresult)
        );
        assert_eq!(
            classify_integer_constant("E_UNEXPECTED", 0x8000_FFFF),
            Some(CodeKind::Hresult)
        );
        assert_eq!(classify_integer_constant("MAPI_E_FAILURE", 2), None);
        assert_eq!(
            classify_integer_constant("DB_S_ENDOFROWSET", 0x0004_0EC6),
            Some(CodeKind::Hresult)
        );
        assert_eq!(classify_integer_constant("S_NORMAL", 0), None);
        assert_eq!(classify_integer_constant("AA_S_OPEN", 16), None);
        // A word that merely contains the letters is not the convention.
        assert_eq!(classify_integer_constant("SOME_EXTRA", 0x8000_0001), None);
    }

    #[test]
    fn win32_prefixes_by_value() {
        assert_eq!(
            classify_integer_constant("ERROR_WINHTTP_TIMEOUT", 12002),
            Some(CodeKind::Win32Error)
        );
        assert_eq!(
            classify_integer_constant("NERR_BASE", 2100),
            Some(CodeKind::Win32Error)
        );
        assert_eq!(
            classify_integer_constant("WSAEINTR", 10004),
            Some(CodeKind::Win32Error)
        );
        assert_eq!(
            classify_integer_constant("ERROR_WSMAN_RESOURCE_NOT_FOUND", 0x8033_8000),
            Some(CodeKind::Hresult)
        );
        assert_eq!(
            classify_integer_constant("ERROR_SEVERITY_ERROR", 0xC000_0000),
            None
        );
        assert_eq!(classify_integer_constant("ERROR_ODD", 0x0001_0000), None);
        assert_eq!(
            classify_integer_constant("HTTP_STATUS_NOT_FOUND", 404),
            Some(CodeKind::Integer)
        );
        assert_eq!(classify_integer_constant("WSA_FLAG_OVERLAPPED", 1), None);
    }
}
