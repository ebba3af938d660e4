//! The check that reads one document at a time: each document (its locale
//! files together) is read, ingested, normalized and checked on a core of
//! its own, and only what outlives it is kept: its records, each cut to
//! what the rules that compare documents read (for `build`, their entries
//! in the outputs are first written to disk, see [`crate::emit::spill`]),
//! its findings, its suppressions and its summary. Its cells and tables
//! are freed before the next document is taken, so the memory a check
//! needs follows the largest document and the cut records, not the whole
//! corpus's cells.
//!
//! The result is the same as loading the whole project and checking it
//! ([`Project::load`] then [`Project::evaluate`]), which a test holds it
//! to: the counterpart evidence of every document comes from the
//! [`NameBoard`], the rules that compare documents run on the records
//! once every document is read ([`check::evaluate_records`]).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap as HashMap;

use super::{LazySource, Project, ReadFile, identity, load_user_references};
use crate::check::reference::VerdictMemo;
use crate::check::{self, CheckInput, CheckOutcome, DocumentEvaluation, Evaluation};
use crate::config::Config;
use crate::corpus::{Corpus, Document, LocaleFile};
use crate::emit::spill::{Spill, SpilledDocument};
use crate::error::Result;
use crate::ingest::{self, IngestProblem, IngestedFile};
use crate::model::{Dataset, DocumentSummary};
use crate::normalize::name_board::NameBoard;
use crate::normalize::{self, DocumentPart, FileCounts};
use crate::reference::{Reference, SdkReference, UserReference};
use crate::source::{Location, SourceFile};

/// What is kept of one document once it is checked.
struct Checked {
    part: DocumentPart,
    evaluation: DocumentEvaluation,
    summary: DocumentSummary,
    counts: FileCounts,
    /// How many rows its records have (its translations' rows included).
    rows_in_records: usize,
    /// Its records' entries in the outputs, written to disk (for `build`).
    spilled: Option<SpilledDocument>,
    /// Where its source file's first code table is.
    first_code_table: Option<Location>,
    sources: Vec<LazySource>,
    /// The names its counterpart evidence asked for and took as stated by
    /// no document before every document had published (see
    /// [`NameBoard`]): if one is stated after all, the document is read
    /// and checked again.
    unsettled: Vec<String>,
}

/// One document to check: its rank in the corpus, and its files' texts
/// where they were read already (taken by the core that checks it).
type DocumentJob<'a> = (usize, &'a Document, Mutex<Option<Vec<ReadFile>>>);

/// The settings every document is read with.
struct Settings<'a> {
    config: &'a Config,
    reference: &'a Reference,
    board: &'a NameBoard,
    verdicts: &'a VerdictMemo<'a>,
    /// True when there are too few documents to keep every core busy: a
    /// document's files are then ingested, and its rules run, side by
    /// side.
    split_documents: bool,
    /// What is kept of each document's records.
    kept: Kept,
    /// Where the records' entries are written, for [`Kept::Spilled`].
    spill: Option<&'a Spill>,
    /// The rank of the first document that could not be read, so far
    /// (`usize::MAX` while none): the documents after it are not read.
    first_failure: &'a AtomicUsize,
}

impl Settings<'_> {
    /// True when a document before `rank` could not be read.
    fn stopped_before(&self, rank: usize) -> bool {
        rank > self.first_failure.load(Ordering::SeqCst)
    }
}

/// What is kept of each document's records, rows and codes once it is
/// checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kept {
    /// The whole dataset, in memory, for `build --check`, which compares
    /// the outputs and writes nothing.
    Whole,
    /// Only what the rules that compare documents read
    /// ([`check::counterparts::what_pairs_read`]), for `check`.
    WhatPairsRead,
    /// The same, and each record's entries in the outputs written to disk
    /// (see [`crate::emit::spill`]), for `build`, which writes them.
    Spilled,
}

