//! The pipeline: a project's configuration and documents, read, ingested
//! and normalized, and the check and the outputs run on the result; or,
//! for `check` and `build`, the same one document at a time
//! ([`streamed`]). The commands sit on top of it.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::check::{self, Baseline, CheckInput, CheckOutcome, Evaluation};
use crate::config::Config;
use crate::corpus::{Corpus, prefilter};
use crate::diagnostic::FailLevel;
use crate::emit::{self, OutputFile};
use crate::error::{Error, Result};
use crate::ingest::{self, IngestProblem, IngestedFile};
use crate::model::Dataset;
use crate::normalize::{self, DoubtfulRow, TranslationAlignment, UnreadableCode};
use crate::reference::{Reference, ReferenceError, SdkReference, UserReference};
use crate::source::{SourceFile, SourceLines};

pub mod streamed;

pub use streamed::UnfinishedCheck;

/// A loaded project: every file read, ingested and normalized. A project
/// read one document at a time ([`Project::load_documents`],
/// [`Project::load_checked`], [`Project::load_documents_in_memory`])
/// keeps the dataset (its records cut to what the check's last step read,
/// and for `build` their entries in the outputs on disk; whole for `build
/// --check`), the settings and the files' identities only: its
/// [`Project::files`] are empty, so checking it again, fixing it or
/// planning SARIF's fixes needs [`Project::load`].
#[derive(Debug)]
pub struct Project {
    /// The root folder.
    pub root: PathBuf,
    /// `errdocs.toml`.
    pub config: Config,
    /// What the pages are checked against besides each other: the Windows
    /// SDK's constants and the product's own (`[reference]`).
    pub reference: Reference,
    /// What is worth saying about the reference files (definitions errdocs
    /// read but could not use).
    pub reference_notes: Vec<String>,
    /// The documents and their locale files.
    pub corpus: Corpus,
    /// Every locale file, in corpus order, its text read again if a report
    /// asks for it: the text is not kept after ingest (on a large corpus it
    /// is a tenth of the memory a build needs).
    sources: Vec<LazySource>,
    /// What ingest read from each file, in the same order; empty for a
    /// project read one document at a time ([`Project::load_checked`]),
    /// which frees each document's files once it is checked.
    pub files: Vec<IngestedFile>,
    /// The canonical dataset. For a project read one document at a time,
    /// every record cut to what the check's last step read
    /// ([`check::counterparts::what_pairs_read`]; its statistics count the
    /// whole records): of [`Project::load_checked`] or
    /// [`Project::load_paths_checked`], without the unresolved rows, and
    /// [`Project::render_outputs`] and [`Project::build`] refuse to write
    /// it; of [`Project::load_documents`], with them, and every record's
    /// entries in the outputs on disk, from which the outputs are written.
    pub dataset: Dataset,
    /// What ingest could read only in part, file by file (empty, as
    /// [`Project::files`] is, for a project read one document at a time:
    /// the check has reported it).
    pub ingest_problems: Vec<IngestProblem>,
    /// Source rows whose code is not written canonically (empty for a
    /// project of [`Project::load_checked`]: its check has used them).
    pub unreadable_codes: Vec<UnreadableCode>,
    /// Source rows whose fields look misplaced (empty for a project of
    /// [`Project::load_checked`], as [`Project::unreadable_codes`] is).
    pub doubtful_rows: Vec<DoubtfulRow>,
    /// How each translation was joined to its source (empty, as
    /// [`Project::files`] is, for a project read one document at a time).
    pub alignments: Vec<TranslationAlignment>,
    /// Index into `sources` by path relative to the root.
    source_index: std::collections::HashMap<String, usize>,
    /// Files named on the command line (or found in folders named there)
    /// that were left out because they cannot hold a code table.
    pub skipped_files: usize,
    /// Whether [`Project::dataset`] holds whole records, or records cut to
    /// what the check reads and (for `build`) their entries on disk.
    dataset_form: DatasetForm,
}

