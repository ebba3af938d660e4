//! A project: its configuration, documents and everything the pipeline
//! makes of them.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::corpus::Corpus;
use crate::emit::{self, OutputFile};
use crate::error::Result;
use crate::finding::{Finding, sort_findings};
use crate::ingest::{self, IngestedFile};
use crate::model::Dataset;
use crate::normalize;
use crate::source::SourceFile;

/// A loaded project: every file read, ingested and normalized.
#[derive(Debug)]
pub struct Project {
    /// The root folder.
    pub root: PathBuf,
    /// `errdocs.toml`.
    pub config: Config,
    /// The documents and their locale files.
    pub corpus: Corpus,
    /// The text of every locale file, in corpus order.
    pub sources: Vec<SourceFile>,
    /// What ingest read from each file, in the same order.
    pub files: Vec<IngestedFile>,
    /// The canonical dataset.
    pub dataset: Dataset,
    /// Findings of ingest and normalize, sorted.
    pub findings: Vec<Finding>,
}

impl Project {
    /// Reads and processes the project at `root`. Fails on what stops a run:
    /// configuration errors and unreadable files (missing, binary, not UTF-8,
    /// empty); every other problem becomes a finding.
    pub fn load(root: &Path) -> Result<Project> {
        let config = Config::load(root)?;
        let corpus = Corpus::discover(root, &config)?;
        let mut sources = Vec::new();
        for (_, file) in corpus.files() {
            sources.push(SourceFile::read(&file.path, file.rel.clone())?);
        }
        let mut findings = Vec::new();
        let files: Vec<IngestedFile> = corpus
            .files()
            .zip(&sources)
            .map(|((document, file), source)| {
                ingest::ingest(
                    source,
                    &document.id,
                    &file.locale,
                    file.is_source,
                    &mut findings,
                )
            })
            .collect();
        let normalized = normalize::normalize(&corpus, &files);
        findings.extend(normalized.findings);
        sort_findings(&mut findings);
        Ok(Project {
            root: root.to_path_buf(),
            config,
            corpus,
            sources,
            files,
            dataset: normalized.dataset,
            findings,
        })
    }

    /// The output folder.
    pub fn out_dir(&self) -> PathBuf {
        self.config.out_dir(&self.root)
    }

    /// Renders every output file in memory.
    pub fn render_outputs(&self) -> Result<Vec<OutputFile>> {
        emit::render(&self.dataset)
    }

    /// The source file at a path relative to the root.
    pub fn source(&self, rel: &str) -> Option<&SourceFile> {
        self.sources.iter().find(|s| s.rel == rel)
    }
}
