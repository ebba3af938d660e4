//! A translated table's columns are read by what their cells hold, and
//! matched to its source table's columns by content, never by position: a
//! translation may write its columns in another order, drop one or add
//! one. Only the roles its own content leaves open come from the source.

mod common;

use common::project_with;
use errdocs::Project;

const SOURCE: &str = "# Codes\n\n\
| Code | Name | Description |\n|---|---|---|\n\
| 0x80070005 | E_ACCESSDENIED | Access is denied. |\n\
| 0x8007000E | E_OUTOFMEMORY | Out of memory. |\n\
| 0x80070057 | E_INVALIDARG | One or more arguments are invalid. |\n";

/// A project of one document: its `en-us.md` and `pt-br.md`.
fn load(source: &str, translation: &str) -> Project {
    let dir = project_with(&[
        ("sources/doc/en-us.md", source.as_bytes()),
        ("sources/doc/pt-br.md", translation.as_bytes()),
    ]);
    Project::load(dir.path()).expect("loads")
}

/// The (header, role) of each column of the first table in `locale`.
fn roles(project: &Project, locale: &str) -> Vec<(String, &'static str)> {
    columns(project, locale)
        .into_iter()
        .map(|(header, role, _)| (header, role))
        .collect()
}

/// The (header, role, reason) of each column of the first table in
/// `locale`.
fn columns(project: &Project, locale: &str) -> Vec<(String, &'static str, String)> {
    let file = project.dataset.documents[0]
        .files
        .iter()
        .find(|f| f.locale == locale)
        .expect("the locale's file");
    file.tables[0]
        .columns
        .iter()
        .map(|c| (c.header.clone(), c.role.as_str(), c.reason.clone()))
        .collect()
}

/// Each record's name and its pt-BR description.
fn translated(project: &Project) -> Vec<(&str, Option<&str>)> {
    project
        .dataset
        .records
        .iter()
        .map(|r| (r.name.as_str(), r.descriptions.get("pt-BR").map(|d| &**d)))
        .collect()
}

/// The rules of the findings, sorted.
fn rules(project: &Project) -> Vec<&'static str> {
    let mut rules: Vec<_> = project.evaluate().findings.iter().map(|f| f.rule).collect();
    rules.sort_unstable();
    rules
}

fn pairs(list: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
    list.iter().map(|(h, r)| (h.to_string(), *r)).collect()
}

const DESCRIBED: [(&str, Option<&str>); 3] = [
    ("E_ACCESSDENIED", Some("Acesso negado.")),
    ("E_OUTOFMEMORY", Some("Memória insuficiente.")),
    ("E_INVALIDARG", Some("Um ou mais argumentos são inválidos.")),
];

#[test]
fn a_translation_that_swaps_its_columns_is_read_by_their_content() {
    let translation = "# Códigos\n\n\
| Nome | Código | Descrição |\n|---|---|---|\n\
| E_ACCESSDENIED | 0x80070005 | Acesso negado. |\n\
| E_OUTOFMEMORY | 0x8007000E | Memória insuficiente. |\n\
| E_INVALIDARG | 0x80070057 | Um ou mais argumentos são inválidos. |\n";
    let project = load(SOURCE, translation);
    assert_eq!(
        roles(&project, "pt-BR"),
        pairs(&[
            ("Nome", "name"),
            ("Código", "code"),
            ("Descrição", "description")
        ])
    );
    // Its own reading: no reason borrowed from the source.
    assert!(
        columns(&project, "pt-BR")
            .iter()
            .all(|(_, _, reason)| !reason.contains("source table")),
        "{:?}",
        columns(&project, "pt-BR")
    );
    assert_eq!(translated(&project), DESCRIBED);
    assert!(project.dataset.unresolved.is_empty());
    assert_eq!(rules(&project), Vec::<&str>::new());
}

