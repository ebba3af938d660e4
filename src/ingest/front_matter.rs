//! YAML front matter: the leading `---` block of a Markdown file.

use std::collections::BTreeMap;

use serde::Serialize;

use super::problem::{FrontMatterProblem, IngestProblem};
use crate::source::SourceFile;

/// A file's front matter: every key as written (dotted `ms.date` and colon
/// `ms:assetid` forms alike) and the keys that are commented out.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FrontMatter {
    /// Key to value, as parsed by YAML.
    pub entries: BTreeMap<String, serde_json::Value>,
    /// The 1-based line of each key.
    #[serde(skip)]
    pub key_lines: BTreeMap<String, usize>,
    /// Keys written commented out (`#audience:`), in file order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub commented_keys: Vec<String>,
}

impl FrontMatter {
    /// A string value by key.
    pub fn get_str(&self, key: &str) -> Option<&str> {
        self.entries.get(key).and_then(|v| v.as_str())
    }
}

/// The byte range of the front-matter body (between the fences) and the
/// offset where the Markdown after it starts. `None` when the file does not
/// open with `---`.
pub fn split(text: &str) -> Option<(std::ops::Range<usize>, usize)> {
    let first_line_end = text.find('\n')?;
    if text[..first_line_end].trim_end() != "---" {
        return None;
    }
    let body_start = first_line_end + 1;
    let mut offset = body_start;
    for line in text[body_start..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Some((body_start..offset, offset + line.len()));
        }
        offset += line.len();
    }
    None
}

/// Reads the front matter. A block that YAML cannot parse is reported with
/// its line and yields what could be read line by line, so the rest of the
/// document still ingests.
pub fn read(file: &SourceFile, problems: &mut Vec<IngestProblem>) -> FrontMatter {
    let Some((body, _)) = split(&file.text) else {
        if file.text.lines().next().map(str::trim_end) == Some("---") {
            problems.push(IngestProblem::FrontMatter {
                location: file.location(0),
                kind: FrontMatterProblem::Unclosed,
            });
        }
        return FrontMatter::default();
    };
    let yaml = &file.text[body.clone()];
    let first_line = file.line_column(body.start).0;
    let mut front = FrontMatter::default();
    for (i, line) in yaml.lines().enumerate() {
        let trimmed = line.trim_start();
        if let Some(comment) = trimmed.strip_prefix('#') {
            if let Some((key, _)) = comment.split_once(':')
                && !key.trim().is_empty()
                && !key.contains(' ')
            {
                front.commented_keys.push(key.trim().to_string());
            }
        } else if !line.starts_with([' ', '\t']) {
            // `ms:assetid: x` has a colon in its key: the key ends at the
            // first ": " or at a colon that ends the line.
            let trimmed = line.trim_end();
            let end = trimmed
                .find(": ")
                .or_else(|| trimmed.strip_suffix(':').map(str::len));
            if let Some(end) = end {
                front
                    .key_lines
                    .insert(trimmed[..end].trim().to_string(), first_line + i);
            }
        }
    }
    if yaml.trim().is_empty() {
        return front;
    }
    match serde_yaml::from_str::<serde_yaml::Value>(yaml) {
        Ok(serde_yaml::Value::Mapping(mapping)) => {
            for (key, value) in mapping {
                front.entries.insert(yaml_key(&key), yaml_to_json(value));
            }
        }
        Ok(serde_yaml::Value::Null) => {}
        Ok(_) => problems.push(IngestProblem::FrontMatter {
            location: file.location_at(first_line, 1),
            kind: FrontMatterProblem::NotAMapping,
        }),
        Err(err) => {
            // An error found at the end of the block (an unclosed bracket)
            // belongs to the last line of YAML, not to the closing fence.
            let last_line = first_line + yaml.trim_end().lines().count().max(1) - 1;
            let (line, column) = err.location().map_or((first_line, 1), |l| {
                let line = first_line + l.line() - 1;
                if line > last_line {
                    (last_line, 1)
                } else {
                    (line, l.column())
                }
            });
            let message = err.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message);
            problems.push(IngestProblem::FrontMatter {
                location: file.location_at(line, column),
                kind: FrontMatterProblem::InvalidYaml(message.to_string()),
            });
            // Keep what reads on its own, line by line.
            for line in yaml.lines() {
                if let Ok(serde_yaml::Value::Mapping(mapping)) = serde_yaml::from_str(line) {
                    for (key, value) in mapping {
                        front.entries.insert(yaml_key(&key), yaml_to_json(value));
                    }
                }
            }
        }
    }
    front
}

fn yaml_key(key: &serde_yaml::Value) -> String {
    match key {
        serde_yaml::Value::String(s) => s.clone(),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_string(),
    }
}

fn yaml_to_json(value: serde_yaml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    use serde_yaml::Value as Y;
    match value {
        Y::Null => J::Null,
        Y::Bool(b) => J::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                J::from(i)
            } else if let Some(u) = n.as_u64() {
                J::from(u)
            } else {
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map_or_else(|| J::String(n.to_string()), J::Number)
            }
        }
        Y::String(s) => J::String(s),
        Y::Sequence(items) => J::Array(items.into_iter().map(yaml_to_json).collect()),
        Y::Mapping(mapping) => J::Object(
            mapping
                .into_iter()
                .map(|(k, v)| (yaml_key(&k), yaml_to_json(v)))
                .collect(),
        ),
        Y::Tagged(tagged) => yaml_to_json(tagged.value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn file(text: &str) -> SourceFile {
        SourceFile::from_text(PathBuf::from("t.md"), "t.md".into(), text.into())
    }

    #[test]
    fn keeps_dotted_colon_and_commented_keys() {
        let f =
            file("---\nms.date: 05/29/2019\nms:assetid: 'x'\n#audience:\nkeywords:\n---\n# T\n");
        let mut problems = Vec::new();
        let front = read(&f, &mut problems);
        assert!(problems.is_empty());
        assert_eq!(front.get_str("ms.date"), Some("05/29/2019"));
        assert_eq!(front.get_str("ms:assetid"), Some("x"));
        assert_eq!(
            front.entries.get("keywords"),
            Some(&serde_json::Value::Null)
        );
        assert_eq!(front.commented_keys, vec!["audience"]);
        assert_eq!(front.key_lines.get("ms:assetid"), Some(&3));
    }

    #[test]
    fn broken_yaml_is_a_finding_with_its_line() {
        let f = file("---\ntitle: ok\nbad: [unclosed\n---\n# T\n");
        let mut problems = Vec::new();
        let front = read(&f, &mut problems);
        assert_eq!(problems.len(), 1);
        assert!(
            matches!(&problems[0], IngestProblem::FrontMatter { location, kind: FrontMatterProblem::InvalidYaml(_) } if location.line >= 3),
            "{:?}",
            problems[0]
        );
        assert_eq!(front.get_str("title"), Some("ok"));
    }
}