impl Project {
    /// Reads and checks the project at `root` one document at a time (see
    /// the module's documentation): the project (its sources and settings;
    /// [`Project::files`] is empty, each document's files freed once it was
    /// checked) and the check's evaluation, which is
    /// [`Project::evaluate`]'s on [`Project::load`]'s project. For `check`,
    /// which needs only the findings: of the dataset, the project keeps
    /// only what the check's last step read
    /// ([`check::counterparts::what_pairs_read`]), and no unresolved row.
    /// [`Project::load_documents`] keeps the unresolved rows too, and the
    /// records' entries in the outputs on disk; the commands that need the
    /// files (`fix`, SARIF's fixes) load the whole project.
    pub fn load_checked(root: &Path) -> Result<(Project, Evaluation)> {
        let (project, unfinished) = Self::load_streamed(root, Kept::WhatPairsRead)?;
        let evaluation = project.finish_check(unfinished);
        Ok((project, evaluation))
    }

    /// [`Project::load_checked`], but for its last step, the rules that
    /// compare records across documents, left to [`Project::finish_check`]
    /// (or [`Project::build_finishing`], which writes the outputs
    /// meanwhile). For `build`: the project keeps the records cut as
    /// `check`'s are, and each record's entries in the outputs, rendered as
    /// its document finished, in a temporary file (see
    /// [`crate::emit::spill`]), from which [`Project::render_outputs`] and
    /// [`Project::build_finishing`] write the outputs.
    ///
    /// The output folder is checked first ([`Project::checked_out_dir`]),
    /// and the temporary file made in the folder that holds it (its
    /// nearest existing ancestor): `build` writes nowhere else.
    pub fn load_documents(root: &Path) -> Result<(Project, UnfinishedCheck)> {
        Self::load_streamed(root, Kept::Spilled)
    }

    /// [`Project::load_documents`], keeping the whole dataset in memory
    /// rather than on disk: for `build --check`, which writes nothing.
    pub fn load_documents_in_memory(root: &Path) -> Result<(Project, UnfinishedCheck)> {
        Self::load_streamed(root, Kept::Whole)
    }

    /// Reads the project at `root` one document at a time, keeping `kept`
    /// of each.
    fn load_streamed(root: &Path, kept: Kept) -> Result<(Project, UnfinishedCheck)> {
        let config = Config::load(root, &check::rule_ids())?;
        if config.reference.sdk {
            SdkReference::preload();
        }
        let corpus = Corpus::discover(root, &config)?;
        let (user_references, reference_notes) = load_user_references(root, &config)?;
        let (mut project, unfinished) =
            Self::check_streamed(root, config, corpus, None, user_references, kept)?;
        project.reference_notes = reference_notes;
        Ok((project, unfinished))
    }