#[test]
fn an_html_translation_that_swaps_its_columns_is_read_by_their_content() {
    let source = "# Codes\n\n<table>\n\
<tr><th>Code</th><th>Name</th><th>Description</th></tr>\n\
<tr><td>0x80070005</td><td>E_ACCESSDENIED</td><td>Access is denied.</td></tr>\n\
<tr><td>0x8007000E</td><td>E_OUTOFMEMORY</td><td>Out of memory.</td></tr>\n\
<tr><td>0x80070057</td><td>E_INVALIDARG</td><td>One or more arguments are invalid.</td></tr>\n\
</table>\n";
    let translation = "# Códigos\n\n<table>\n\
<tr><th>Descrição</th><th>Nome</th><th>Código</th></tr>\n\
<tr><td>Acesso negado.</td><td>E_ACCESSDENIED</td><td>0x80070005</td></tr>\n\
<tr><td>Memória insuficiente.</td><td>E_OUTOFMEMORY</td><td>0x8007000E</td></tr>\n\
<tr><td>Um ou mais argumentos são inválidos.</td><td>E_INVALIDARG</td><td>0x80070057</td></tr>\n\
</table>\n";
    let project = load(source, translation);
    assert_eq!(
        roles(&project, "pt-BR"),
        pairs(&[
            ("Descrição", "description"),
            ("Nome", "name"),
            ("Código", "code")
        ])
    );
    assert_eq!(translated(&project), DESCRIBED);
    assert_eq!(rules(&project), Vec::<&str>::new());
}

/// Which of two text columns is the description is a close call (the most
/// text wins): where the translation's texts tip it the other way, the
/// source decides, whatever the order of the other columns.
#[test]
fn the_source_decides_which_text_column_is_the_description() {
    let source = "# Codes\n\n\
| Code | Name | Description | Notes |\n|---|---|---|---|\n\
| 0x80070005 | E_ACCESSDENIED | Access is denied to the object. | Rare. |\n\
| 0x8007000E | E_OUTOFMEMORY | There is not enough memory left. | Seen. |\n";
    // The notes translated at length: the longest text of the table.
    let translation = "# Códigos\n\n\
| Nome | Código | Descrição | Observações |\n|---|---|---|---|\n\
| E_ACCESSDENIED | 0x80070005 | Acesso negado. | Raro, visto apenas em servidores antigos. |\n\
| E_OUTOFMEMORY | 0x8007000E | Sem memória. | Visto quando muitos aplicativos estão abertos. |\n";
    let project = load(source, translation);
    let read = columns(&project, "pt-BR");
    assert_eq!(
        roles(&project, "pt-BR"),
        pairs(&[
            ("Nome", "name"),
            ("Código", "code"),
            ("Descrição", "description"),
            ("Observações", "other")
        ])
    );
    assert!(
        read[2]
            .2
            .starts_with("as column 3 of the source table (sources/doc/en-us.md): "),
        "{read:?}"
    );
    assert_eq!(
        translated(&project),
        [
            ("E_ACCESSDENIED", Some("Acesso negado.")),
            ("E_OUTOFMEMORY", Some("Sem memória.")),
        ]
    );
}

/// A description column left empty says nothing of itself, and its header
/// is in words errdocs has none for: the source says it is the
/// description, so its empty cells are reported as missing descriptions.
#[test]
fn an_empty_description_column_takes_the_source_role() {
    let translation = "# Códigos\n\n\
| Código | Nome | Descrição |\n|---|---|---|\n\
| 0x80070005 | E_ACCESSDENIED | |\n\
| 0x8007000E | E_OUTOFMEMORY | |\n\
| 0x80070057 | E_INVALIDARG | |\n";
    let project = load(SOURCE, translation);
    let read = columns(&project, "pt-BR");
    assert_eq!(read[2].1, "description", "{read:?}");
    assert!(read[2].2.starts_with("as column 3 of the source table"));
    let findings = project.evaluate().findings;
    let empty: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == "description-empty" && f.location.file.ends_with("pt-br.md"))
        .collect();
    assert!(!empty.is_empty(), "{findings:#?}");
    assert!(
        !findings
            .iter()
            .any(|f| f.rule.starts_with("translation-row")),
        "{findings:#?}"
    );
}

/// A column the translation dropped leaves the others as they are: the
/// text left over is matched with the source's text, not with its names.
#[test]
fn a_translation_that_drops_a_column_is_read_by_content() {
    let translation = "# Códigos\n\n\
| Descrição | Código |\n|---|---|\n\
| Acesso negado. | 0x80070005 |\n\
| Memória insuficiente. | 0x8007000E |\n\
| Um ou mais argumentos são inválidos. | 0x80070057 |\n";
    let project = load(SOURCE, translation);
    assert_eq!(
        roles(&project, "pt-BR"),
        pairs(&[("Descrição", "description"), ("Código", "code")])
    );
    assert_eq!(translated(&project), DESCRIBED);
    assert!(
        !rules(&project)
            .iter()
            .any(|r| r.starts_with("translation-row")),
        "{:?}",
        rules(&project)
    );
}

