//! Line breaking: where a text may break (spaces; after a hyphen or slash; in a web address
//! only after `/`, `.` or `-`, never inside `https://`; in Japanese only between BudouX
//! phrases, never against kinsoku), and greedy wrapping to a measure with no runt last line.

use crate::fonts::{text_width, Face};

/// A last line narrower than this share of the measure is a runt.
const RUNT: f64 = 0.2;

/// How finely Japanese text may break: between phrases (the normal case), or between any two
/// characters (kinsoku still kept) when one phrase is wider than the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Grain {
    Phrase,
    Char,
}

/// Breaks `text` into lines no wider than `max_width` px, at spaces (and after hyphens
/// and slashes), and in Japanese between phrases. A phrase wider than the line breaks between
/// characters where kinsoku allows; a single word wider than the line anywhere.
pub fn wrap(text: &str, size: f64, face: Face, max_width: f64) -> Vec<String> {
    let width = |pieces: &[&str]| text_width(pieces.concat().trim(), size, face);
    let mut lines = Vec::new();
    for para in text.split('\n') {
        for l in fill(&split_breakable(para, Grain::Phrase), &width, max_width) {
            let line = l.concat();
            let line = line.trim();
            if l.len() == 1 && width(&l) > max_width {
                // One piece wider than the line: between characters, kinsoku kept, then
                // anywhere.
                let chars = split_breakable(line, Grain::Char);
                for cl in fill(&chars, &width, max_width) {
                    let cline = cl.concat();
                    let cline = cline.trim();
                    if cl.len() == 1 && width(&cl) > max_width {
                        lines.extend(break_word(cline, size, face, max_width));
                    } else {
                        lines.push(cline.to_string());
                    }
                }
            } else {
                lines.push(line.to_string());
            }
        }
    }
    lines
}

/// Fills lines greedily with `pieces`, then mends a runt last line: a last line much shorter
/// than the measure takes pieces from the line above while it still fits ("endnotes 35, 36,"
/// / "37." becomes "endnotes" / "35, 36, 37.").
fn fill<'a>(
    pieces: &[&'a str],
    width: &dyn Fn(&[&str]) -> f64,
    max_width: f64,
) -> Vec<Vec<&'a str>> {
    let mut lines: Vec<Vec<&str>> = vec![Vec::new()];
    for &piece in pieces {
        let line = lines.last_mut().expect("never empty");
        line.push(piece);
        if line.len() > 1 && width(line) > max_width {
            line.pop();
            lines.push(vec![piece]);
        }
    }
    while let [.., above, last] = lines.as_mut_slice() {
        if above.len() < 2 || width(last) >= RUNT * max_width {
            break;
        }
        let word = above.pop().expect("two or more");
        last.insert(0, word);
        if width(last) > max_width {
            let word = last.remove(0);
            above.push(word);
            break;
        }
    }
    lines
}

/// The width of the widest piece `wrap` cannot break (a word, with the hyphen or slash that
/// ends it; a Japanese phrase): a column narrower than this breaks one.
pub fn widest_word<'a>(texts: impl IntoIterator<Item = &'a str>, size: f64, face: Face) -> f64 {
    texts
        .into_iter()
        .flat_map(|t| split_breakable(t, Grain::Phrase))
        .map(|w| text_width(w.trim(), size, face))
        .fold(0.0, f64::max)
}

/// A label column's width: wide enough for the widest label up to `cap`, and never so narrow
/// that a word breaks between letters, up to `word_cap`.
pub fn label_column<'a>(
    texts: impl IntoIterator<Item = &'a str> + Clone,
    size: f64,
    face: Face,
    cap: f64,
    word_cap: f64,
) -> f64 {
    let widest = texts
        .clone()
        .into_iter()
        .map(|t| text_width(t, size, face))
        .fold(0.0, f64::max);
    widest
        .min(cap)
        .max(widest_word(texts, size, face).min(word_cap))
}

/// The width of the widest piece [`wrap`] never breaks: how narrow a column holding `text`
/// may get.
pub fn min_width(text: &str, size: f64, face: Face) -> f64 {
    split_breakable(text, Grain::Phrase)
        .iter()
        .map(|p| text_width(p.trim(), size, face))
        .fold(0.0, f64::max)
}

/// Breaks a word wider than `max_width` into pieces that each fit (at least one character
/// each), measuring character by character: linear in the word's length.
fn break_word(word: &str, size: f64, face: Face, max_width: f64) -> Vec<String> {
    let mut out = Vec::new();
    let mut piece = String::new();
    let mut w = 0.0;
    for c in word.chars() {
        let cw = text_width(c.encode_utf8(&mut [0; 4]), size, face);
        if !piece.is_empty() && w + cw > max_width {
            out.push(std::mem::take(&mut piece));
            w = 0.0;
        }
        piece.push(c);
        w += cw;
    }
    if !piece.is_empty() {
        out.push(piece);
    }
    out
}

