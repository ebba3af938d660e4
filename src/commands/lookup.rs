//! `errdocs lookup QUERY...`: what the project's pages and the references
//! say about a code or a name, for a support engineer with a code from a
//! log.
//!
//! Each query is a code (hex in any case, with or without `0x`, short forms;
//! a signed or unsigned decimal), a name (any case) or a wildcard over
//! names (`WU_E_PT_*`). The answer is one entry per code: the code decoded,
//! every record the project documents it in (name, family, every locale's
//! description, counterpart, file and line), and what the references say of
//! it (the names they give it, where they are defined, the Win32 error
//! inside an HRESULT, the HRESULT around a Win32 error). Outside a project
//! the references alone answer.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

use crate::Project;
use crate::check::reference::{NAMES_SHOWN, thousands};
use crate::emit::json::RecordJson;
use crate::error::{Error, Result};
use crate::model::{HResult, Record};
use crate::reference::{
    CodeKind, Fact, NEAR_MISS_DISTANCE, NameSet, Origin, Query, Reference, ValueFacts, WrappedCode,
    edit_distance_within, family_prefix, hresult_from_win32,
};

/// How `lookup` prints its answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LookupFormat {
    /// An entry per code, for people.
    Human,
    /// One JSON object: `{"version": 1, "project": ..., "queries": [...]}`.
    Json,
}

/// One query as given on the command line, and what it asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryArg {
    /// The text as given.
    pub text: String,
    /// What it asks for.
    pub query: Query,
}

impl std::str::FromStr for QueryArg {
    type Err = crate::reference::QueryError;

    fn from_str(text: &str) -> std::result::Result<Self, Self::Err> {
        Ok(QueryArg {
            text: text.trim().to_string(),
            query: Query::parse(text)?,
        })
    }
}

/// The queries as given on the command line, read by errdocs rather than
/// by clap: clap quotes a value it refuses as it is, escape codes and all,
/// where errdocs' errors reach the terminal made safe. A query that is
/// neither a code, a name nor a wildcard is a usage error (exit 2).
pub fn parse_queries(texts: &[String]) -> Result<Vec<QueryArg>> {
    texts
        .iter()
        .map(|text| {
            // `−2147024891`, `０ｘ８００７００５７`: as typeset or typed by a
            // CJK input method, the same code.
            let text = crate::model::fold_number_forms(text);
            text.parse::<QueryArg>().map_err(|error| {
                Error::Usage(format!(
                    "invalid QUERY: {error} (a QUERY is a code, a name or a wildcard; see errdocs lookup --help)"
                ))
            })
        })
        .collect()
}

/// The options of `lookup`.
#[derive(Debug, Clone)]
pub struct LookupOptions {
    /// What to look up, in order.
    pub queries: Vec<QueryArg>,
    /// How to print the answers.
    pub format: LookupFormat,
    /// In the human format, at most this many records per query (a code
    /// that no record documents counts as one), then a line that says how
    /// many more; `None` for all. The JSON lists every one.
    pub limit: Option<usize>,
}

/// The records the human format shows per query unless `--limit` or
/// `--all` says otherwise: a code every page of a large corpus documents,
/// or a wildcard as broad as `ERROR_*`, printed tens of thousands of lines.
pub const DEFAULT_LIMIT: usize = 20;

/// The version of the JSON layout.
pub const JSON_VERSION: u32 = 1;

