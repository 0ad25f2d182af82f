//! Byte offsets ↔ LSP positions (a line and a character offset in the encoding negotiated at
//! `initialize`: UTF-16 code units by default, UTF-8 bytes if the client offers them). Lines
//! end at `\n`, `\r\n` or a lone `\r`, as the protocol counts them.

use lsp_types::{Position, Range};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// The line starts of one text.
pub struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    pub fn new(text: &str) -> Lines {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    starts.push(i + 2);
                    i += 1;
                }
                b'\r' => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        Lines { starts }
    }

    /// The position of byte `offset` (clamped to the text, moved back to a char boundary).
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let offset = text.floor_char_boundary(offset.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let before = &text[start..offset];
        let character = match encoding {
            Encoding::Utf8 => before.len(),
            Encoding::Utf16 => before.encode_utf16().count(),
        };
        Position::new(line as u32, character as u32)
    }

    pub fn range(&self, text: &str, start: usize, end: usize, encoding: Encoding) -> Range {
        Range::new(self.position(text, start, encoding), self.position(text, end, encoding))
    }

    /// The byte offset of a position; a character past the end of its line is the line's end,
    /// a line past the end of the text is the end of the text.
    pub fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return text.len();
        };
        let end = self
            .starts
            .get(position.line as usize + 1)
            .copied()
            .unwrap_or(text.len());
        let line = text[start..end].trim_end_matches(['\r', '\n']);
        let mut units = 0usize;
        for (i, c) in line.char_indices() {
            if units >= position.character as usize {
                return start + i;
            }
            units += match encoding {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            };
        }
        start + line.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_counts_surrogate_pairs_and_lone_cr_ends_a_line() {
        let text = "a: 😀x\r\nb\rcé: d\n";
        let lines = Lines::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(lines.position(text, x, Encoding::Utf16), Position::new(0, 5));
        assert_eq!(lines.position(text, x, Encoding::Utf8), Position::new(0, 7));
        let d = text.find('d').unwrap();
        assert_eq!(lines.position(text, d, Encoding::Utf16), Position::new(2, 4));
        for offset in [0, x, d, text.find('b').unwrap()] {
            for enc in [Encoding::Utf8, Encoding::Utf16] {
                assert_eq!(lines.offset(text, lines.position(text, offset, enc), enc), offset);
            }
        }
    }
}
