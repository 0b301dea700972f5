//! The languages chartbook writes in, and its own words in each: the phrases it adds to
//! charts, descriptions and the handout (notes, keys, sources, labels, headings). The author's
//! words come from the spec and, for further languages, its translation files.

/// A language of an edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Lang {
    #[default]
    En,
    Ja,
}

impl Lang {
    /// The languages chartbook has words for.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ja];

    /// Reads a BCP 47 tag's primary language (`en-GB` is English).
    pub fn parse(tag: &str) -> Option<Lang> {
        match tag.split('-').next()?.to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "ja" => Some(Lang::Ja),
            _ => None,
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }

    /// The language's name, in English.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ja => "Japanese",
        }
    }

    pub fn words(self) -> &'static Words {
        match self {
            Lang::En => &EN,
            Lang::Ja => &JA,
        }
    }
}

/// chartbook's own phrases in one language.
#[derive(Debug)]
pub struct Words {
    /// Japanese typesetting: no spaces between words, full-width punctuation.
    pub ja: bool,
    pub note: &'static str,
    pub source: &'static str,
    /// Ends a sentence.
    pub stop: &'static str,
    /// Joins list items ("; ").
    pub list_sep: &'static str,
    pub endnote_one: &'static str,
    pub endnote_many: &'static str,
    pub no_data: &'static str,
    pub blank: &'static str,
    pub about: &'static str,
    pub less_than: &'static str,
    pub more_than: &'static str,
    // Handout.
    pub contents: &'static str,
    pub sources: &'static str,
    pub sources_intro: &'static str,
    pub data_notes: &'static str,
    pub data_behind: &'static str,
    pub data_behind_intro: &'static str,
    pub continued: &'static str,
    pub figure: &'static str,
    pub table: &'static str,
    pub boxed: &'static str,
    pub chart: &'static str,
    pub numbering_note: &'static str,
    pub low: &'static str,
    pub high: &'static str,
    pub year: &'static str,
    /// The x column of a data table whose values are dates finer than years.
    pub date: &'static str,
    pub alt_text: &'static str,
    pub alt_text_intro: &'static str,
    pub files: &'static str,
}

pub fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

const EN: Words = Words {
    ja: false,
    note: "Note: ",
    source: "Source: ",
    stop: ".",
    list_sep: "; ",
    endnote_one: "Endnote",
    endnote_many: "Endnotes",
    no_data: "no data",
    blank: "blank",
    about: "about ",
    less_than: "less than ",
    more_than: "more than ",
    contents: "Contents",
    sources: "Sources",
    sources_intro: "{Source}’s endnotes that the figures and tables cite, as {source} gives them.",
    data_notes: "Data notes",
    data_behind: "Data behind the figures",
    data_behind_intro: "The numbers each figure draws, as the figure writes them, for readers who cannot see the figures and for anyone checking them.",
    continued: "(continued)",
    figure: "Figure",
    table: "Table",
    boxed: "Box",
    chart: "Chart",
    numbering_note: "Figure, Table and Box numbers are {source}’s own; Charts and lettered Tables are added in this handout. Every number is transcribed from {source}, and each figure names the endnotes it comes from.",
    low: "low",
    high: "high",
    year: "Year",
    date: "Date",
    alt_text: "Alt text",
    alt_text_intro: "Each figure's short title and description, as its SVG carries them (`<title>`, `<desc>`). Use them as the alt text wherever the figure is placed.",
    files: "Files",
};

const JA: Words = Words {
    ja: true,
    note: "注：",
    source: "出典：",
    stop: "。",
    list_sep: "。",
    endnote_one: "原注",
    endnote_many: "原注",
    no_data: "データなし",
    blank: "空欄",
    about: "約",
    less_than: "",
    more_than: "",
    contents: "目次",
    sources: "出典",
    sources_intro: "図表が引用する{source}の原注（原文のまま）。",
    data_notes: "データに関する注記",
    data_behind: "図表のデータ",
    data_behind_intro: "各図が描く数値を、図と同じ表記で示す。図を見られない読者と、数値を確かめる読者のために。",
    continued: "（続き）",
    figure: "図",
    table: "表",
    boxed: "ボックス",
    chart: "グラフ",
    numbering_note: "図・表・ボックスの番号は{source}原文の番号。「グラフ」とアルファベットの表は本資料で追加したもの。数値はすべて原文から転記し、各図に典拠の原注番号を示す。",
    low: "下限",
    high: "上限",
    year: "年",
    date: "日付",
    alt_text: "代替テキスト",
    alt_text_intro: "各図の短いタイトルと説明（SVGの`<title>`と`<desc>`と同じ）。図をどこに掲載する場合も、代替テキストとして使う。",
    files: "ファイル",
};

impl Words {
    /// "Endnotes 35, 36, 37.", or with the source's name "Briefing paper endnotes 35, 36, 37."
    pub fn endnotes(&self, list: &[u32], source: Option<&str>) -> String {
        let nums: Vec<String> = list.iter().map(u32::to_string).collect();
        if self.ja {
            format!(
                "{}{}{}{}",
                source.unwrap_or(""),
                self.endnote_many,
                nums.join("、"),
                self.stop
            )
        } else {
            let word = if list.len() == 1 {
                self.endnote_one
            } else {
                self.endnote_many
            };
            let word = match source {
                Some(s) => upper_first(&format!("{s} {}", word.to_lowercase())),
                None => word.to_string(),
            };
            format!("{word} {}{}", nums.join(", "), self.stop)
        }
    }