/// Runs `lookup`: in the project at `root` when there is one (a folder
/// with errdocs.toml or sources/), else against the Windows SDK alone.
/// Exit 0 when every query found something, 1 when one found nothing.
pub fn run(root: &Path, options: LookupOptions) -> Result<ExitCode> {
    // A mistyped --root is an error, as for the other commands, not a
    // lookup that silently leaves the project's pages out.
    if !root.is_dir() {
        return Err(crate::corpus::no_such_root(root));
    }
    let is_project =
        root.join(crate::config::CONFIG_FILE).is_file() || root.join("sources").is_dir();
    let project = if is_project {
        let project = Project::load(root)?;
        super::print_notes(&project);
        Some(project)
    } else {
        eprintln!(
            "errdocs: note: no project at {} (no errdocs.toml or sources/): the Windows SDK alone answers",
            crate::safe_text::terminal(&root.display().to_string())
        );
        None
    };
    let sdk_only;
    let reference = match &project {
        Some(project) => &project.reference,
        None => {
            sdk_only = Reference::sdk();
            &sdk_only
        }
    };
    let records: &[Record] = project.as_ref().map_or(&[], |p| &p.dataset.records);
    let index = Index::new(records, reference);
    // Each answer is printed as soon as it is ready and then dropped: many
    // queries (`errdocs lookup $(cat codes.txt)`) hold one answer at a
    // time, and the first shows before the last is looked up.
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let mut all_found = true;
    let mut answered = 0;
    let printed = (|| -> std::io::Result<()> {
        if options.format == LookupFormat::Json {
            stdout.write_all(json_start(is_project, options.queries.is_empty()).as_bytes())?;
        }
        for (number, query) in options.queries.iter().enumerate() {
            let answer = index.answer(query);
            all_found &= answer.found;
            answered = number + 1;
            let text = match options.format {
                LookupFormat::Human => {
                    let mut text = String::new();
                    if number > 0 {
                        text.push('\n');
                    }
                    human_answer(&mut text, &answer, is_project, options.limit);
                    terminal_lines(&text)
                }
                LookupFormat::Json => json_answer(&answer, number == 0),
            };
            stdout.write_all(text.as_bytes())?;
            stdout.flush()?;
        }
        if options.format == LookupFormat::Json {
            stdout.write_all(json_end(options.queries.is_empty()).as_bytes())?;
        }
        stdout.flush()
    })();
    match printed {
        // A reader that stopped early (`| head`) is not an error. The
        // queries after it are still looked up, not printed: the exit code
        // says whether every query found something, whenever the reader
        // stopped (it said 0 for a query never looked up).
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            for query in &options.queries[answered..] {
                if !all_found {
                    break;
                }
                all_found &= index.answer(query).found;
            }
        }
        result => result.map_err(|e| Error::io("<stdout>", e))?,
    }
    Ok(if all_found {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Page text, names and paths reach a terminal: each line made safe (the
/// JSON escapes control characters itself).
fn terminal_lines(text: &str) -> String {
    text.split_inclusive('\n')
        .map(|line| {
            let body = line.strip_suffix('\n').unwrap_or(line);
            let ending = &line[body.len()..];
            format!("{}{ending}", crate::safe_text::terminal(body))
        })
        .collect()
}

/// The records by code, and the references.
struct Index<'a> {
    records: &'a [Record],
    by_code: BTreeMap<u32, Vec<&'a Record>>,
    reference: &'a Reference,
}

/// The answer to one query.
struct Answer<'a> {
    /// The query as given.
    query: String,
    /// `code`, `name` or `wildcard`.
    kind: &'static str,
    /// How the query was read, where that is worth saying.
    note: Option<String>,
    /// One entry per code.
    matches: Vec<Match<'a>>,
    /// True when a record or a reference constant answered.
    found: bool,
    /// For a name that nothing answered: names one or two edits away.
    suggestions: Vec<String>,
}

/// One code: the records that document it (each with its counterpart's
/// record, where the project has it) and what the references say.
struct Match<'a> {
    code: HResult,
    /// How the code relates to the one asked for, when it is another.
    relation: Option<String>,
    records: Vec<(&'a Record, Option<&'a Record>)>,
    facts: ValueFacts<'a>,
}

impl Match<'_> {
    /// True when a record documents the code or a reference names it (or
    /// its other Win32 form).
    fn is_known(&self) -> bool {
        let named = |wrapped: &Option<WrappedCode>| {
            wrapped
                .as_ref()
                .is_some_and(|wrapped| !wrapped.facts.is_empty())
        };
        !self.records.is_empty()
            || !self.facts.facts.is_empty()
            || named(&self.facts.win32_inside)
            || named(&self.facts.as_hresult)
    }
}

