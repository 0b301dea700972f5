//! The handout's figure, table and box numbers: the paper's own where the spec gives one
//! (`number = "Figure 1"`; panels sharing a number become "Figure 1a", "Figure 1b"), and a
//! sequence of its own for the rest ("Chart 1", "Table A", "Box A") that cannot be mistaken
//! for the paper's.

use crate::spec::{Chart, Kind};

/// One label per chart, in spec order.
pub fn assign(charts: &[Chart], lang: crate::i18n::Lang) -> Vec<String> {
    let mut out = Vec::with_capacity(charts.len());
    let (mut graphs, mut tables, mut boxes) = (0usize, 0usize, 0usize);
    let w = lang.words();
    for (i, c) in charts.iter().enumerate() {
        match &c.number {
            Some(n) => {
                let shared: Vec<usize> = charts
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| o.number.as_deref() == Some(n.as_str()))
                    .map(|(j, _)| j)
                    .collect();
                if shared.len() > 1 {
                    let pos = shared.iter().position(|&j| j == i).unwrap_or(0);
                    out.push(format!("{n}{}", letter(pos)));
                } else {
                    out.push(n.clone());
                }
            }
            None => match c.kind() {
                Kind::Table => {
                    out.push(w.numbered(w.table, &letter(tables).to_ascii_uppercase()));
                    tables += 1;
                }
                Kind::Text => {
                    out.push(w.numbered(w.boxed, &letter(boxes).to_ascii_uppercase()));
                    boxes += 1;
                }
                _ => {
                    graphs += 1;
                    out.push(w.numbered(w.chart, &graphs.to_string()));
                }
            },
        }
    }
    out
}

/// a, b, …, z, aa, ab, …
fn letter(i: usize) -> String {
    let mut n = i;
    let mut s = Vec::new();
    loop {
        s.push(b'a' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::letter;

    #[test]
    fn letters_run_on_past_z() {
        assert_eq!(letter(0), "a");
        assert_eq!(letter(25), "z");
        assert_eq!(letter(26), "aa");
        assert_eq!(letter(27), "ab");
    }
}