    /// `text` with `{source}` put as "the source" or "the <source_name>" (`{Source}` at the
    /// start of a sentence), or in Japanese "原文" or the name.
    pub fn with_source(&self, text: &str, source: Option<&str>) -> String {
        let (lower, upper) = match (source, self.ja) {
            (Some(s), true) => (s.to_string(), s.to_string()),
            (None, true) => {
                let t = text
                    .replace("{source}原文", "原文")
                    .replace("{source}の", "原文の");
                return t.replace("{source}", "原文");
            }
            (Some(s), false) => (format!("the {s}"), upper_first(&format!("the {s}"))),
            (None, false) => ("the source".to_string(), "The source".to_string()),
        };
        text.replace("{source}", &lower).replace("{Source}", &upper)
    }

    /// A censored value in words: "less than 0.1%" / "0.1%未満".
    pub fn bound(&self, below: bool, number: &str) -> String {
        if self.ja {
            format!("{number}{}", if below { "未満" } else { "超" })
        } else {
            format!(
                "{}{number}",
                if below {
                    self.less_than
                } else {
                    self.more_than
                }
            )
        }
    }

    /// "Page 3 of 17" / "3 / 17ページ".
    /// What a contents link says to a screen reader: "Figure 1: Arrests, page 9".
    pub fn link_to(&self, label: &str, title: &str, page: usize) -> String {
        let head = if label.is_empty() {
            title.to_string()
        } else if self.ja {
            format!("{label}　{title}")
        } else {
            format!("{label}: {title}")
        };
        if self.ja {
            format!("{head}（{page}ページ）")
        } else {
            format!("{head}, page {page}")
        }
    }

    pub fn page_of(&self, n: usize, total: usize) -> String {
        if self.ja {
            format!("{n} / {total}")
        } else {
            format!("Page {n} of {total}")
        }
    }

    /// The note under a data table that prints only the first and last rows of a long file:
    /// "Rows 11 to 1,451 of 1,461 are not printed here; every row is in data/x.csv."
    pub fn rows_left_out(&self, from: usize, to: usize, total: usize, file: &str) -> String {
        use crate::model::format::{NumFormat, NumStyle};
        let n = |v: usize| NumFormat::of(NumStyle::Thousands).number(v as f64, 0);
        if self.ja {
            format!(
                "全{}行のうち{}〜{}行目は省略した。全行は{file}にある。",
                n(total),
                n(from),
                n(to)
            )
        } else {
            format!(
                "Rows {} to {} of {} are not printed here; every row is in {file}.",
                n(from),
                n(to),
                n(total)
            )
        }
    }

    /// The note under a data table computed by the spec's transforms: "Computed from
    /// data/x.json: rows whose year is 1931; mean of yield by site."
    pub fn transformed(&self, file: &str, steps: &[String]) -> String {
        if self.ja {
            format!("{file}から算出：{}。", steps.join("；"))
        } else {
            format!("Computed from {file}: {}.", steps.join("; "))
        }
    }

    /// The key entry of a scatter some of whose rows have no point: "3 rows have no value for
    /// a point's position or size and are not drawn".
    pub fn points_left_out(&self, n: usize) -> String {
        use crate::model::format::{NumFormat, NumStyle};
        let count = NumFormat::of(NumStyle::Thousands).number(n as f64, 0);
        match (self.ja, n) {
            (true, _) => format!("{count}行は位置か大きさの値がなく、描いていない"),
            (false, 1) => {
                "1 row has no value for a point's position or size and is not drawn".into()
            }
            (false, _) => format!(
                "{count} rows have no value for a point's position or size and are not drawn"
            ),
        }
    }

    /// The key entry of a scatter's trend line: "dashed line: least-squares trend, r² = 0.65".
    pub fn trend_key(&self, r2: f64, log: bool) -> String {
        match (self.ja, log) {
            (true, false) => format!("破線：最小二乗法による傾向線（r² = {r2:.2}）"),
            (true, true) => format!("破線：対数目盛上の最小二乗法による傾向線（r² = {r2:.2}）"),
            (false, false) => format!("dashed line: least-squares trend, r² = {r2:.2}"),
            (false, true) => {
                format!("dashed line: least-squares trend on the log scale, r² = {r2:.2}")
            }
        }
    }

    /// The heading of a scatter's size key: "Circle area: Population".
    pub fn size_key(&self, what: &str) -> String {
        if self.ja {
            format!("円の面積：{what}")
        } else {
            format!("Circle area: {what}")
        }
    }

    /// A label: "Figure 1a" / "図1a".
    pub fn numbered(&self, what: &str, n: &str) -> String {
        if self.ja {
            format!("{what}{n}")
        } else {
            format!("{what} {n}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_phrases() {
        assert_eq!(Lang::parse("en-GB"), Some(Lang::En));
        assert_eq!(Lang::parse("ja"), Some(Lang::Ja));
        assert_eq!(Lang::parse("fr"), None);
        assert_eq!(
            Lang::En.words().endnotes(&[35, 36], Some("briefing paper")),
            "Briefing paper endnotes 35, 36."
        );
        assert_eq!(
            Lang::En.words().endnotes(&[5], Some("briefing paper")),
            "Briefing paper endnote 5."
        );
        assert_eq!(Lang::En.words().endnotes(&[5, 6], None), "Endnotes 5, 6.");
        assert_eq!(Lang::Ja.words().endnotes(&[5], None), "原注5。");
        assert_eq!(
            Lang::Ja
                .words()
                .endnotes(&[35, 36], Some("ブリーフィングペーパー")),
            "ブリーフィングペーパー原注35、36。"
        );
        assert_eq!(Lang::Ja.words().bound(true, "0.1%"), "0.1%未満");
        assert_eq!(Lang::En.words().bound(true, "0.1%"), "less than 0.1%");
        assert_eq!(Lang::Ja.words().page_of(3, 17), "3 / 17");
        assert_eq!(Lang::Ja.words().numbered("図", "1a"), "図1a");
    }
}
