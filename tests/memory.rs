//! Memory that must not grow with the wrong thing, measured with a counting
//! allocator (this test binary's own): bytes, not time, so the machine's
//! load does not matter.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

mod common;
use common::project_with;
use errdocs::Project;

/// The system allocator, counting the bytes in use and their peak.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on to `System` unchanged; only counters are
// updated besides.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            let now = IN_USE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract, passed on.
        unsafe { System.dealloc(ptr, layout) };
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// The peak of bytes in use while `work` runs, above what was in use
/// before it.
fn peak_during<T>(work: impl FnOnce() -> T) -> (T, usize) {
    let before = IN_USE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let value = work();
    (value, PEAK.load(Ordering::Relaxed).saturating_sub(before))
}

/// A table written on one line carries all its findings on that line: the
/// reports' quoted lines hold it once, not once per finding (3,000 copies
/// of a 200 KB line would be 600 MB).
#[test]
fn a_line_with_thousands_of_findings_is_quoted_once() {
    let rows: String = (0..3000)
        .map(|i| {
            format!(
                "<tr><td>0x8024{i:04X}</td><td>WU_E_X{i}</td><td>The the thing {i} failed.</td></tr>"
            )
        })
        .collect();
    let doc = format!(
        "# Codes\n\n<table><tr><th>Error code</th><th>Symbolic name</th><th>Description</th></tr>{rows}</table>\n"
    );
    let dir = project_with(&[("sources/doc/en-us.md", doc.as_bytes())]);
    let project = Project::load(dir.path()).expect("loads");
    let findings = project.evaluate().findings;
    let on_the_line = findings.iter().filter(|f| f.location.line == 3).count();
    assert!(
        on_the_line >= 3000,
        "{on_the_line} findings on the table's line"
    );
    let (lines, peak) = peak_during(|| project.quote_lines(&findings).expect("unchanged"));
    assert!(!lines.is_empty());
    // The file read again (with its line index), and the line kept once.
    assert!(
        peak < 8 * doc.len(),
        "quoting the findings' lines took {peak} bytes for a {} byte file",
        doc.len()
    );
}