/// What a project holds of its records.
#[derive(Debug)]
enum DatasetForm {
    /// Every record whole.
    Whole,
    /// Records cut to what the check's last step reads
    /// ([`Project::load_checked`]): the outputs cannot be written.
    Cut,
    /// Records cut as for [`DatasetForm::Cut`], and every record's entries
    /// in the outputs written to disk as its document finished
    /// ([`Project::load_documents`]).
    Spilled(emit::spill::SpilledDataset),
}

/// A locale file whose text is read again when first asked for, and used
/// only if it is the text that was ingested.
#[derive(Debug)]
struct LazySource {
    path: PathBuf,
    rel: String,
    /// The ingested text's length and hash.
    identity: (usize, u64),
    text: OnceLock<Option<SourceFile>>,
}

impl LazySource {
    /// A file's text, freed unless `keep_text`: read again when a report
    /// quotes it.
    fn freed((source, identity): ReadFile, keep_text: bool) -> Self {
        let text = OnceLock::new();
        // A pipe (`errdocs check <(git show REV:page.md)`) cannot be read
        // again: its text is kept, or the report said the file changed
        // while errdocs checked it.
        let once = std::fs::metadata(&source.path).is_ok_and(|m| !m.is_file());
        let (path, rel) = if keep_text || once {
            let names = (source.path.clone(), source.rel.clone());
            let _ = text.set(Some(source));
            names
        } else {
            (source.path, source.rel)
        };
        LazySource {
            identity,
            path,
            rel,
            text,
        }
    }

    /// The file read again, if it still has the text that was ingested.
    fn read_unchanged(&self) -> Option<SourceFile> {
        SourceFile::read(&self.path, self.rel.clone())
            .ok()
            .filter(|text| identity(text) == self.identity)
    }
}

/// [`Project::checked_out_dir`], before the project is read.
fn checked_out_dir(root: &Path, config: &Config, corpus: &Corpus) -> Result<PathBuf> {
    let out = config.out_dir(root);
    let refuse = |why: String| Error::Config {
        path: root.join(crate::config::CONFIG_FILE),
        line: config.out_line,
        message: format!("out = {:?}: {why}", config.out),
    };
    let sources = config.sources_dir(root);
    // Each path as written and, where it exists, with links resolved.
    let forms = |path: &Path| -> Vec<PathBuf> {
        let mut forms = vec![crate::corpus::lexical(path)];
        forms.extend(real_path(path));
        forms
    };
    let (outs, roots, sources) = (forms(&out), forms(root), forms(&sources));
    use crate::corpus::within;
    let pairs = |a: &[PathBuf], b: &[PathBuf]| {
        // Compare like with like: written with written, real with real.
        a.iter().zip(b).any(|(a, b)| within(a, b) || within(b, a))
    };
    let holds = |a: &[PathBuf], b: &[PathBuf]| a.iter().zip(b).any(|(a, b)| within(b, a));
    if holds(&outs, &roots) {
        return Err(refuse(
            "the output folder would be the project folder or hold it; build replaces the output folder whole: name a folder of its own, such as \"out\"".into(),
        ));
    }
    if pairs(&outs, &sources) {
        return Err(refuse(format!(
            "the output folder overlaps the sources folder ({:?}); build replaces the output folder whole: name a folder of its own, such as \"out\"",
            config.sources
        )));
    }
    if let Some((_, file)) = corpus
        .files()
        .find(|(_, file)| holds(&outs, &forms(&file.path)))
    {
        return Err(refuse(format!(
            "the output folder holds {}, a page of the project; build replaces the output folder whole",
            file.rel
        )));
    }
    let inside = outs.iter().zip(&roots).all(|(o, r)| within(o, r));
    if !inside && !config.out_outside_root {
        return Err(refuse(
            "the output folder is outside the project folder; set `out-outside-root = true` in errdocs.toml if that is meant".into(),
        ));
    }
    // Before anything is read or written, with where the link leads.
    crate::emit::outdir::check_link(&out)?;
    // Said here, with the line of `out`, rather than by the writer,
    // which knows only the path.
    if std::fs::metadata(&out).is_ok_and(|m| !m.is_dir()) {
        return Err(refuse(
            "names a file, not a folder; build writes its outputs into a folder: name a folder of its own, such as \"out\"".into(),
        ));
    }
    Ok(out)
}