impl<'a> Index<'a> {
    fn new(records: &'a [Record], reference: &'a Reference) -> Self {
        let mut by_code: BTreeMap<u32, Vec<&Record>> = BTreeMap::new();
        for record in records {
            by_code.entry(record.code.value()).or_default().push(record);
        }
        Index {
            records,
            by_code,
            reference,
        }
    }

    /// The entry of one code.
    fn entry(&self, code: u32) -> Match<'a> {
        let records = self.by_code.get(&code).map_or(&[][..], Vec::as_slice);
        Match {
            code: HResult::new(code),
            relation: None,
            records: records
                .iter()
                .map(|&record| (record, self.counterpart_of(record)))
                .collect(),
            facts: self.reference.by_value(code),
        }
    }

    /// The record of `record`'s counterpart (its mirror in the other
    /// family), where the project documents it.
    fn counterpart_of(&self, record: &Record) -> Option<&'a Record> {
        let code = record.counterpart?;
        let (family, _) = record.family.counterpart()?;
        self.by_code
            .get(&code.value())?
            .iter()
            .copied()
            .find(|other| other.family == family)
    }

    fn answer(&self, arg: &QueryArg) -> Answer<'a> {
        let mut answer = match &arg.query {
            Query::Value(value) => self.answer_value(value),
            Query::Name(name) => {
                let joined: String = name.split_whitespace().collect();
                let records = self
                    .records
                    .iter()
                    .filter(|record| record.name.eq_ignore_ascii_case(&joined));
                let facts = self.reference.by_name_ignore_case(&joined);
                let mut answer =
                    self.answer_names(name, "name", records, facts.iter().map(|fact| fact.value));
                if !answer.found {
                    answer.suggestions = self.suggestions(&joined);
                }
                answer
            }
            Query::Wildcard(pattern) => {
                let records = self
                    .records
                    .iter()
                    .filter(|record| pattern.matches(&record.name));
                let facts = self.reference.matching(pattern);
                self.answer_names(
                    pattern.as_str(),
                    "wildcard",
                    records,
                    facts.iter().map(|fact| fact.value),
                )
            }
        };
        answer.query = arg.text.clone();
        answer
    }

    /// A code: its entry, and the entry of its other Win32 form where the
    /// project documents that one (5 and `0x80070005`).
    fn answer_value(&self, query: &crate::reference::ValueQuery) -> Answer<'a> {
        let mut value = query.value;
        let mut note = None;
        let hex = |v: u32| HResult::new(v).to_string();
        if let Some(decimal) = query.decimal_reading {
            // Eight bare digits are read as hex; when that finds nothing and
            // the decimal reading does, the decimal was meant.
            if !self.entry(value).is_known() && self.entry(decimal).is_known() {
                note = Some(format!(
                    "read as the decimal {decimal} ({}): as hex, {} is unknown",
                    hex(decimal),
                    hex(value)
                ));
                value = decimal;
            } else {
                note = Some(format!(
                    "read as hex {}; as a decimal it would be {}",
                    hex(value),
                    hex(decimal)
                ));
            }
        }
        let mut matches = vec![self.entry(value)];
        // The same Win32 error in its other form, where the pages document
        // it so (5 and 0x80070005).
        let other = match crate::reference::win32_from_hresult(value) {
            Some(inside) => Some((inside, format!("the Win32 error inside {}", hex(value)))),
            None if (1..=0xFFFF).contains(&value) => Some((
                hresult_from_win32(value),
                format!(
                    "{} inside an HRESULT, as HRESULT_FROM_WIN32 makes it",
                    hex(value)
                ),
            )),
            None => None,
        };
        // A Win32 error whose decimal digits a page wrote as hex
        // (0x00001112 for 1112), where a record with that code has a name
        // the reference defines as this value.
        let as_hex = u32::from_str_radix(&value.to_string(), 16)
            .ok()
            .filter(|&wrong| value <= 0xFFFF && wrong != value)
            .filter(|wrong| {
                self.by_code.get(wrong).is_some_and(|records| {
                    records.iter().any(|record| {
                        self.reference
                            .by_name_ignore_case(&record.name)
                            .iter()
                            .any(|fact| fact.value == value)
                    })
                })
            })
            .map(|wrong| {
                (
                    wrong,
                    format!(
                        "{value}'s decimal digits written as hex, as a page wrongly documents it; see reference-decimal-as-hex"
                    ),
                )
            });
        for (code, relation) in other.into_iter().chain(as_hex) {
            if self.by_code.contains_key(&code) {
                let mut entry = self.entry(code);
                entry.relation = Some(relation);
                matches.push(entry);
            }
        }
        let found = matches.iter().any(Match::is_known);
        Answer {
            query: String::new(),
            kind: "code",
            note,
            matches,
            found,
            suggestions: Vec::new(),
        }
    }

    /// Names or a wildcard: an entry for each code that a matching record
    /// documents or a matching reference constant has.
    fn answer_names(
        &self,
        query: &str,
        kind: &'static str,
        records: impl Iterator<Item = &'a Record>,
        fact_values: impl Iterator<Item = u32>,
    ) -> Answer<'a> {
        let mut codes: Vec<u32> = records.map(|record| record.code.value()).collect();
        codes.extend(fact_values);
        codes.sort_unstable();
        codes.dedup();
        let matches: Vec<Match> = codes.into_iter().map(|code| self.entry(code)).collect();
        Answer {
            query: query.to_string(),
            kind,
            note: None,
            found: !matches.is_empty(),
            matches,
            suggestions: Vec::new(),
        }
    }

    /// Names one or two edits from `name` in the same family: the
    /// references' and the project's, closest first, then by name.
    fn suggestions(&self, name: &str) -> Vec<String> {
        let family = family_prefix(name);
        let mut near: Vec<(usize, String)> = self
            .reference
            .near_misses(name)
            .into_iter()
            .map(|miss| (miss.distance, miss.fact.name.to_string()))
            .collect();
        for record in self.records {
            if !family_prefix(&record.name).eq_ignore_ascii_case(family) {
                continue;
            }
            if let Some(distance) = edit_distance_within(name, &record.name, NEAR_MISS_DISTANCE)
                && distance > 0
            {
                near.push((distance, record.name.clone()));
            }
        }
        near.sort();
        let mut seen = NameSet::default();
        let mut names = Vec::new();
        for (_, name) in &near {
            if seen.insert(name.as_str()) {
                names.push(name.clone());
            }
        }
        names
    }
}

