//! Source text by line, for end positions and for showing the line at fault.

use crate::spec::span::{LineCol, Pos};

/// A file's text with the byte offset of every line start.
pub struct SourceMap<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> SourceMap<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceMap { text, starts }
    }

    /// Line `line` (1-based) without its line break; `None` past the end.
    pub fn line(&self, line: u32) -> Option<&'a str> {
        let index = usize::try_from(line).ok()?.checked_sub(1)?;
        let start = *self.starts.get(index)?;
        let end = self
            .starts
            .get(index + 1)
            .map_or(self.text.len(), |next| next - 1);
        let text = self.text.get(start..end)?;
        Some(text.strip_suffix('\r').unwrap_or(text))
    }

    /// How many lines the text has.
    pub fn line_count(&self) -> u32 {
        u32::try_from(self.starts.len()).unwrap_or(u32::MAX)
    }

    /// Where a node that starts at `pos` and is `pos.len` characters long
    /// ends: the position just past its last character. A node of unknown
    /// length covers one character. `None` when `pos` is unknown.
    pub fn end(&self, pos: Pos) -> Option<LineCol> {
        if !pos.is_known() {
            return None;
        }
        let mut end = LineCol {
            line: pos.line,
            column: pos.column,
        };
        let len = pos.len.max(1);
        let Some(first) = self.line(pos.line) else {
            end.column = end.column.saturating_add(len);
            return Some(end);
        };
        // Characters left on the start line, past the start column.
        let skip = usize::try_from(pos.column.saturating_sub(1)).unwrap_or(usize::MAX);
        let line_len = first.chars().count();
        let rest = line_len.saturating_sub(skip);
        let mut remaining = usize::try_from(len).unwrap_or(usize::MAX);
        // A start at or past the line's end (an error at the end of a line)
        // stays on its line.
        if remaining <= rest || skip >= line_len {
            end.column = end.column.saturating_add(len);
            return Some(end);
        }
        // The node runs on past the line break (block scalars, multi-line
        // quoted strings): walk the following lines.
        remaining -= rest + 1;
        let mut line = pos.line;
        loop {
            line += 1;
            let Some(text) = self.line(line) else {
                // Past the end of the text: stop at the end of the last line.
                let last = self.line(line - 1).map_or(0, |t| t.chars().count());
                return Some(LineCol {
                    line: line - 1,
                    column: u32::try_from(last + 1).unwrap_or(u32::MAX),
                });
            };
            let count = text.chars().count();
            if remaining <= count {
                let end = LineCol {
                    line,
                    column: u32::try_from(remaining + 1).unwrap_or(u32::MAX),
                };
                return Some(self.trim_back(pos.start(), end));
            }
            remaining -= count + 1;
        }
    }

    /// Moves a multi-line end back over whitespace and line breaks, to just
    /// past the last other character: a block scalar's span runs on to where
    /// the next token starts.
    fn trim_back(&self, start: LineCol, mut end: LineCol) -> LineCol {
        while end.line > start.line {
            let before: String = self
                .line(end.line)
                .unwrap_or("")
                .chars()
                .take(usize::try_from(end.column.saturating_sub(1)).unwrap_or(0))
                .collect();
            if !before.trim().is_empty() {
                let kept = before.trim_end().chars().count();
                end.column = u32::try_from(kept + 1).unwrap_or(u32::MAX);
                return end;
            }
            end.line -= 1;
            end.column = self.line(end.line).map_or(1, |t| {
                u32::try_from(t.chars().count() + 1).unwrap_or(u32::MAX)
            });
        }
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, column: u32, len: u32) -> Pos {
        Pos { line, column, len }
    }

    #[test]
    fn lines_without_breaks() {
        let map = SourceMap::new("a: 1\r\nbb: 2\n\nlast");
        assert_eq!(map.line(1), Some("a: 1"));
        assert_eq!(map.line(2), Some("bb: 2"));
        assert_eq!(map.line(3), Some(""));
        assert_eq!(map.line(4), Some("last"));
        assert_eq!(map.line(5), None);
        assert_eq!(map.line(0), None);
        assert_eq!(map.line_count(), 4);
    }

    #[test]
    fn ends_on_one_line_and_across_lines() {
        let map = SourceMap::new("key: value\nnext: |-\n  ab\n  cd\nx: é1\n");
        assert_eq!(
            map.end(pos(1, 6, 5)),
            Some(LineCol {
                line: 1,
                column: 11
            })
        );
        // Unknown length: one character.
        assert_eq!(map.end(pos(1, 1, 0)), Some(LineCol { line: 1, column: 2 }));
        // A block scalar starting at `|-`: "|-\n  ab\n  cd" is 12 characters.
        assert_eq!(map.end(pos(2, 7, 12)), Some(LineCol { line: 4, column: 5 }));
        // A span running on over a line break and indentation ends at the
        // last character before them.
        assert_eq!(map.end(pos(3, 3, 5)), Some(LineCol { line: 3, column: 5 }));
        // Columns count characters, not bytes.
        assert_eq!(map.end(pos(5, 4, 2)), Some(LineCol { line: 5, column: 6 }));
        assert_eq!(map.end(pos(0, 0, 3)), None);
    }

    #[test]
    fn ends_never_run_past_the_text() {
        let map = SourceMap::new("ab\ncd");
        assert_eq!(map.end(pos(2, 1, 50)), Some(LineCol { line: 2, column: 3 }));
        assert_eq!(map.end(pos(9, 1, 2)), Some(LineCol { line: 9, column: 3 }));
        assert_eq!(
            map.end(pos(1, 80, 2)),
            Some(LineCol {
                line: 1,
                column: 82
            })
        );
    }
}