/// `path` with every link resolved: the real path of its longest existing
/// ancestor, the rest as written. `None` when not even the current folder
/// resolves.
fn real_path(path: &Path) -> Option<PathBuf> {
    let lexical = crate::corpus::lexical(&std::env::current_dir().ok()?.join(path));
    let mut existing = lexical.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            let mut out = real;
            out.extend(rest.iter().rev());
            return Some(out);
        }
        rest.push(existing.file_name()?.to_os_string());
        existing = existing.parent()?;
    }
}

/// Each file's index in `sources`, by its path relative to the root.
fn index_by_path(sources: &[LazySource]) -> std::collections::HashMap<String, usize> {
    sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.rel.clone(), i))
        .collect()
}

/// What tells two versions of a file apart: its length and a hash of its
/// text.
fn identity(source: &SourceFile) -> (usize, u64) {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(source.text.as_bytes());
    (source.text.len(), hasher.finish())
}

/// A file read, and the identity of its text (see [`identity`]).
type ReadFile = (SourceFile, (usize, u64));

/// One file to ingest.
struct IngestJob<'a> {
    document: &'a str,
    locale: &'a str,
    is_source: bool,
    source: &'a SourceFile,
}

/// Ingests every file, spread over the machine's cores, each core taking
/// the next file as it finishes one (a page of a thousand codes beside
/// pages of ten). Files are independent and the results keep corpus
/// order, so the outputs do not depend on the thread count.
fn ingest_all(jobs: &[IngestJob]) -> (Vec<IngestedFile>, Vec<IngestProblem>) {
    let results = crate::threads::map_dynamic(jobs, |job| {
        let mut problems = Vec::new();
        let file = ingest::ingest(
            job.source,
            job.document,
            job.locale,
            job.is_source,
            &mut problems,
        );
        (file, problems)
    });
    let mut files = Vec::with_capacity(jobs.len());
    let mut problems = Vec::new();
    for (file, mut file_problems) in results {
        files.push(file);
        problems.append(&mut file_problems);
    }
    (files, problems)
}

impl Project {
    /// Reads and processes the project at `root`. Fails on what stops a run:
    /// configuration errors and unreadable files (missing, binary, not UTF-8,
    /// empty); every other problem becomes a finding.
    pub fn load(root: &Path) -> Result<Project> {
        let config = Config::load(root, &check::rule_ids())?;
        // The SDK facts are needed only after the pages are read: load them
        // meanwhile.
        if config.reference.sdk {
            SdkReference::preload();
        }
        let corpus = Corpus::discover(root, &config)?;
        let (user_references, reference_notes) = load_user_references(root, &config)?;
        // Read on all cores too: on a large corpus, reading is a tenth of
        // loading. The first error in corpus order is the one reported.
        let to_read: Vec<_> = corpus.files().map(|(_, file)| file).collect();
        // Each file's identity is taken as it is read, for `source` to
        // recognize the text later.
        let sources: Vec<ReadFile> = crate::threads::map_in_order(&to_read, |file| {
            SourceFile::read(&file.path, file.rel.clone()).map(|s| {
                let id = identity(&s);
                (s, id)
            })
        })
        .into_iter()
        .collect::<Result<_>>()?;
        let mut project = Self::assemble(root, config, corpus, sources, user_references);
        project.reference_notes = reference_notes;
        Ok(project)
    }

    /// Reads and processes the Markdown files at `paths` (files, and the
    /// Markdown files in folders, walked as [`crate::corpus::paths`] says),
    /// each a document of its own in the locale its front matter or path
    /// gives (else the configured source locale). `errdocs.toml` at `root`,
    /// if there is one, gives only the settings (rules, failing level).
    /// Files that cannot hold a code table ([`prefilter`]) are left out
    /// unread: they are counted in [`Project::skipped_files`].
    pub fn load_paths(root: &Path, paths: &[PathBuf]) -> Result<Project> {
        Self::load_paths_as(root, paths, false).map(|(project, _)| project)
    }

