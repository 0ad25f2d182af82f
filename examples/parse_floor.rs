//! The parse floor for `scripts/bench`: reads a spec and only parses it — serde_json to a
//! `Value` for `.json`, saphyr-parser events for `.yaml`/`.yml` — so the benchmark can report
//! applinkc's cost as a ratio to the cheapest possible parse of the same bytes.
//!
//! `cargo run --release --example parse_floor -- FILE`

use saphyr_parser::Parser;

fn main() {
    let path = std::env::args().nth(1).expect("usage: parse_floor FILE");
    let text = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    if path.ends_with(".json") {
        let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        std::hint::black_box(&value);
    } else {
        let mut events = 0usize;
        let mut parser = Parser::new_from_str(&text);
        while let Some(event) = parser.next_event() {
            event.expect("valid YAML");
            events += 1;
        }
        std::hint::black_box(events);
    }
}