/// Well-known facilities, for decoding (MS-ERREF 2.1 and winerror.h).
const FACILITIES: &[(u16, &str)] = &[
    (0, "NULL"),
    (1, "RPC"),
    (2, "DISPATCH"),
    (3, "STORAGE"),
    (4, "ITF"),
    (7, "WIN32"),
    (8, "WINDOWS"),
    (9, "SECURITY"),
    (10, "CONTROL"),
    (11, "CERT"),
    (12, "INTERNET"),
    (13, "MEDIASERVER"),
    (14, "MSMQ"),
    (15, "SETUPAPI"),
    (16, "SCARD"),
    (17, "COMPLUS"),
    (25, "HTTP"),
    (32, "BACKGROUNDCOPY"),
    (33, "CONFIGURATION"),
    (36, "WINDOWSUPDATE"),
];

/// A facility's name, where it is a well-known one.
fn facility_name(facility: u16) -> Option<&'static str> {
    FACILITIES
        .iter()
        .find(|(number, _)| *number == facility)
        .map(|(_, name)| *name)
}

/// The code decoded, in words.
fn decoded(code: HResult) -> String {
    let value = code.value();
    if value == 0 {
        return "success (0)".to_string();
    }
    if value <= 0xFFFF {
        return format!(
            "{value}: a Win32 error code as GetLastError returns it; as an HRESULT (HRESULT_FROM_WIN32) {}",
            HResult::new(hresult_from_win32(value))
        );
    }
    let facility = code.facility();
    let facility_text = match facility_name(facility) {
        Some(name) => format!("0x{facility:03X} ({facility}, FACILITY_{name})"),
        None => format!("0x{facility:03X} ({facility})"),
    };
    format!(
        "{}, facility {facility_text}, code 0x{:04X} ({})",
        if code.is_failure() {
            "failure (severity bit set)"
        } else {
            "success"
        },
        code.code(),
        code.code()
    )
}