    /// [`Project::load_paths`], checked one document at a time as
    /// [`Project::load_checked`] does.
    pub fn load_paths_checked(root: &Path, paths: &[PathBuf]) -> Result<(Project, Evaluation)> {
        match Self::load_paths_as(root, paths, true)? {
            (project, Some(evaluation)) => Ok((project, evaluation)),
            // Not taken: read one document at a time, the check is done.
            (project, None) => {
                let evaluation = project.evaluate();
                Ok((project, evaluation))
            }
        }
    }

    /// [`Project::load_paths`]; with `streamed`, checked one document at a
    /// time, and the evaluation with it.
    fn load_paths_as(
        root: &Path,
        paths: &[PathBuf],
        streamed: bool,
    ) -> Result<(Project, Option<Evaluation>)> {
        let config = Config::load(root, &check::rule_ids())?;
        let (user_references, reference_notes) = load_user_references(root, &config)?;
        let default_locale = crate::corpus::source_locale_of(root, &config, None)?;
        let mut notes = Vec::new();
        let found = crate::corpus::paths::markdown_files_noted(paths, &mut notes)?;
        // Each file read, with its locale; `None` for a file left out.
        let read: Vec<Option<(ReadFile, String)>> = crate::threads::map_in_order(&found, |file| {
            let mut bytes = crate::source::read_page_bytes(&file.path)?;
            // A file with CR-only line ends has its tables on one "line"
            // for the prefilter's look, which goes by LF.
            crate::source::unify_line_ends(&mut bytes);
            if !prefilter::may_hold_code_table(&bytes) {
                return Ok(None);
            }
            let source = SourceFile::from_bytes(&file.path, file.shown.clone(), bytes)?;
            let locale = crate::corpus::paths::locale_of(&source.text, &file.shown)
                .unwrap_or_else(|| default_locale.clone());
            let id = identity(&source);
            Ok(Some(((source, id), locale)))
        })
        .into_iter()
        .collect::<Result<_>>()?;
        let skipped = read.iter().filter(|r| r.is_none()).count();
        // The SDK facts are needed only for pages that may hold codes:
        // prose alone never loads them.
        if config.reference.sdk && skipped < read.len() {
            SdkReference::preload();
        }
        let mut files = Vec::new();
        let mut sources = Vec::new();
        for (file, read) in found.into_iter().zip(read) {
            if let Some((source, locale)) = read {
                files.push((file, locale));
                sources.push(source);
            }
        }
        let mut corpus = Corpus::of_files(root, files);
        corpus.notes = notes;
        let (mut project, evaluation) = if streamed {
            let (project, unfinished) = Self::check_streamed(
                root,
                config,
                corpus,
                Some(sources),
                user_references,
                streamed::Kept::WhatPairsRead,
            )?;
            let evaluation = project.finish_check(unfinished);
            (project, Some(evaluation))
        } else {
            let project = Self::assemble(root, config, corpus, sources, user_references);
            (project, None)
        };
        project.skipped_files = skipped;
        project.reference_notes = reference_notes;
        Ok((project, evaluation))
    }

    /// The rest of loading, once the files are read: ingest, normalize, and
    /// the text freed.
    fn assemble(
        root: &Path,
        config: Config,
        corpus: Corpus,
        sources: Vec<ReadFile>,
        user_references: Vec<UserReference>,
    ) -> Project {
        Self::assemble_keeping_text(root, config, corpus, sources, user_references, false)
    }