/// A column the translation added has no source column: where its text is
/// the longest, the description is still the column that matches the
/// source's, and the added one is other text.
#[test]
fn a_translation_that_adds_a_column_keeps_the_source_description() {
    let translation = "# Códigos\n\n\
| Nome | Código | Descrição | Notas do tradutor |\n|---|---|---|---|\n\
| E_ACCESSDENIED | 0x80070005 | Acesso negado. | O termo segue o glossário de segurança do Windows. |\n\
| E_OUTOFMEMORY | 0x8007000E | Memória insuficiente. | O termo segue o glossário de memória do Windows. |\n\
| E_INVALIDARG | 0x80070057 | Um ou mais argumentos são inválidos. | O termo segue o glossário geral do Windows. |\n";
    let project = load(SOURCE, translation);
    let read = columns(&project, "pt-BR");
    assert_eq!(
        roles(&project, "pt-BR"),
        pairs(&[
            ("Nome", "name"),
            ("Código", "code"),
            ("Descrição", "description"),
            ("Notas do tradutor", "other")
        ])
    );
    assert_eq!(
        read[3].2,
        "the source table (sources/doc/en-us.md) has its description in another column"
    );
    assert_eq!(translated(&project), DESCRIBED);
}

/// A translation in the source's order and reading is left as it read
/// itself: nothing borrowed, its reasons its own.
#[test]
fn a_translation_read_like_its_source_keeps_its_own_reasons() {
    let translation = "# Códigos\n\n\
| Código | Nome | Descrição |\n|---|---|---|\n\
| 0x80070005 | E_ACCESSDENIED | Acesso negado. |\n\
| 0x8007000E | E_OUTOFMEMORY | Memória insuficiente. |\n\
| 0x80070057 | E_INVALIDARG | Um ou mais argumentos são inválidos. |\n";
    let project = load(SOURCE, translation);
    let read = columns(&project, "pt-BR");
    assert!(
        read.iter()
            .all(|(_, _, reason)| !reason.contains("source table")),
        "{read:?}"
    );
    assert_eq!(translated(&project), DESCRIBED);
}

/// Of two columns of names, which is the name is a close call too (here
/// the source's header settles it, where the translation's words say
/// nothing): the translation's columns hold the same names, so the
/// source decides, in whatever order the translation writes them.
#[test]
fn the_source_decides_which_of_two_name_columns_is_the_name() {
    let source = "# Codes\n\n\
| Code | Symbolic name | Alias |\n|---|---|---|\n\
| 0x80070005 | XYZ_ACCESS_FAILED | ACCESS_FAILED_X |\n\
| 0x8007000E | XYZ_MEMORY_FAILED | MEMORY_FAILED_X |\n";
    let translation = "# Códigos\n\n\
| Código | Apelido | Nome simbólico |\n|---|---|---|\n\
| 0x80070005 | ACCESS_FAILED_X | XYZ_ACCESS_FAILED |\n\
| 0x8007000E | MEMORY_FAILED_X | XYZ_MEMORY_FAILED |\n";
    let project = load(source, translation);
    assert_eq!(
        roles(&project, "en-US"),
        pairs(&[
            ("Code", "code"),
            ("Symbolic name", "name"),
            ("Alias", "other")
        ])
    );
    assert_eq!(
        roles(&project, "pt-BR"),
        pairs(&[
            ("Código", "code"),
            ("Apelido", "other"),
            ("Nome simbólico", "name")
        ])
    );
    // Read alone, the leftmost of the two was the name.
    let read = columns(&project, "pt-BR");
    assert!(
        read[2].2.starts_with("as column 2 of the source table"),
        "{read:?}"
    );
    let findings = project.evaluate().findings;
    assert!(
        !findings
            .iter()
            .any(|f| f.location.file.ends_with("pt-br.md")),
        "{findings:#?}"
    );
}