    /// Checks `corpus` one document at a time, keeping `kept` of each.
    /// `texts`, where given, are the locale files' texts in corpus order,
    /// read already; otherwise each document's files are read as it is
    /// taken.
    pub(super) fn check_streamed(
        root: &Path,
        config: Config,
        corpus: Corpus,
        texts: Option<Vec<ReadFile>>,
        user_references: Vec<UserReference>,
        kept: Kept,
    ) -> Result<(Project, UnfinishedCheck)> {
        let reference = Reference::new(config.reference.sdk, user_references);
        let board = NameBoard::new(corpus.documents.len());
        let verdicts = VerdictMemo::new(&reference);
        // The first error in corpus order is the one reported: once a
        // document fails, those after it are not read (the run stops
        // without checking the rest of a large corpus), those before it
        // are, in case one of them fails too.
        let first_failure = AtomicUsize::new(usize::MAX);
        // Beside the output folder, once `build` may write it, rather than
        // in a temporary folder that may be memory.
        let spill = match kept {
            Kept::Whole | Kept::WhatPairsRead => None,
            Kept::Spilled => {
                let out = super::checked_out_dir(root, &config, &corpus)?;
                let dir = out.ancestors().skip(1).find(|d| d.is_dir()).unwrap_or(root);
                Some(Spill::create(dir)?)
            }
        };
        let settings = Settings {
            config: &config,
            reference: &reference,
            board: &board,
            verdicts: &verdicts,
            split_documents: corpus.documents.len() < 4 * crate::threads::cores(),
            kept,
            spill: spill.as_ref(),
            first_failure: &first_failure,
        };
        // Each document's texts, taken by the core that checks it.
        let mut texts = texts.map(|texts| texts.into_iter());
        let jobs: Vec<DocumentJob> = corpus
            .documents
            .iter()
            .enumerate()
            .map(|(rank, document)| {
                let own = texts
                    .as_mut()
                    .map(|texts| texts.by_ref().take(document.files.len()).collect());
                (rank, document, Mutex::new(own))
            })
            .collect();
        let outcomes = crate::threads::map_dynamic(&jobs, |(rank, document, texts)| {
            if settings.stopped_before(*rank) {
                // Published empty: a document under way may wait for it.
                drop(settings.board.publication(*rank));
                return None;
            }
            let texts = texts
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .take();
            Some(check_document(*rank, document, texts, &settings))
        });
        // A document left out comes after one that failed, whose error
        // `collect` returns first.
        let outcomes: Vec<Checked> = outcomes.into_iter().flatten().collect::<Result<_>>()?;
        debug_assert_eq!(outcomes.len(), corpus.documents.len(), "none left out");
        // Every document has published: a document that took a name as
        // stated by nobody is checked again if somebody does state it.
        let outcomes: Vec<Checked> = outcomes
            .into_iter()
            .enumerate()
            .map(|(rank, checked)| {
                if checked.unsettled.iter().any(|name| board.is_stated(name)) {
                    check_again(rank, &corpus.documents[rank], checked, &settings)
                } else {
                    Ok(checked)
                }
            })
            .collect::<Result<_>>()?;

        let mut summaries = Vec::with_capacity(outcomes.len());
        let mut counts = FileCounts::default();
        let mut parts = Vec::with_capacity(outcomes.len());
        let mut evaluations = Vec::with_capacity(outcomes.len());
        let mut first_code_tables = HashMap::default();
        let mut sources = Vec::new();
        let mut rows_in_records = 0;
        let mut spilled = Vec::new();
        for checked in outcomes {
            rows_in_records += checked.rows_in_records;
            spilled.extend(checked.spilled);
            if let Some(location) = checked.first_code_table {
                first_code_tables.insert(Arc::from(checked.summary.id.as_str()), location);
            }
            summaries.push(checked.summary);
            counts.add(checked.counts);
            parts.push(checked.part);
            evaluations.push(checked.evaluation);
            sources.extend(checked.sources);
        }
        let mut normalized = normalize::assemble(summaries, counts, parts);
        // Counted before the records were cut.
        normalized.dataset.stats.rows_in_records = rows_in_records;
        let dataset_form = match (kept, spill) {
            (_, Some(spill)) => super::DatasetForm::Spilled(spill.finish(spilled)?),
            (Kept::Whole, None) => super::DatasetForm::Whole,
            (_, None) => super::DatasetForm::Cut,
        };
        let project = Project {
            source_index: super::index_by_path(&sources),
            root: root.to_path_buf(),
            config,
            reference,
            reference_notes: Vec::new(),
            corpus,
            sources,
            files: Vec::new(),
            dataset: normalized.dataset,
            ingest_problems: Vec::new(),
            unreadable_codes: normalized.unreadable_codes,
            doubtful_rows: normalized.doubtful_rows,
            alignments: Vec::new(),
            skipped_files: 0,
            dataset_form,
        };
        let unfinished = UnfinishedCheck {
            documents: evaluations,
            first_code_tables,
        };
        Ok((project, unfinished))
    }