/// Where a fact is defined, for people: `Windows SDK, System.UpdateAgent`
/// (with the type the SDK declares where it is not the kind's own:
/// `declared i32`), or `include/om.h:12`.
fn origin(fact: &Fact) -> String {
    match fact.origin {
        Origin::Sdk {
            module,
            declared_type,
        } if declared_type == fact.kind.as_str() => format!("Windows SDK, {module}"),
        Origin::Sdk {
            module,
            declared_type,
        } => format!("Windows SDK, {module}, declared {declared_type}"),
        Origin::User { file, line } => format!("{}:{line}", file.display()),
    }
}

/// A record's places: `file:line (locale)`.
fn places(record: &Record) -> Vec<String> {
    record
        .sources
        .iter()
        .map(|source| format!("{}:{} ({})", source.file, source.line, source.locale))
        .collect()
}

/// One answer, for people: at most `limit` records (a code that no record
/// documents counts as one), then what was left out.
fn human_answer(out: &mut String, answer: &Answer, is_project: bool, limit: Option<usize>) {
    if !answer.query.is_empty() {
        out.push_str(&format!("# {} `{}`\n", answer.kind, answer.query));
    }
    if let Some(note) = &answer.note {
        out.push_str(&format!("({note})\n"));
    }
    if answer.kind != "code" && answer.matches.is_empty() {
        out.push_str(&format!(
            "nothing is named `{}`{}\n",
            answer.query,
            if is_project {
                " in this project or in the reference"
            } else {
                " in the reference"
            }
        ));
        if !answer.suggestions.is_empty() {
            out.push_str(&format!(
                "did you mean: {}\n",
                listed(answer.suggestions.iter().cloned(), answer.suggestions.len())
            ));
        }
        return;
    }
    let mut budget = limit.unwrap_or(usize::MAX);
    let mut codes_shown = 0;
    let mut records_shown = 0;
    for (number, entry) in answer.matches.iter().enumerate() {
        if budget == 0 {
            break;
        }
        if number > 0 {
            out.push('\n');
        }
        let shown = human_entry(out, entry, is_project, budget);
        codes_shown += 1;
        records_shown += shown;
        budget -= shown.max(1);
    }
    let codes_left = answer.matches.len() - codes_shown;
    let records: usize = answer.matches.iter().map(|entry| entry.records.len()).sum();
    let records_left = records - records_shown;
    if codes_left > 0 || records_left > 0 {
        let mut left = Vec::new();
        if codes_left > 0 {
            left.push(counted(codes_left, "more code"));
        }
        if records_left > 0 {
            left.push(counted(records_left, "more record"));
        }
        out.push_str(&format!(
            "\n(not shown: {}; --limit N or --all shows more, --format json lists them all)\n",
            left.join(" and ")
        ));
    }
}

/// `1 more code`, `2,500 more codes`.
fn counted(count: usize, noun: &str) -> String {
    let s = if count == 1 { "" } else { "s" };
    format!("{} {noun}{s}", thousands(count))
}

