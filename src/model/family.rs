//! Code families: which body of error codes a symbolic name belongs to.

use serde::Serialize;

use super::HResult;

/// The family of an error code, read from its symbolic name's prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Family {
    /// Windows Update Agent (`WU_*`), facility `0x024`.
    #[serde(rename = "WU")]
    Wu,
    /// Intune's copy of the update agent codes (`OM_*`), facility `0x0CF`.
    #[serde(rename = "OM")]
    Om,
    /// Intune client codes (`OMC_*`), facility `0x0AF`.
    #[serde(rename = "OMC")]
    Omc,
    /// Background Intelligent Transfer Service (`BG_*`).
    #[serde(rename = "BITS")]
    Bits,
    /// WinINet errors (`ERROR_INTERNET_*`), Win32 codes 12000 to 12175.
    #[serde(rename = "WinINet")]
    WinInet,
    /// WinHTTP errors (`ERROR_WINHTTP_*`).
    #[serde(rename = "WinHTTP")]
    WinHttp,
    /// Windows Sockets (`WSA*`).
    #[serde(rename = "Winsock")]
    Winsock,
    /// COM and OLE (`E_*`, `CO_E_*`, `REGDB_E_*`, ...).
    #[serde(rename = "COM")]
    Com,
    /// Win32 system errors (`ERROR_*`, `RPC_*`, `EPT_*`, `NERR_*`, ...).
    #[serde(rename = "Win32")]
    Win32,
    /// No known prefix.
    #[serde(rename = "unknown")]
    Unknown,
}

impl Family {
    /// Classifies a symbolic name. Case-insensitive, because documentation
    /// writes `Error_Invalid_Name` for `ERROR_INVALID_NAME`.
    pub fn of_name(name: &str) -> Family {
        let upper = name.trim().to_ascii_uppercase();
        let starts = |prefix: &str| upper.starts_with(prefix);
        if starts("WU_") {
            Family::Wu
        } else if starts("OMC_") {
            Family::Omc
        } else if starts("OM_") {
            Family::Om
        } else if starts("BG_") {
            Family::Bits
        } else if starts("ERROR_INTERNET_") {
            Family::WinInet
        } else if starts("ERROR_WINHTTP_") {
            Family::WinHttp
        } else if starts("WSA") {
            Family::Winsock
        } else if starts("E_") || starts("CO_E_") || starts("REGDB_E_") || starts("RPC_E_") {
            Family::Com
        } else if starts("ERROR_")
            || starts("RPC_")
            || starts("EPT_")
            || starts("NERR_")
            || upper == "SUCCESS"
        {
            Family::Win32
        } else {
            Family::Unknown
        }
    }

    /// The family's name as written in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Wu => "WU",
            Family::Om => "OM",
            Family::Omc => "OMC",
            Family::Bits => "BITS",
            Family::WinInet => "WinINet",
            Family::WinHttp => "WinHTTP",
            Family::Winsock => "Winsock",
            Family::Com => "COM",
            Family::Win32 => "Win32",
            Family::Unknown => "unknown",
        }
    }

    /// The facilities a code of this family may carry. Empty where the family
    /// spans many facilities.
    pub fn facilities(self) -> &'static [u16] {
        match self {
            Family::Wu => &[0x024],
            Family::Om => &[0x0CF],
            Family::Omc => &[0x0AF],
            // BITS uses its own facility and FACILITY_HTTP for HTTP statuses.
            Family::Bits => &[0x020, 0x019],
            // These appear bare (facility 0) or wrapped as HRESULTs
            // (FACILITY_WIN32).
            Family::WinInet | Family::WinHttp | Family::Winsock => &[0x000, 0x007],
            // ERROR_* names also name HRESULTs of other facilities
            // (ERROR_NDIS_*, ERROR_GRAPHICS_*): no facility is wrong for them.
            Family::Win32 | Family::Com | Family::Unknown => &[],
        }
    }

    /// The mirrored family: `WU` codes and `OM` codes are the same codes
    /// under facilities `0x024` and `0x0CF`.
    pub fn counterpart(self) -> Option<(Family, u16)> {
        let other = match self {
            Family::Wu => Family::Om,
            Family::Om => Family::Wu,
            _ => return None,
        };
        Some((other, *other.facilities().first()?))
    }

    /// The name's prefix that says the family (`WU_`, `OM_`), for families
    /// whose names mirror each other.
    pub fn prefix(self) -> Option<&'static str> {
        match self {
            Family::Wu => Some("WU_"),
            Family::Om => Some("OM_"),
            Family::Omc => Some("OMC_"),
            _ => None,
        }
    }
}

/// The counterpart code of a `WU` or `OM` code: the same code under the
/// other family's facility.
pub fn counterpart_code(family: Family, code: HResult) -> Option<HResult> {
    let (_, facility) = family.counterpart()?;
    Some(code.with_facility(facility))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_from_names() {
        assert_eq!(Family::of_name("WU_E_NO_SERVICE"), Family::Wu);
        assert_eq!(Family::of_name("OM_E_NO_SERVICE"), Family::Om);
        assert_eq!(Family::of_name("OMC_E_DOWNLOAD_CANCELLED"), Family::Omc);
        assert_eq!(Family::of_name("Error_Invalid_Name"), Family::Win32);
        assert_eq!(Family::of_name("ERROR_INTERNET_TIMEOUT"), Family::WinInet);
        assert_eq!(Family::of_name("BG_E_HTTP_ERROR_404"), Family::Bits);
        assert_eq!(Family::of_name("NULL"), Family::Unknown);
    }

    #[test]
    fn counterparts_swap_facility() {
        let wu = HResult::new(0x8024_2000);
        assert_eq!(
            counterpart_code(Family::Wu, wu),
            Some(HResult::new(0x80CF_2000))
        );
        assert_eq!(counterpart_code(Family::Win32, wu), None);
    }
}
