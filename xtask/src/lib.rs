//! errdocs maintenance tasks: generating the embedded Windows SDK reference
//! (`src/reference/sdk-constants.tsv.zz`) from the SDK metadata.
//!
//! The metadata is `Windows.Win32.winmd` as the `windows-bindgen` crate
//! ships it in `default/` (Win32Metadata 63.0.31 for windows-bindgen
//! 0.61 to 0.66, the metadata the `windows` 0.62 crate is generated from),
//! read with `windows-metadata`. Which constants are kept is decided by
//! `error_shaped_kind`, whose comment gives the numbers behind each rule.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use errdocs::reference::{CodeKind, SdkConstant, classify_integer_constant, render_sdk_text};
use windows_metadata::reader::{File, TypeCategory, TypeIndex};
use windows_metadata::{Type, Value};

/// The windows-bindgen release whose `default/Windows.Win32.winmd` is read;
/// xtask/Cargo.toml pins the same version.
pub const BINDGEN_VERSION: &str = "0.66.0";

/// The licence of the metadata files (windows-bindgen's `default/readme.md`:
/// "the `.winmd` files in this folder are licensed via MIT or Apache-2.0").
pub const METADATA_LICENCE: &str = "MIT OR Apache-2.0";

/// Enums whose members are Win32 error codes (the `GetLastError` space).
const WIN32_ERROR_ENUMS: [&str; 2] = ["RPC_STATUS", "WSA_ERROR"];

/// Enums whose members are HRESULTs.
const HRESULT_ENUMS: [&str; 3] = ["WBEMSTATUS", "MQERROR", "XmlError"];

/// Namespaces whose `ERROR_*` constants are flags, not codes:
/// `System.Ioctl` has the changer element status bits
/// (`ERROR_LABEL_UNREADABLE` = 1, `ERROR_SLOT_NOT_PRESENT` = 4, ...).
const FLAG_NAMESPACES: [&str; 1] = ["Windows.Win32.System.Ioctl"];

/// A failure of the generator, as a message for the person running it.
#[derive(Debug)]
pub struct XtaskError(pub String);

impl std::fmt::Display for XtaskError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for XtaskError {}

fn fail<T>(message: impl Into<String>) -> Result<T, XtaskError> {
    Err(XtaskError(message.into()))
}

/// The workspace root (the errdocs crate).
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// The committed data file.
pub fn data_file() -> PathBuf {
    workspace_root().join(errdocs::reference::SDK_DATA_FILE)
}

/// Where the metadata is and which version it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Winmd {
    /// `Windows.Win32.winmd` in windows-bindgen's `default/` folder.
    pub path: PathBuf,
    /// The Win32Metadata version its `default/readme.md` states.
    pub metadata_version: String,
}

impl Winmd {
    /// The `@source` text of the generated data.
    pub fn describe(&self) -> String {
        format!(
            "Windows.Win32.winmd (Win32Metadata {}) from the windows-bindgen {BINDGEN_VERSION} crate; {METADATA_LICENCE}",
            self.metadata_version
        )
    }
}