/// The first [`NAMES_SHOWN`] of `total` items joined by `, `, and `and
/// 49,990 more (--format json lists them all)` for the rest, so that one
/// line stays readable however many names a user file gives a code.
fn listed(items: impl Iterator<Item = String>, total: usize) -> String {
    let shown: Vec<String> = items.take(NAMES_SHOWN).collect();
    let more = total.saturating_sub(shown.len());
    let mut text = shown.join(", ");
    if more > 0 {
        text.push_str(&format!(
            " and {} more (--format json lists them all)",
            thousands(more)
        ));
    }
    text
}

/// One code's entry, with at most `limit` of its records (at least one is
/// shown when it has any); returns how many were shown.
fn human_entry(out: &mut String, entry: &Match, is_project: bool, limit: usize) -> usize {
    let code = entry.code;
    out.push_str(&format!(
        "{code}  {} (unsigned {})\n",
        code.signed(),
        code.value()
    ));
    if let Some(relation) = &entry.relation {
        out.push_str(&format!("  (also shown: {relation})\n"));
    }
    out.push_str(&format!("  decoded:     {}\n", decoded(code)));
    if entry.records.is_empty() && is_project {
        out.push_str("  documented:  not in this project's pages\n");
    }
    let shown = entry.records.len().min(limit.max(1));
    for &(record, counterpart) in &entry.records[..shown] {
        // A page whose table has no name column documents codes without
        // names: say so, rather than start the line with a blank.
        let name = if record.name.is_empty() {
            "(no name)"
        } else {
            record.name.as_str()
        };
        // A table under no heading has no section: no `""` for it.
        let section = if record.section.is_empty() {
            String::new()
        } else {
            format!(", \"{}\"", record.section)
        };
        out.push_str(&format!(
            "  {} ({} family; {}{section})\n",
            name,
            record.family.as_str(),
            record.document,
        ));
        for place in places(record) {
            out.push_str(&format!("    documented:  {place}\n"));
        }
        for (locale, text) in descriptions_in_source_order(record) {
            out.push_str(&format!("    {locale}:{}{text}\n", pad(locale.len() + 1)));
        }
        if let Some(counterpart) = counterpart {
            out.push_str(&format!(
                "    counterpart: {} {}, {}\n",
                counterpart.code,
                counterpart.name,
                places(counterpart).first().map_or("", String::as_str)
            ));
        }
    }
    if shown < entry.records.len() {
        out.push_str(&format!(
            "  ... and {} documenting this code, not shown\n",
            counted(entry.records.len() - shown, "more record")
        ));
    }
    human_reference(out, entry);
    shown
}

/// A record's descriptions, the source locale's first, then in the order
/// of its rows, then any other.
fn descriptions_in_source_order(record: &Record) -> Vec<(&str, &str)> {
    let mut ordered: Vec<(&str, &str)> = Vec::with_capacity(record.descriptions.len());
    let by_rows = record.sources.iter().map(|source| &*source.locale);
    for locale in by_rows.chain(record.descriptions.keys()) {
        if let Some(text) = record.descriptions.get(locale)
            && !ordered.iter().any(|(seen, _)| *seen == locale)
        {
            ordered.push((locale, text));
        }
    }
    ordered
}

/// Spaces that align a label of `width` characters with the others.
fn pad(width: usize) -> String {
    " ".repeat(13usize.saturating_sub(width).max(1))
}

fn human_reference(out: &mut String, entry: &Match) {
    let facts = &entry.facts;
    if facts.facts.is_empty() {
        out.push_str("  reference:   no constant has exactly this value\n");
    }
    for fact in facts.facts.iter().take(NAMES_SHOWN) {
        out.push_str(&format!(
            "  reference:   {} ({}; {})\n",
            fact.name,
            fact.kind,
            origin(fact)
        ));
    }
    if let Some(more) = facts
        .facts
        .len()
        .checked_sub(NAMES_SHOWN)
        .filter(|&n| n > 0)
    {
        out.push_str(&format!(
            "  reference:   and {} more constants with this value (--format json lists them all)\n",
            thousands(more)
        ));
    }
    if let Some(inside) = &facts.win32_inside {
        out.push_str(&format!(
            "  Win32 error inside: {} ({}){}\n",
            inside.value,
            HResult::new(inside.value),
            names_in_words(&inside.facts)
        ));
    }
    if let Some(wrapped) = &facts.as_hresult {
        out.push_str(&format!(
            "  as an HRESULT: {}{}\n",
            HResult::new(wrapped.value),
            names_in_words(&wrapped.facts)
        ));
    }
}