    /// [`Project::assemble`], keeping the texts in memory when `keep_text`
    /// (for texts that are not on disk).
    fn assemble_keeping_text(
        root: &Path,
        config: Config,
        corpus: Corpus,
        sources: Vec<ReadFile>,
        user_references: Vec<UserReference>,
        keep_text: bool,
    ) -> Project {
        let jobs: Vec<IngestJob> = corpus
            .files()
            .zip(sources.iter().map(|(source, _)| source))
            .map(|((document, file), source)| IngestJob {
                document: &document.id,
                locale: &file.locale,
                is_source: file.is_source,
                source,
            })
            .collect();
        let (mut files, ingest_problems) = ingest_all(&jobs);
        // Normalize needs the references from here on (the SDK's, loaded
        // meanwhile on another thread, is ready or nearly).
        let reference = Reference::new(config.reference.sdk, user_references);
        // A translated table is read as the source table it translates.
        normalize::translations::adopt_source_roles(&mut files);
        // Everything else needs only what ingest read: free the text before
        // normalize and the check allocate.
        let sources: Vec<LazySource> = sources
            .into_iter()
            .map(|read| LazySource::freed(read, keep_text))
            .collect();
        let normalized = normalize::normalize(&corpus, &files, &reference);
        Project {
            source_index: index_by_path(&sources),
            root: root.to_path_buf(),
            config,
            reference,
            reference_notes: Vec::new(),
            corpus,
            sources,
            files,
            dataset: normalized.dataset,
            ingest_problems,
            unreadable_codes: normalized.unreadable_codes,
            doubtful_rows: normalized.doubtful_rows,
            alignments: normalized.alignments,
            skipped_files: 0,
            dataset_form: DatasetForm::Whole,
        }
    }