/// Splits into pieces that each end at a break opportunity, keeping the separators.
fn split_breakable(text: &str, grain: Grain) -> Vec<&str> {
    // Where BudouX starts a phrase (byte offsets): Japanese breaks only there.
    let phrases: Option<Vec<usize>> =
        (grain == Grain::Phrase && text.chars().any(is_cjk)).then(|| phrase_starts(text));
    let urls = url_spans(text);
    let mut out = Vec::new();
    let mut start = 0;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|&(_, n)| n);
        let after = i + c.len_utf8();
        let url = urls.iter().find(|(a, _, b)| i >= *a && i < *b);
        let brk = c == ' '
            || match url {
                // In a web address: after `/`, `.` or `-` past the scheme, never inside `//`
                // nor before the punctuation that ends the sentence.
                Some(&(_, host, end)) => {
                    i >= host
                        && after < end
                        && matches!(c, '/' | '.' | '-')
                        && next.is_some_and(|n| !matches!(n, '/' | '.' | '-') && !is_stop(n))
                }
                None => (c == '/' || c == '-') && i > start,
            }
            // Japanese breaks between two characters, at a phrase boundary, but never
            // before closing punctuation or a small kana, nor after an opening bracket
            // (kinsoku).
            || next.is_some_and(|n| {
                (is_cjk(c) || is_cjk(n))
                    && n != ' '
                    && !no_line_start(n)
                    && !no_line_end(c)
                    && !(c.is_ascii_digit() && n.is_ascii_digit())
                    && phrases.as_ref().is_none_or(|p| p.binary_search(&after).is_ok())
            });
        if brk {
            // Keep runs of spaces with the word before them.
            let mut end = after;
            while let Some(&(j, ' ')) = iter.peek() {
                end = j + 1;
                iter.next();
            }
            out.push(&text[start..end]);
            start = end;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Trailing punctuation that belongs with the address before it ("….pdf.").
fn is_stop(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | ')' | '>' | '、' | '。')
}

/// The web addresses in `text`, as byte offsets `(start, host, end)`: an address breaks only
/// at or after `host`, the offset just past its scheme (`https://`).
fn url_spans(text: &str) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some((k, scheme)) = ["https://", "http://", "www."]
        .iter()
        .filter_map(|p| text[from..].find(p).map(|k| (k, p.len())))
        .min()
    {
        let start = from + k;
        let end = text[start..]
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '（' | '）'))
            .map_or(text.len(), |e| start + e);
        let host = if text[start..].starts_with("www.") {
            start
        } else {
            start + scheme
        };
        out.push((start, host, end));
        from = end.max(start + scheme);
        if from >= text.len() {
            break;
        }
    }
    out
}

/// The byte offsets at which BudouX (its 2024 Japanese model) starts a new phrase (the
/// last is the text's length).
pub fn phrase_starts(text: &str) -> Vec<usize> {
    thread_local! {
        static PARSER: budoux_phf_rs::Parser = budoux_phf_rs::Parser::japanese_parser();
    }
    PARSER.with(|p| {
        let mut out = Vec::new();
        let mut at = 0;
        p.parse_with(text, |chunk| {
            at += chunk.len();
            out.push(at);
        });
        out
    })
}

/// Kana, kanji and full-width punctuation: text set without spaces.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x3000..=0x303F | 0x3040..=0x309F | 0x30A0..=0x30FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// Characters a Japanese line may not start with.
pub(crate) fn no_line_start(c: char) -> bool {
    "、。，．・：；？！）」』】〕〉》］｝〟ー〜々ゝゞヽヾ〻‐…‥ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ%％),.:;!?”’"
        .contains(c)
}

