//! [`Text`]: the string type of the node tree.
//!
//! Most strings of a spec are written exactly as they read (no escape, no folding): such a
//! string is a range of the file's text, which every string of the tree shares, so loading
//! allocates nothing for it. A string that differs from what is written (an escape, a YAML
//! block scalar) owns its decoded copy. Either way it reads as a `&str`.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// A string of the document. 16 bytes, like the `Box<str>` it replaces.
#[derive(Clone)]
pub struct Text {
    buf: Arc<String>,
    start: u32,
    end: u32,
}

impl Text {
    /// `buf[start..end]`.
    ///
    /// # Panics
    /// When the range is not within `buf` on character boundaries: [`Text::as_str`] relies on it.
    pub fn shared(buf: &Arc<String>, start: usize, end: usize) -> Text {
        assert!(
            start <= end && buf.is_char_boundary(start) && buf.is_char_boundary(end),
            "a Text range lies within its buffer, on character boundaries"
        );
        Text {
            buf: Arc::clone(buf),
            start: u32::try_from(start).expect("spans are 32-bit"),
            end: u32::try_from(end).expect("spans are 32-bit"),
        }
    }

    /// A string of its own (decoded from an escape, or built by hand).
    pub fn owned(text: String) -> Text {
        let end = u32::try_from(text.len()).expect("strings of a spec are under 4 GiB");
        Text {
            buf: Arc::new(text),
            start: 0,
            end,
        }
    }

    /// `value` as a range of `buf` when it is the text at `start..end`, or that text without
    /// its first and last byte (a quoted string without escapes); otherwise an owned copy.
    pub fn written_or_owned(
        buf: &Arc<String>,
        start: usize,
        end: usize,
        value: impl AsRef<str> + Into<String>,
    ) -> Text {
        let raw = buf.get(start..end).unwrap_or("");
        let v = value.as_ref();
        if raw == v {
            Text::shared(buf, start, end)
        } else if raw.len() == v.len() + 2 && raw.get(1..raw.len() - 1) == Some(v) {
            Text::shared(buf, start + 1, end - 1)
        } else {
            Text::owned(value.into())
        }
    }

    /// Whether this string is a range of `buf` (no copy of its own).
    pub fn shares(&self, buf: &Arc<String>) -> bool {
        Arc::ptr_eq(&self.buf, buf)
    }

    #[allow(unsafe_code)] // the one unchecked slice of the reader; see the SAFETY note
    pub fn as_str(&self) -> &str {
        // SAFETY: every constructor checks that `start..end` lies within `buf` on character
        // boundaries, and `buf` is never changed (it is behind an `Arc` this type never lets
        // out). A checked slice here cost 5% of a check: keys are compared on every lookup.
        unsafe { self.buf.get_unchecked(self.start as usize..self.end as usize) }
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::owned(s.to_owned())
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::owned(s)
    }
}

impl From<Box<str>> for Text {
    fn from(s: Box<str>) -> Text {
        Text::owned(s.into())
    }
}

impl From<Text> for String {
    fn from(t: Text) -> String {
        t.as_str().to_owned()
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        *self == other.as_str()
    }
}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Text) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Text {
    fn cmp(&self, other: &Text) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::hash::Hash for Text {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_string_written_as_it_reads_shares_the_file() {
        let buf = Arc::new(r#"{"a": "x\"y", "b": "plain"}"#.to_string());
        let plain = Text::written_or_owned(&buf, 19, 26, "plain");
        assert_eq!(plain, "plain");
        assert!(Arc::ptr_eq(&plain.buf, &buf));
        let escaped = Text::written_or_owned(&buf, 6, 12, "x\"y");
        assert_eq!(escaped, "x\"y");
        assert!(!Arc::ptr_eq(&escaped.buf, &buf));
        assert_eq!(std::mem::size_of::<Text>(), 16);
    }
}