    /// What the check reads of the project.
    pub fn check_input(&self) -> CheckInput<'_> {
        CheckInput {
            files: &self.files,
            dataset: &self.dataset,
            ingest_problems: &self.ingest_problems,
            unreadable_codes: &self.unreadable_codes,
            doubtful_rows: &self.doubtful_rows,
            alignments: &self.alignments,
            reference: &self.reference,
        }
    }

    /// Every finding of every enabled rule at its configured severity, with
    /// inline suppressions applied; no baseline.
    pub fn evaluate(&self) -> Evaluation {
        check::evaluate(self.check_input(), &self.config)
    }

    /// The check with a baseline, if any, failing at `fail_on`.
    pub fn check(&self, baseline: Option<&Baseline>, fail_on: FailLevel) -> CheckOutcome {
        check::run(self.check_input(), &self.config, baseline, self, fail_on)
    }

    /// The output folder.
    pub fn out_dir(&self) -> PathBuf {
        self.config.out_dir(&self.root)
    }

    /// The output folder, refused where `build` must not write: `build`
    /// replaces the folder whole, so it may not be the root or hold it,
    /// hold or lie inside the sources folder, or hold a page of the
    /// project; and it lies inside the root unless errdocs.toml sets
    /// `out-outside-root = true`. Links are followed for each of these.
    pub fn checked_out_dir(&self) -> Result<PathBuf> {
        checked_out_dir(&self.root, &self.config, &self.corpus)
    }

    /// Renders every output file in memory.
    pub fn render_outputs(&self) -> Result<Vec<OutputFile>> {
        emit::render(self.dataset_output()?)
    }

    /// What the dataset's outputs are written from, unless the project
    /// holds only the part of the dataset `check` keeps.
    fn dataset_output(&self) -> Result<emit::DatasetOutput<'_>> {
        match &self.dataset_form {
            DatasetForm::Whole => Ok(emit::DatasetOutput::Whole(&self.dataset)),
            DatasetForm::Spilled(spilled) => Ok(emit::DatasetOutput::Spilled(&self.dataset, spilled)),
            DatasetForm::Cut => Err(Error::Usage(
                "this project was read for `check`, which keeps only part of the dataset: load it with Project::load, Project::load_documents or Project::load_documents_in_memory to write the dataset".into(),
            )),
        }
    }

    /// The check `build` runs: configured settings, no baseline.
    pub fn build_check(&self) -> CheckOutcome {
        self.check(None, self.config.check.fail_on)
    }

    /// `out/findings.json`: the JSON report of `outcome`.
    pub fn findings_output(&self, outcome: &CheckOutcome) -> OutputFile {
        OutputFile {
            name: crate::report::json::FINDINGS_FILE_NAME,
            bytes: crate::report::json::render_bytes(outcome),
        }
    }

    /// Every file `build` writes, rendered in memory (for `build --check`).
    pub fn outputs(&self, outcome: &CheckOutcome) -> Result<Vec<OutputFile>> {
        let mut outputs = self.render_outputs()?;
        outputs.push(self.findings_output(outcome));
        Ok(outputs)
    }

    /// What `errdocs build` does after loading: runs the check while the
    /// dataset's outputs render, then writes every output, the findings
    /// included, into the output folder (see [`emit::render_and_write`]).
    /// Returns the check's outcome and the paths written.
    pub fn build(&self) -> Result<(CheckOutcome, Vec<PathBuf>)> {
        emit::render_and_write(self.dataset_output()?, &self.checked_out_dir()?, |stager| {
            let outcome = self.build_check();
            // Streamed: the findings of a large corpus run to tens of
            // megabytes.
            stager.write(crate::report::json::FINDINGS_FILE_NAME, |out| {
                crate::report::json::write(&outcome, out)
            });
            outcome
        })
    }

    /// The source file at a path relative to the root, read again on first
    /// use (for the lines that reports quote). `None` for a path that is
    /// not a locale file of the project, or whose text is no longer the one
    /// ingested (changed or removed since): quoting it would quote the
    /// wrong lines.
    pub fn source(&self, rel: &str) -> Option<&SourceFile> {
        let source = self.sources.get(*self.source_index.get(rel)?)?;
        source.text.get_or_init(|| source.read_unchanged()).as_ref()
    }

    /// Takes `source` as the text of its file (by its path relative to the
    /// root) for [`Project::source`], when it is the text that was
    /// ingested: a caller that read the file itself (`errdocs fix`, which
    /// needs its bytes) need not have it read again. False when it is not
    /// that text (the file changed since) or not a file of the project.
    pub fn adopt_source(&self, source: SourceFile) -> bool {
        let Some(lazy) = self
            .source_index
            .get(&source.rel)
            .and_then(|&i| self.sources.get(i))
        else {
            return false;
        };
        if identity(&source) != lazy.identity {
            return false;
        }
        // Read already: it is this text, or the file changed since ingest.
        let _ = lazy.text.set(Some(source));
        lazy.text.get().is_some_and(Option::is_some)
    }

    /// The project again with these texts for its files, one per locale
    /// file in corpus order (what `errdocs fix` has made of them): the same
    /// settings and documents, every stage run again on the texts. Nothing
    /// is read from disk, and [`Project::source`] gives these texts.
    pub fn with_sources(&self, sources: Vec<SourceFile>) -> Project {
        let sources: Vec<ReadFile> = sources
            .into_iter()
            .map(|s| {
                let id = identity(&s);
                (s, id)
            })
            .collect();
        let mut project = Self::assemble_keeping_text(
            &self.root,
            self.config.clone(),
            self.corpus.clone(),
            sources,
            self.reference.user_references().to_vec(),
            true,
        );
        project.skipped_files = self.skipped_files;
        project.reference_notes = self.reference_notes.clone();
        project
    }

    /// The replacements of the files' text that each of `findings` makes
    /// with its fix (see [`crate::fix::replacements_by_finding`]), for the
    /// SARIF report. The files' texts must be at hand (after
    /// [`Project::require_sources`]); a file whose text is not gives none.
    pub fn fix_replacements(
        &self,
        findings: &[crate::diagnostic::Finding],
    ) -> Vec<Vec<crate::diagnostic::Replacement>> {
        let sources: Option<Vec<&SourceFile>> =
            self.files.iter().map(|f| self.source(&f.file)).collect();
        let Some(sources) = sources else {
            return vec![Vec::new(); findings.len()];
        };
        crate::fix::replacements_by_finding(crate::fix::PlanInput {
            files: &self.files,
            sources: &sources,
            alignments: &self.alignments,
            findings,
        })
    }

    /// Reads every file again, fails unless each still has the text that
    /// was ingested (as [`Project::require_sources`]), and keeps only the
    /// lines `findings` are at: what reports quote and fingerprints hash.
    /// Files are read side by side and each text is dropped once its lines
    /// are taken, so a large corpus's texts are never in memory together.
    pub fn quote_lines(&self, findings: &[crate::diagnostic::Finding]) -> Result<QuotedLines> {
        let mut wanted: rustc_hash::FxHashMap<&str, Vec<usize>> = rustc_hash::FxHashMap::default();
        for finding in findings {
            wanted
                .entry(&finding.location.file)
                .or_default()
                .push(finding.location.line);
            // The rows of a finding said once for a table: a diff knows
            // them by their lines (`diagnostic::row_fingerprints`).
            if finding.scope.is_some_and(|scope| scope.rolled_up) {
                for related in &finding.related {
                    wanted
                        .entry(&related.location.file)
                        .or_default()
                        .push(related.location.line);
                }
            }
        }
        // Each line once, however many findings it has: a table written on
        // one line can carry thousands.
        for lines in wanted.values_mut() {
            lines.sort_unstable();
            lines.dedup();
        }
        let quoted = crate::threads::map_in_order(&self.sources, |lazy| {
            let lines = wanted.get(lazy.rel.as_str());
            let take = |source: &SourceFile| -> Vec<(usize, Box<str>)> {
                lines
                    .into_iter()
                    .flatten()
                    .filter_map(|&line| Some((line, source.line_text(line)?.into())))
                    .collect()
            };
            // A text already at hand (a baseline's fingerprints read it)
            // is not read again.
            let taken = match lazy.text.get() {
                Some(text) => text.as_ref().map(take),
                None => lazy.read_unchanged().as_ref().map(take),
            };
            taken.ok_or_else(|| changed_during_run(&lazy.path))
        });
        let mut lines = rustc_hash::FxHashMap::default();
        for (lazy, taken) in self.sources.iter().zip(quoted) {
            let taken = taken?;
            if !taken.is_empty() {
                lines.insert(lazy.rel.clone(), taken);
            }
        }
        Ok(QuotedLines { lines })
    }

    /// Reads every file again and fails unless each still has the text
    /// that was ingested. Reports quote findings' lines, and baselines and
    /// SARIF fingerprint findings by them: a file edited during the run
    /// would change them silently. After this, [`Project::source`] gives
    /// every file's ingested text.
    pub fn require_sources(&self) -> Result<()> {
        for source in &self.sources {
            if self.source(&source.rel).is_none() {
                return Err(changed_during_run(&source.path));
            }
        }
        Ok(())
    }
}