    /// The last step of a check that read one document at a time: the
    /// rules that compare records across documents, on the dataset (see
    /// [`check::evaluate_records`]).
    pub fn finish_check(&self, unfinished: UnfinishedCheck) -> Evaluation {
        let input = CheckInput {
            files: &[],
            dataset: &self.dataset,
            ingest_problems: &[],
            unreadable_codes: &[],
            doubtful_rows: &[],
            alignments: &[],
            reference: &self.reference,
        };
        check::evaluate_records(
            input,
            &unfinished.first_code_tables,
            unfinished.documents,
            &self.config,
        )
    }

    /// What `errdocs build` does after [`Project::load_documents`]: finishes
    /// the check while the dataset's outputs are written, then writes every
    /// output, the findings included, into the output folder (see
    /// [`emit::render_and_write`]). Returns the check's outcome (failing
    /// at the configured level) and the paths written.
    ///
    /// [`emit::render_and_write`]: crate::emit::render_and_write
    pub fn build_finishing(
        &self,
        unfinished: UnfinishedCheck,
    ) -> Result<(CheckOutcome, Vec<PathBuf>)> {
        crate::emit::render_and_write(self.dataset_output()?, &self.checked_out_dir()?, |stager| {
            let evaluation = self.finish_check(unfinished);
            let outcome = check::outcome(evaluation, None, self, self.config.check.fail_on);
            // Streamed: the findings of a large corpus run to tens of
            // megabytes.
            stager.write(crate::report::json::FINDINGS_FILE_NAME, |out| {
                crate::report::json::write(&outcome, out)
            });
            outcome
        })
    }
}

/// A check that read every document, waiting for its last step (see
/// [`Project::finish_check`]).
#[derive(Debug)]
pub struct UnfinishedCheck {
    /// What each document's rules found, in corpus order.
    documents: Vec<DocumentEvaluation>,
    /// Each document's first code table.
    first_code_tables: HashMap<Arc<str>, Location>,
}

/// Reads (unless `texts` are given), ingests, normalizes and checks one
/// document, publishing its names on the board as soon as it is ingested.
fn check_document(
    rank: usize,
    document: &Document,
    texts: Option<Vec<ReadFile>>,
    settings: &Settings,
) -> Result<Checked> {
    // Kept even if this document stops early: those after it may wait for
    // its names.
    let publication = settings.board.publication(rank);
    let texts = match texts {
        Some(texts) => texts,
        None => {
            let read = document
                .files
                .iter()
                .map(|file| {
                    SourceFile::read(&file.path, file.rel.clone()).map(|s| {
                        let id = identity(&s);
                        (s, id)
                    })
                })
                .collect::<Result<Vec<_>>>();
            match read {
                Ok(texts) => texts,
                Err(error) => {
                    // Said before the publication is released: the
                    // documents after this one, which may wait for it, are
                    // then not taken once they are done.
                    settings.first_failure.fetch_min(rank, Ordering::SeqCst);
                    return Err(error);
                }
            }
        }
    };
    let files = ingest_document(document, &texts, settings);
    publication.publish(normalize::name_index_of(&files.0));
    let sources = texts
        .into_iter()
        .map(|read| LazySource::freed(read, false))
        .collect();
    let view = settings.board.view(rank);
    let part = normalize::normalize_document(0, &files.0, &view, settings.reference);
    let mut checked =
        finish_document(document, &files.0, &files.1, part, settings).inspect_err(|_| {
            // A record that cannot be written to disk (a full disk) stops
            // the run as an unreadable page does.
            settings.first_failure.fetch_min(rank, Ordering::SeqCst);
        })?;
    checked.sources = sources;
    checked.unsettled = view.unsettled();
    Ok(checked)
}