/// `: A, B (where)`, or `` when nothing names a value.
fn names_in_words(facts: &[Fact]) -> String {
    if facts.is_empty() {
        return ", which no constant names".to_string();
    }
    let names = facts
        .iter()
        .map(|fact| format!("{} ({})", fact.name, origin(fact)));
    format!(": {}", listed(names, facts.len()))
}

/// One answer as JSON.
#[derive(Serialize)]
struct AnswerJson<'a> {
    query: &'a str,
    kind: &'static str,
    found: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    matches: Vec<MatchJson<'a>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    did_you_mean: &'a [String],
}

/// One code as JSON.
#[derive(Serialize)]
struct MatchJson<'a> {
    code: String,
    value: u32,
    decimal: i32,
    decoded: String,
    /// How the code relates to the one asked for, when it is another.
    #[serde(skip_serializing_if = "Option::is_none")]
    relation: Option<&'a str>,
    records: Vec<RecordInLookup<'a>>,
    reference: ReferenceJson<'a>,
}

/// A record as the dataset writes it, with its places in words and its
/// counterpart's name.
#[derive(Serialize)]
struct RecordInLookup<'a> {
    #[serde(flatten)]
    record: RecordJson<'a>,
    /// `file:line (locale)` of every row.
    places: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    counterpart_name: Option<&'a str>,
}

/// What the references say of one code, as JSON.
#[derive(Serialize)]
struct ReferenceJson<'a> {
    names: Vec<FactJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    win32_inside: Option<WrappedJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    as_hresult: Option<WrappedJson<'a>>,
}

/// The other Win32 form of a code, as JSON.
#[derive(Serialize)]
struct WrappedJson<'a> {
    code: String,
    value: u32,
    names: Vec<FactJson<'a>>,
}

/// One reference constant, as JSON.
#[derive(Serialize)]
struct FactJson<'a> {
    name: &'a str,
    code: String,
    value: u32,
    kind: &'static str,
    /// `sdk` or `user`.
    source: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    module: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    declared_type: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
}

impl<'a> FactJson<'a> {
    fn new(fact: &Fact<'a>) -> Self {
        let (source, module, declared_type, file, line) = match fact.origin {
            Origin::Sdk {
                module,
                declared_type,
            } => ("sdk", Some(module), Some(declared_type), None, None),
            Origin::User { file, line } => (
                "user",
                None,
                None,
                Some(file.to_string_lossy().replace('\\', "/")),
                Some(line),
            ),
        };
        FactJson {
            name: fact.name,
            code: fact.code().to_string(),
            value: fact.value,
            kind: CodeKind::as_str(fact.kind),
            source,
            module,
            declared_type,
            file,
            line,
        }
    }
}

fn wrapped_json<'a>(wrapped: &Option<WrappedCode<'a>>) -> Option<WrappedJson<'a>> {
    wrapped.as_ref().map(|wrapped| WrappedJson {
        code: HResult::new(wrapped.value).to_string(),
        value: wrapped.value,
        names: wrapped.facts.iter().map(FactJson::new).collect(),
    })
}

/// The JSON output up to its first answer: `{"version": 1, "project": ...,
/// "queries": [` as the pretty printer lays it out (an empty list closes at
/// once).
fn json_start(is_project: bool, no_queries: bool) -> String {
    let opening = format!(
        "{{\n  \"version\": {JSON_VERSION},\n  \"project\": {is_project},\n  \"queries\": ["
    );
    if no_queries { opening } else { opening + "\n" }
}

