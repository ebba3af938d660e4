//! Pretty-printed JSON with a final newline: the form of every JSON file
//! errdocs writes (dataset, findings, baselines, SARIF).

use serde::Serialize;

/// `value` as pretty JSON with a final newline.
pub fn to_pretty_json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_else(|e| {
        // Only a non-string map key or a failing Serialize impl gets here,
        // and the output types have neither.
        format!("{{\"error\": \"{e}\"}}").into_bytes()
    });
    bytes.push(b'\n');
    bytes
}