/// Ingests one document's files (side by side where
/// [`Settings::split_documents`]), each translated table read as the
/// source table it translates; and what ingest could read only in part.
fn ingest_document(
    document: &Document,
    texts: &[ReadFile],
    settings: &Settings,
) -> (Vec<IngestedFile>, Vec<IngestProblem>) {
    let jobs: Vec<_> = document.files.iter().zip(texts).collect();
    let ingest_one = |(file, (source, _)): &(&LocaleFile, &ReadFile)| {
        let mut problems = Vec::new();
        let ingested = ingest::ingest(
            source,
            &document.id,
            &file.locale,
            file.is_source,
            &mut problems,
        );
        (ingested, problems)
    };
    let ingested = if settings.split_documents {
        crate::threads::map_dynamic(&jobs, ingest_one)
    } else {
        jobs.iter().map(ingest_one).collect()
    };
    let mut problems = Vec::new();
    let mut files: Vec<IngestedFile> = Vec::with_capacity(ingested.len());
    for (file, mut file_problems) in ingested {
        files.push(file);
        problems.append(&mut file_problems);
    }
    normalize::translations::adopt_source_roles(&mut files);
    (files, problems)
}

/// Checks document `rank` again, once every document has published: its
/// files read again (they must still have the text checked first).
fn check_again(
    rank: usize,
    document: &Document,
    first: Checked,
    settings: &Settings,
) -> Result<Checked> {
    let texts: Vec<ReadFile> = first
        .sources
        .iter()
        .map(|lazy| {
            let text = match lazy.text.get() {
                Some(kept) => kept.clone(),
                None => lazy.read_unchanged(),
            };
            text.map(|source| (source, lazy.identity))
                .ok_or_else(|| super::changed_during_run(&lazy.path))
        })
        .collect::<Result<_>>()?;
    let (files, problems) = ingest_document(document, &texts, settings);
    let view = settings.board.view(rank);
    let part = normalize::normalize_document(0, &files, &view, settings.reference);
    let mut checked = finish_document(document, &files, &problems, part, settings)?;
    checked.sources = first.sources;
    Ok(checked)
}

/// Checks one normalized document and keeps what outlives its files.
fn finish_document(
    document: &Document,
    files: &[IngestedFile],
    problems: &[IngestProblem],
    part: DocumentPart,
    settings: &Settings,
) -> Result<Checked> {
    let DocumentPart {
        records,
        unresolved,
        unreadable_codes,
        doubtful_rows,
        alignments,
    } = part;
    // In the dataset's order, which rules that take the first of several
    // records follow; and linked to their counterparts within the
    // document (those across documents are linked once every document is
    // read).
    let mut records = normalize::sort_records(records);
    normalize::link_counterparts(&mut records);
    let dataset = Dataset {
        documents: Vec::new(),
        records,
        unresolved: Vec::new(),
        stats: crate::model::Stats {
            rows_read: files.iter().map(IngestedFile::row_count).sum(),
            ..Default::default()
        },
    };
    let evaluation = check::evaluate_document(
        CheckInput {
            files,
            dataset: &dataset,
            ingest_problems: problems,
            unreadable_codes: &unreadable_codes,
            doubtful_rows: &doubtful_rows,
            alignments: &alignments,
            reference: settings.reference,
        },
        settings.config,
        settings.verdicts,
        settings.split_documents,
    );
    let own: Vec<&IngestedFile> = files.iter().collect();
    let rows_in_records = dataset.records.iter().map(|r| r.sources.len()).sum();
    let spilled = match settings.spill {
        Some(spill) => Some(spill.write_document(&dataset.records)?),
        None => None,
    };
    let records = match settings.kept {
        Kept::Whole => dataset.records,
        Kept::WhatPairsRead | Kept::Spilled => {
            check::counterparts::what_pairs_read(dataset.records)
        }
    };
    let part = if settings.kept != Kept::WhatPairsRead {
        DocumentPart {
            records,
            unresolved,
            unreadable_codes,
            doubtful_rows,
            alignments: Vec::new(),
        }
    } else {
        DocumentPart {
            records,
            ..DocumentPart::default()
        }
    };
    Ok(Checked {
        part,
        rows_in_records,
        spilled,
        evaluation,
        summary: normalize::summarize(document, &own),
        counts: FileCounts::of(files),
        first_code_table: check::context::first_code_table(files, &document.id),
        sources: Vec::new(),
        unsettled: Vec::new(),
    })
}