/// Finds windows-bindgen's `default/Windows.Win32.winmd` through
/// `cargo metadata` (which fetches the crate if needed).
pub fn locate_winmd() -> Result<Winmd, XtaskError> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(&cargo)
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(workspace_root())
        .output()
        .map_err(|error| XtaskError(format!("cannot run `cargo metadata`: {error}")))?;
    if !output.status.success() {
        return fail(format!(
            "`cargo metadata` failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout)
        .map_err(|error| XtaskError(format!("`cargo metadata` printed no JSON: {error}")))?;
    let packages = metadata["packages"]
        .as_array()
        .map_or(&[][..], Vec::as_slice);
    let Some(manifest) = packages
        .iter()
        .find(|package| {
            package["name"] == "windows-bindgen" && package["version"] == BINDGEN_VERSION
        })
        .and_then(|package| package["manifest_path"].as_str())
    else {
        return fail(format!(
            "windows-bindgen {BINDGEN_VERSION} is not in the dependency graph: xtask/Cargo.toml and BINDGEN_VERSION must name the same version"
        ));
    };
    let folder = Path::new(manifest)
        .parent()
        .unwrap_or(Path::new("."))
        .join("default");
    let readme = std::fs::read_to_string(folder.join("readme.md"))
        .map_err(|error| XtaskError(format!("{}: {error}", folder.join("readme.md").display())))?;
    let Some(metadata_version) = win32_metadata_version(&readme) else {
        return fail(format!(
            "{}: no version under `Windows.Win32.winmd`",
            folder.join("readme.md").display()
        ));
    };
    Ok(Winmd {
        path: folder.join("Windows.Win32.winmd"),
        metadata_version,
    })
}

/// The version in the `Windows.Win32.winmd` section of windows-bindgen's
/// `default/readme.md` (``- Version: `63.0.31` ``).
fn win32_metadata_version(readme: &str) -> Option<String> {
    let section = readme.split("## `Windows.Win32.winmd`").nth(1)?;
    let section = section.split("\n## ").next()?;
    let line = section
        .lines()
        .find(|line| line.trim_start().starts_with("- Version:"))?;
    let version = line.split('`').nth(1)?;
    Some(version.to_string())
}

/// What the metadata declares a constant's type to be.
#[derive(Debug, Clone, PartialEq, Eq)]
enum DeclaredType {
    /// A named type: `HRESULT`, `WIN32_ERROR`, `NTSTATUS`, an enum, a
    /// handle type.
    Named(String),
    /// A primitive integer type (`i32`, `u32`, ...).
    Integer(&'static str),
}

impl DeclaredType {
    fn as_str(&self) -> &str {
        match self {
            DeclaredType::Named(name) => name,
            DeclaredType::Integer(name) => name,
        }
    }
}

/// Decides whether a constant of the metadata is error-shaped, and of which
/// kind. Looking at the 144,000 integer constants of Win32Metadata 63.0.31:
///
/// - every constant typed `HRESULT` (8,942), `WIN32_ERROR` (3,334) or
///   `NTSTATUS` (3,051) is kept with that kind: the metadata says what
///   they are;
/// - members of the enums [`WIN32_ERROR_ENUMS`] (`RPC_S_*`, `WSAE*`) are
///   Win32 errors, members of [`HRESULT_ENUMS`] (`WBEM_E_*`, `MQ_ERROR_*`,
///   XmlLite's `MX_E_*`) HRESULTs;
/// - every other integer (plain `i32`/`u32` constants such as all of
///   `BG_E_*`, `NERR_*` and `ERROR_WINHTTP_*`, and members of other enums)
///   is kept when its name and value are error-shaped by
///   [`classify_integer_constant`], except `ERROR_*` flags in
///   [`FLAG_NAMESPACES`].
///
/// The rest (flags, sizes, message ids, `MAPI_E_*` = 1 to 28 of Simple
/// MAPI, ICU's `U_*`) is left out: as values they would name every small
/// number, and pages of Windows error codes do not use them.
fn error_shaped_kind(
    namespace: &str,
    name: &str,
    declared: &DeclaredType,
    value: u32,
) -> Option<CodeKind> {
    if let DeclaredType::Named(type_name) = declared {
        match type_name.as_str() {
            "HRESULT" => return Some(CodeKind::Hresult),
            "WIN32_ERROR" => return Some(CodeKind::Win32Error),
            "NTSTATUS" => return Some(CodeKind::NtStatus),
            enum_name if WIN32_ERROR_ENUMS.contains(&enum_name) => {
                return Some(CodeKind::Win32Error);
            }
            enum_name if HRESULT_ENUMS.contains(&enum_name) => return Some(CodeKind::Hresult),
            _ => {}
        }
    }
    if FLAG_NAMESPACES.contains(&namespace) && name.starts_with("ERROR_") {
        return None;
    }
    classify_integer_constant(name, value)
}

/// A constant's value as 32 bits: signed types sign-extended, then as their
/// two's-complement bits. `None` for 64-bit, floating-point, string and
/// other values: no Windows error code is one.
fn value_bits(value: &Value) -> Option<u32> {
    match *value {
        Value::I8(number) => Some(i32::from(number) as u32),
        Value::U8(number) => Some(u32::from(number)),
        Value::I16(number) => Some(i32::from(number) as u32),
        Value::U16(number) => Some(u32::from(number)),
        Value::I32(number) => Some(number as u32),
        Value::U32(number) => Some(number),
        _ => None,
    }
}

/// The declared type of a field whose signature is `ty`.
fn declared_type(ty: &Type) -> Option<DeclaredType> {
    match ty {
        Type::Name(name) => Some(DeclaredType::Named(name.name.clone())),
        Type::I8 => Some(DeclaredType::Integer("i8")),
        Type::U8 => Some(DeclaredType::Integer("u8")),
        Type::I16 => Some(DeclaredType::Integer("i16")),
        Type::U16 => Some(DeclaredType::Integer("u16")),
        Type::I32 => Some(DeclaredType::Integer("i32")),
        Type::U32 => Some(DeclaredType::Integer("u32")),
        _ => None,
    }
}

/// Reads the error-shaped constants of a `Windows.Win32.winmd`.
pub fn extract_constants(winmd: &Path) -> Result<Vec<SdkConstant>, XtaskError> {
    let Some(file) = File::read(winmd) else {
        return fail(format!("{}: not a readable .winmd file", winmd.display()));
    };
    let index = TypeIndex::new(vec![file]);
    let mut constants = Vec::new();
    for def in index.types() {
        let namespace = def.namespace();
        let category = def.category();
        // Constants live on each namespace's `Apis` class and, for enums, on
        // the enum itself.
        if !matches!(category, TypeCategory::Class | TypeCategory::Enum) {
            continue;
        }
        for field in def.fields() {
            let Some(constant) = field.constant() else {
                continue;
            };
            let Some(declared) = declared_type(&field.ty()) else {
                continue;
            };
            let Some(value) = value_bits(&constant.value()) else {
                continue;
            };
            let name = field.name();
            let Some(kind) = error_shaped_kind(namespace, name, &declared, value) else {
                continue;
            };
            constants.push(SdkConstant {
                name: name.to_string(),
                value,
                kind,
                declared_type: declared.as_str().to_string(),
                module: namespace
                    .strip_prefix("Windows.Win32.")
                    .unwrap_or(namespace)
                    .to_string(),
            });
        }
    }
    if constants.is_empty() {
        return fail(format!(
            "{}: no error-shaped constants found",
            winmd.display()
        ));
    }
    Ok(constants)
}

/// Generates the text form of the SDK reference from the metadata.
pub fn generate_sdk_text() -> Result<String, XtaskError> {
    let winmd = locate_winmd()?;
    let constants = extract_constants(&winmd.path)?;
    Ok(render_sdk_text(&winmd.describe(), &constants))
}

/// The text form of the committed data file.
pub fn committed_sdk_text() -> Result<String, XtaskError> {
    let path = data_file();
    let bytes =
        std::fs::read(&path).map_err(|error| XtaskError(format!("{}: {error}", path.display())))?;
    errdocs::reference::decode_sdk_data(&bytes)
        .map_err(|error| XtaskError(format!("{}: {error}", path.display())))
}

/// Summarises how two text forms differ: constants added, removed and
/// changed (by name), with up to `shown` examples of each, and a changed
/// `@source`.
pub fn describe_changes(old: &str, new: &str, shown: usize) -> String {
    fn rows(text: &str) -> (Option<&str>, BTreeMap<&str, &str>) {
        let mut source = None;
        let mut rows = BTreeMap::new();
        for line in text.lines() {
            if let Some(rest) = line.strip_prefix("@source\t") {
                source = Some(rest);
            } else if !line.starts_with(['#', '@']) {
                if let Some((name, rest)) = line.split_once('\t') {
                    rows.insert(name, rest);
                }
            }
        }
        (source, rows)
    }
    let (old_source, old_rows) = rows(old);
    let (new_source, new_rows) = rows(new);
    let added: Vec<&str> = new_rows
        .keys()
        .filter(|name| !old_rows.contains_key(*name))
        .copied()
        .collect();
    let removed: Vec<&str> = old_rows
        .keys()
        .filter(|name| !new_rows.contains_key(*name))
        .copied()
        .collect();
    let changed: Vec<String> = new_rows
        .iter()
        .filter_map(|(name, row)| {
            let old_row = old_rows.get(name)?;
            (old_row != row).then(|| format!("{name}: {old_row} -> {row}").replace('\t', " "))
        })
        .collect();
    let mut summary = format!(
        "{} constants; {} added, {} removed, {} changed",
        new_rows.len(),
        added.len(),
        removed.len(),
        changed.len()
    );
    if old_source != new_source {
        summary.push_str(&format!(
            "\n  source: {} -> {}",
            old_source.unwrap_or("none"),
            new_source.unwrap_or("none")
        ));
    }
    for (label, names) in [("added", &added), ("removed", &removed)] {
        for name in names.iter().take(shown) {
            summary.push_str(&format!("\n  {label}: {name}"));
        }
        if names.len() > shown {
            summary.push_str(&format!("\n  ... {} more {label}", names.len() - shown));
        }
    }
    for line in changed.iter().take(shown) {
        summary.push_str(&format!("\n  changed: {line}"));
    }
    if changed.len() > shown {
        summary.push_str(&format!("\n  ... {} more changed", changed.len() - shown));
    }
    summary
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_metadata_version_from_the_readme() {
        let readme = "## `Windows.Win32.winmd`\n\n- Source: <x>\n- Version: `63.0.31`\n\n## `Windows.Wdk.winmd`\n\n- Version: `0.13.25`\n";
        assert_eq!(win32_metadata_version(readme), Some("63.0.31".to_string()));
        assert_eq!(
            win32_metadata_version("## `Windows.winmd`\n- Version: `1`\n"),
            None
        );
    }

    #[test]
    fn typed_constants_and_error_enums_are_kept() {
        let named = |name: &str| DeclaredType::Named(name.to_string());
        let kind = |name: &str, declared: &DeclaredType, value: u32| {
            error_shaped_kind("Windows.Win32.Foundation", name, declared, value)
        };
        assert_eq!(kind("S_OK", &named("HRESULT"), 0), Some(CodeKind::Hresult));
        assert_eq!(
            kind("NO_ERROR", &named("WIN32_ERROR"), 0),
            Some(CodeKind::Win32Error)
        );
        assert_eq!(
            kind("STATUS_WAIT_0", &named("NTSTATUS"), 0),
            Some(CodeKind::NtStatus)
        );
        assert_eq!(
            kind("RPC_S_SERVER_UNAVAILABLE", &named("RPC_STATUS"), 1722),
            Some(CodeKind::Win32Error)
        );
        assert_eq!(
            kind("WBEM_NO_ERROR", &named("WBEMSTATUS"), 0),
            Some(CodeKind::Hresult)
        );
        assert_eq!(kind("BG_JOB_STATE_QUEUED", &named("BG_JOB_STATE"), 0), None);
        assert_eq!(
            kind("BG_E_NOT_FOUND", &DeclaredType::Integer("i32"), 0x8020_0001),
            Some(CodeKind::Hresult)
        );
        assert_eq!(
            error_shaped_kind(
                "Windows.Win32.System.Ioctl",
                "ERROR_LABEL_UNREADABLE",
                &DeclaredType::Integer("u32"),
                1
            ),
            None
        );
    }

    #[test]
    fn values_become_32_bits() {
        assert_eq!(value_bits(&Value::I32(-1)), Some(u32::MAX));
        assert_eq!(value_bits(&Value::I16(-2)), Some(0xFFFF_FFFE));
        assert_eq!(value_bits(&Value::U32(0x8024_0001)), Some(0x8024_0001));
        assert_eq!(value_bits(&Value::I64(1)), None);
        assert_eq!(value_bits(&Value::Utf16("x".to_string())), None);
    }

    #[test]
    fn changes_are_summarised_by_name() {
        let old = "@source\ta\n@columns\nA\t1\nB\t2\nC\t3\n";
        let new = "@source\tb\n@columns\nA\t1\nB\t5\nD\t4\n";
        let summary = describe_changes(old, new, 5);
        assert!(
            summary.starts_with("3 constants; 1 added, 1 removed, 1 changed"),
            "{summary}"
        );
        assert!(summary.contains("source: a -> b"));
        assert!(summary.contains("added: D"));
        assert!(summary.contains("removed: C"));
        assert!(summary.contains("changed: B: 2 -> 5"));
    }
}