/// The JSON output after its last answer.
fn json_end(no_queries: bool) -> &'static str {
    if no_queries { "]\n}\n" } else { "\n  ]\n}\n" }
}

/// One answer as an element of the `queries` array, indented as the pretty
/// printer lays out the whole, with the `,` that separates it from the one
/// before.
fn json_answer(answer: &Answer, first: bool) -> String {
    let element = crate::pretty_json::to_pretty_json(&answer_json(answer));
    let element = String::from_utf8_lossy(&element);
    let mut out = String::with_capacity(element.len() + element.len() / 8);
    if !first {
        out.push_str(",\n");
    }
    // JSON strings hold no raw line break: every line is structure.
    for (number, line) in element.trim_end_matches('\n').split('\n').enumerate() {
        if number > 0 {
            out.push('\n');
        }
        out.push_str("    ");
        out.push_str(line);
    }
    out
}

/// One answer in the JSON layout.
fn answer_json<'a>(answer: &'a Answer) -> AnswerJson<'a> {
    AnswerJson {
        query: &answer.query,
        kind: answer.kind,
        found: answer.found,
        note: answer.note.as_deref(),
        matches: answer
            .matches
            .iter()
            .map(|entry| MatchJson {
                code: entry.code.to_string(),
                value: entry.code.value(),
                decimal: entry.code.signed(),
                decoded: decoded(entry.code),
                relation: entry.relation.as_deref(),
                records: entry
                    .records
                    .iter()
                    .map(|&(record, counterpart)| RecordInLookup {
                        record: RecordJson::new(record),
                        places: places(record),
                        counterpart_name: counterpart.map(|c| c.name.as_str()),
                    })
                    .collect(),
                reference: ReferenceJson {
                    names: entry.facts.facts.iter().map(FactJson::new).collect(),
                    win32_inside: wrapped_json(&entry.facts.win32_inside),
                    as_hresult: wrapped_json(&entry.facts.as_hresult),
                },
            })
            .collect(),
        did_you_mean: &answer.suggestions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JSON layout as one value, as `lookup` wrote it before it
    /// streamed its answers.
    #[derive(Serialize)]
    struct Output<'a> {
        version: u32,
        project: bool,
        queries: Vec<AnswerJson<'a>>,
    }

    #[test]
    fn streamed_json_is_the_pretty_printed_whole() {
        let reference = Reference::sdk();
        let index = Index::new(&[], &reference);
        let texts: Vec<String> = ["0x80070005", "wu_e_pt_soap_*", "NO_SUCH_NAME", "1112"]
            .map(String::from)
            .to_vec();
        let queries = parse_queries(&texts).expect("valid queries");
        for count in [0, 1, queries.len()] {
            let answers: Vec<Answer> = queries[..count].iter().map(|q| index.answer(q)).collect();
            for is_project in [false, true] {
                let whole = crate::pretty_json::to_pretty_json(&Output {
                    version: JSON_VERSION,
                    project: is_project,
                    queries: answers.iter().map(answer_json).collect(),
                });
                let mut streamed = json_start(is_project, answers.is_empty());
                for (number, answer) in answers.iter().enumerate() {
                    streamed.push_str(&json_answer(answer, number == 0));
                }
                streamed.push_str(json_end(answers.is_empty()));
                assert_eq!(streamed, String::from_utf8_lossy(&whole), "{count} answers");
            }
        }
    }

    #[test]
    fn long_lists_are_cut_on_a_line() {
        let names = (0..50_000).map(|i| format!("OM_E_{i}"));
        let line = listed(names, 50_000);
        assert!(line.starts_with("OM_E_0, OM_E_1, "), "{line}");
        assert!(
            line.ends_with("OM_E_9 and 49,990 more (--format json lists them all)"),
            "{line}"
        );
        assert_eq!(listed(["A".to_string()].into_iter(), 1), "A");
    }
}