/// The references `config` names: the Windows SDK's constants (unless
/// `[reference] sdk = false`) and each of `[reference] files`, with what is
/// worth saying about the files (see [`load_user_references`]).
pub fn load_reference(root: &Path, config: &Config) -> Result<(Reference, Vec<String>)> {
    let (user, notes) = load_user_references(root, config)?;
    Ok((Reference::new(config.reference.sdk, user), notes))
}

/// The files of `[reference] files`, read relative to `root` and named as
/// written, and what is worth saying about them: the definitions errdocs
/// read but could not use.
///
/// A file that is missing or has a format errdocs does not read is an
/// error at its line in errdocs.toml; a line of a file that errdocs cannot
/// read is an error at that line of the file.
pub fn load_user_references(
    root: &Path,
    config: &Config,
) -> Result<(Vec<UserReference>, Vec<String>)> {
    let settings = &config.reference;
    let config_path = root.join(crate::config::CONFIG_FILE);
    let mut files = Vec::with_capacity(settings.files.len());
    let mut notes = Vec::new();
    for (index, written) in settings.files.iter().enumerate() {
        let shown = Path::new(written);
        let in_config = |message: String| Error::Config {
            path: config_path.clone(),
            line: settings.line_of_file(index),
            message,
        };
        let file = UserReference::read_named(&root.join(shown), shown).map_err(|error| match error {
            ReferenceError::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
                in_config(format!(
                    "[reference] files: `{written}` does not exist (paths are relative to the folder holding errdocs.toml)"
                ))
            }
            ReferenceError::Io { source, .. }
                if source.kind() == std::io::ErrorKind::InvalidInput =>
            {
                in_config(format!("[reference] files: `{written}` {source}"))
            }
            // A link that leads in a circle is the setting's fault, as a
            // missing file is: said at its line.
            ReferenceError::Io { source, .. } if is_link_loop(&source) => in_config(format!(
                "[reference] files: `{written}` is a symbolic link that leads in a circle"
            )),
            // The file as the user can open it from where errdocs runs
            // (`--root elsewhere`), not as errdocs.toml names it.
            ReferenceError::Io { path, source } => Error::io(root.join(path), source),
            ReferenceError::Malformed {
                path,
                line,
                message,
            } => Error::Reference {
                path: root.join(path),
                line: Some(line),
                message,
            },
            ReferenceError::Unusable { path, message } => Error::Reference {
                path: root.join(path),
                line: None,
                message,
            },
            ReferenceError::UnknownFormat { .. } => in_config(error.to_string()),
        })?;
        if file.is_empty() && file.skipped().is_empty() {
            notes.push(format!(
                "{written}: defines no constant errdocs reads (a C header's `#define NAME value`, or rows of name and value)"
            ));
        }
        if !file.skipped().is_empty() {
            notes.push(skipped_note(written, file.skipped()));
        }
        files.push(file);
    }
    Ok((files, notes))
}