/// Characters a Japanese line may not end with.
pub(crate) fn no_line_end(c: char) -> bool {
    "（「『【〔〈《［｛〝(“‘¥$＄".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines join back to the text and keep kinsoku.
    fn kinsoku_kept(lines: &[String]) {
        for (k, l) in lines.iter().enumerate() {
            if k > 0 {
                assert!(!no_line_start(l.chars().next().unwrap_or(' ')), "{lines:?}");
            }
            if k + 1 < lines.len() {
                assert!(!no_line_end(l.chars().last().unwrap_or(' ')), "{lines:?}");
            }
        }
    }

    #[test]
    fn japanese_wraps_between_phrases_but_not_before_closing_punctuation() {
        let text = "覚醒剤取締法違反の検挙人員は、2017年に10,284人（全体の73%）だった。";
        let lines = wrap(text, 12.0, Face::Regular, 100.0);
        assert!(lines.len() >= 3, "{lines:?}");
        assert_eq!(lines.concat(), text);
        for l in &lines {
            assert!(text_width(l, 12.0, Face::Regular) <= 100.0, "{l}");
        }
        kinsoku_kept(&lines);
        // Numbers and their counters stay whole.
        assert!(lines.iter().any(|l| l.contains("10,284")), "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("2017年")), "{lines:?}");
    }

    #[test]
    fn japanese_words_are_never_broken_mid_phrase() {
        let law =
            "医薬品、医療機器等の品質、有効性及び安全性の確保等に関する法律（医薬品医療機器等法）";
        let drugs = "指定薬物（デザイナードラッグ）";
        let goal = "2. 薬物乱用者に対する適切な治療と効果的な社会復帰支援による再乱用防止";
        for (text, words) in [
            (law, &["医療機器", "有効性", "医薬品医療機器等法"][..]),
            (drugs, &["デザイナードラッグ"][..]),
            (goal, &["社会復帰支援", "再乱用防止"][..]),
        ] {
            // Measures where every phrase fits (a narrower one must break a phrase).
            for em in [12.0, 14.0, 17.0, 21.0] {
                let lines = wrap(text, 12.0, Face::Regular, em * 12.0);
                assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
                kinsoku_kept(&lines);
                for l in &lines[..lines.len() - 1] {
                    for w in words {
                        // No line ends inside the word (its start on this line, its end on the next).
                        let chars: Vec<char> = w.chars().collect();
                        for cut in 1..chars.len() {
                            let head: String = chars[..cut].iter().collect();
                            assert!(
                                !l.ends_with(&head) || l.ends_with(w),
                                "{w} broken at {em} em: {lines:?}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_phrase_wider_than_the_line_breaks_between_characters_keeping_kinsoku() {
        let text = "デザイナードラッグ。";
        let lines = wrap(text, 12.0, Face::Regular, 40.0);
        assert!(lines.len() > 1, "{lines:?}");
        assert_eq!(lines.concat(), text);
        kinsoku_kept(&lines);
    }

    #[test]
    fn web_addresses_break_only_after_slashes_dots_and_hyphens_past_the_scheme() {
        let text =
            "Available from: https://www.ncnp.go.jp/nimh/yakubutsu/report/pdf/J_NMHS_2016.pdf.";
        for max in [90.0, 120.0, 160.0, 200.0] {
            let lines = wrap(text, 11.0, Face::Regular, max);
            assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
            for l in &lines[..lines.len() - 1] {
                if l.contains("http") || l.contains("ncnp") || l.contains("yakubutsu") {
                    assert!(
                        !l.ends_with("https:/") && !l.ends_with("https:") && !l.ends_with("https"),
                        "{lines:?}"
                    );
                    let last = l.chars().last().unwrap_or(' ');
                    assert!(
                        matches!(last, '/' | '.' | '-' | ' ' | ':')
                            || text_width(l, 11.0, Face::Regular) > max * 0.99,
                        "{max}: {lines:?}"
                    );
                }
            }
            // The final stop stays with the address.
            assert!(
                !lines.last().unwrap().starts_with('.') || lines.len() == 1,
                "{lines:?}"
            );
        }
        assert_eq!(
            url_spans("see https://a.b/c. and www.x.org"),
            vec![(4, 12, 18), (23, 23, 32)]
        );
    }

    #[test]
    fn the_last_line_is_never_a_runt() {
        let text = "Source: Ministry of Justice. Briefing paper endnotes 35, 36, 37.";
        let full = text_width(text, 12.0, Face::Regular);
        // A measure that greedy filling would leave "37." alone on the last line.
        let max = text_width(
            "Source: Ministry of Justice. Briefing paper endnotes 35, 36,",
            12.0,
            Face::Regular,
        ) + 1.0;
        assert!(full > max);
        let lines = wrap(text, 12.0, Face::Regular, max);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(
            text_width(&lines[1], 12.0, Face::Regular) >= RUNT * max,
            "{lines:?}"
        );
        assert!(lines
            .iter()
            .all(|l| text_width(l, 12.0, Face::Regular) <= max));
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn wraps_at_spaces_and_breaks_only_words_wider_than_the_line() {
        let lines = wrap(
            "Drug use, regulations and policy in Japan",
            14.0,
            Face::Regular,
            120.0,
        );
        assert!(lines.len() >= 2, "{lines:?}");
        for l in &lines {
            assert!(
                text_width(l, 14.0, Face::Regular) <= 120.0 || !l.contains(' '),
                "{l}"
            );
        }
        assert_eq!(lines.join(" "), "Drug use, regulations and policy in Japan");
        assert_eq!(wrap("", 12.0, Face::Regular, 50.0), vec![String::new()]);
        // A word wider than the line is broken between characters, each piece fitting.
        let broken = wrap("Supercalifragilistic", 12.0, Face::Regular, 40.0);
        assert!(broken.len() > 1, "{broken:?}");
        assert_eq!(broken.concat(), "Supercalifragilistic");
        for piece in &broken {
            assert!(text_width(piece, 12.0, Face::Regular) <= 40.0, "{piece}");
        }
        assert_eq!(wrap("W", 12.0, Face::Regular, 1.0), vec!["W".to_string()]);
    }
}
