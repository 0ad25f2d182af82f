//! Where `check` spends its time on one file: load, index, each rule (slowest first), render.
//!
//! `cargo run --release --example profile_rules -- FILE`

use applinkc::diagnostics::{FileReport, human};
use applinkc::flags::PublishFlags;
use applinkc::rules::{self, Context, Sink};
use applinkc::source;
use applinkc::spec::Spec;
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("usage: profile_rules FILE");
    let t = Instant::now();
    let bytes = std::fs::read(&path).expect("readable file");
    let read = t.elapsed();
    let t = Instant::now();
    let (source, loaded) = source::load(&path, bytes);
    let load = t.elapsed();
    let root = loaded.root.expect("the file loads");
    let flags = PublishFlags::default();
    let t = Instant::now();
    let spec = Spec::new(&root);
    let _ = spec.schema_sites().len();
    let index = t.elapsed();
    let ctx = Context {
        source: &source,
        spec: &spec,
        flags: &flags,
    };
    let mut timings = Vec::new();
    let mut out = Vec::new();
    for rule in rules::all() {
        let t = Instant::now();
        let mut sink = Sink::new(rule, &root, &mut out);
        (rule.check)(&ctx, &mut sink);
        timings.push((t.elapsed(), rule.id));
    }
    let total: std::time::Duration = timings.iter().map(|t| t.0).sum();
    timings.sort_by(|a, b| b.cmp(a));
    let findings = out.len();
    let mut report = FileReport {
        source,
        diagnostics: out,
    };
    report.sort();
    let t = Instant::now();
    let text = human::render(std::slice::from_ref(&report), false);
    let render = t.elapsed();
    let t = Instant::now();
    drop(root);
    let free = t.elapsed();
    println!(
        "read {read:?}  load {load:?}  index {index:?}  rules {total:?}  render {render:?} ({findings} findings, {} bytes)  drop {free:?}",
        text.len()
    );
    for (d, id) in timings.iter().take(12) {
        println!("  {id} {d:?}");
    }
}