/// How many skipped definitions of one file the note names one by one.
const SKIPPED_SHOWN: usize = 5;

/// How many more skipped definitions the note gives the lines of.
const SKIPPED_LINES: usize = 100;

/// The note for the definitions of the reference file `written` that were
/// not read as constants: the first [`SKIPPED_SHOWN`] each with its line
/// and why, then how many more and the lines of the next
/// [`SKIPPED_LINES`].
fn skipped_note(written: &str, skipped: &[crate::reference::SkippedDefinition]) -> String {
    let count = skipped.len();
    let shown: Vec<String> = skipped
        .iter()
        .take(SKIPPED_SHOWN)
        .map(|s| format!("line {} (`{}`: {})", s.line, s.name, s.reason))
        .collect();
    let mut note = format!(
        "{written}: {count} definition{} not read as constants: {}",
        if count == 1 { "" } else { "s" },
        shown.join("; ")
    );
    if count > SKIPPED_SHOWN {
        // Their lines, up to a point: a generated header may skip
        // thousands.
        let mut lines: Vec<String> = skipped[SKIPPED_SHOWN..]
            .iter()
            .take(SKIPPED_LINES)
            .map(|s| s.line.to_string())
            .collect();
        if count - SKIPPED_SHOWN > SKIPPED_LINES {
            lines.push("…".into());
        }
        note.push_str(&format!(
            "; and {} more, at lines {}",
            count - SKIPPED_SHOWN,
            lines.join(", ")
        ));
    }
    note
}

/// True for the error opening a path whose links lead in a circle
/// (`ELOOP`; std has no stable kind for it).
fn is_link_loop(error: &std::io::Error) -> bool {
    #[cfg(target_os = "linux")]
    {
        error.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = error;
        false
    }
}

/// The error for a file whose text is not the one ingested any more.
fn changed_during_run(path: &Path) -> Error {
    Error::io(
        path,
        std::io::Error::other(
            "changed or removed while errdocs was checking it; run the check again",
        ),
    )
}

/// The lines findings are at, taken from the files' texts after the check
/// (see [`Project::quote_lines`]).
#[derive(Debug, Default)]
pub struct QuotedLines {
    /// By path relative to the root: the lines, sorted by number.
    lines: rustc_hash::FxHashMap<String, Vec<(usize, Box<str>)>>,
}

impl QuotedLines {
    /// How many lines are held (each once, however many findings it has).
    pub fn len(&self) -> usize {
        self.lines.values().map(Vec::len).sum()
    }

    /// True when no line is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl SourceLines for QuotedLines {
    fn line_text(&self, file: &str, line: usize) -> Option<&str> {
        let lines = self.lines.get(file)?;
        let at = lines.binary_search_by_key(&line, |(n, _)| *n).ok()?;
        Some(&lines[at].1)
    }
}

impl SourceLines for Project {
    fn line_text(&self, file: &str, line: usize) -> Option<&str> {
        self.source(file)?.line_text(line)
    }
}
