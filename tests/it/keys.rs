//! Every spec key does something: for each kind and each key it takes, the chart is drawn
//! without the key and with it, and the two SVGs must differ. A key that validates but
//! changes nothing (accepted and ignored) fails here. Keys that change no picture are listed
//! at the end with where their effect is tested instead.

use chartbook::model::Context;
use chartbook::output::render_chart;

const WIDE: &str = "year,a,b,n\n2001,10,4,120\n2002,14,-3,130\n2003,9,6,90\n2005,12,5,100\n";
const LONG: &str = "year,fuel,value,low,high\n2001,Coal,10,8,12\n2001,Wind,2,1,4\n2002,Coal,9,7,11\n2002,Wind,4,2,5\n2003,Coal,8,6,10\n2003,Wind,6,5,8\n";
const DATES: &str = "day,v\n2021-03-01,5\n2021-03-02,7\n2021-03-03,6\n2021-03-05,9\n2021-03-06,8\n";
const RANGES: &str = "name,lo,hi,lo2,hi2\nNorth,-4,10,1,3\nSouth,2,8,3,9\nEast,1,12,0,4\n";
const TABLE: &str = "name,count,share\nNorth,1200,0.5\nSouth,300,12.25\n";
const TEXT: &str = "item\nFirst point\nSecond point\n";
const POINTS: &str = "name,gdp,life,pop,region\nAland,1200,61.5,300,North\nBorduria,5400,70.1,12000,South\nCarpania,900,55,800,North\nDystopia,23000,79.9,5,South\nElbonia,3100,66.2,2500,South\n";
const SCATTER: &str =
    "kind = \"scatter\"\ndata = \"points.csv\"\nx = { field = \"gdp\" }\ny = { field = \"life\" }";

/// Draws the one chart of `chart` (a `[[chart]]` body) and returns its SVG, or the errors.
fn draw(chart: &str) -> Result<String, String> {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    for (name, csv) in [
        ("wide", WIDE),
        ("long", LONG),
        ("dates", DATES),
        ("ranges", RANGES),
        ("table", TABLE),
        ("text", TEXT),
        ("points", POINTS),
    ] {
        std::fs::write(dir.join(format!("{name}.csv")), csv).unwrap();
    }
    let spec = format!(
        "[report]\ntitle = \"Keys\"\n\n[[chart]]\nid = \"c\"\ntitle = \"A chart\"\nsource = \"Test\"\n{chart}\n"
    );
    std::fs::write(dir.join("charts.toml"), &spec).unwrap();
    let loaded = chartbook::spec::load(&dir.join("charts.toml")).map_err(|d| {
        d.iter()
            .map(|d| format!("{d:?}"))
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    let chart = &loaded.spec.charts[0];
    let r =
        render_chart(chart, &Context::of(&loaded.spec), None, false).map_err(|e| e.to_string())?;
    Ok(r.svg)
}

/// `without` draws, `with` draws too, and differently.
fn changes(case: &str, without: &str, with: &str) -> Option<String> {
    match (draw(without), draw(with)) {
        (Err(e), _) => Some(format!("{case}: the spec without the key fails: {e}")),
        (_, Err(e)) => Some(format!("{case}: the key is refused: {e}")),
        (Ok(a), Ok(b)) => {
            // The description is not the picture: a key that only changes the words there
            // is accepted and not drawn, except `alt` and `unit`, whose purpose they are.
            let same = if matches!(case, "alt" | "line y unit") {
                a == b
            } else {
                strip_desc(&a) == strip_desc(&b)
            };
            same.then(|| format!("{case}: the key changes nothing in the picture"))
        }
    }
}

const LINE: &str = "kind = \"line\"\ndata = \"wide.csv\"\nx = { field = \"year\", type = \"temporal\" }\nseries = [{ field = \"a\", label = \"A\" }, { field = \"b\", label = \"B\" }]";
const BAR: &str = "kind = \"bar\"\ndata = \"wide.csv\"\nx = { field = \"year\", format = \"plain\" }\ny = { field = \"a\" }";
const GROUPED: &str = "kind = \"grouped_bar\"\ndata = \"wide.csv\"\nx = { field = \"year\", format = \"plain\" }\nseries = [{ field = \"a\", label = \"A\" }, { field = \"n\", label = \"N\" }]";
const STACKED: &str = "kind = \"stacked_bar\"\ndata = \"wide.csv\"\nx = { field = \"year\", format = \"plain\" }\nseries = [{ field = \"a\", label = \"A\" }, { field = \"n\", label = \"N\" }]";
const RANGE: &str = "kind = \"range\"\ndata = \"ranges.csv\"\nx = { field = \"name\" }\nranges = [{ low = \"lo\", high = \"hi\", label = \"One\" }]";
const TABLE_KIND: &str = "kind = \"table\"\ndata = \"table.csv\"";
const TEXT_KIND: &str = "kind = \"text\"\ndata = \"text.csv\"\nfield = \"item\"";
const DATE_LINE: &str = "kind = \"line\"\ndata = \"dates.csv\"\ny = { field = \"v\" }";

#[test]
fn every_key_changes_the_picture() {
    let line_x = |extra: &str| {
        format!(
            "kind = \"line\"\ndata = \"wide.csv\"\nseries = [{{ field = \"a\", label = \"A\" }}]\nx = {{ field = \"year\", type = \"temporal\"{extra} }}"
        )
    };
    let bar_y = |extra: &str| {
        format!(
            "kind = \"bar\"\ndata = \"wide.csv\"\nx = {{ field = \"year\", format = \"plain\" }}\ny = {{ field = \"n\"{extra} }}"
        )
    };
    let date_x =
        |extra: &str| format!("{DATE_LINE}\nx = {{ field = \"day\", type = \"temporal\"{extra} }}");
    let cases: Vec<(&str, String, String)> = vec![
        // Keys every kind takes.
        ("subtitle", BAR.into(), "subtitle = \"Sub\"".into()),
        ("notes", BAR.into(), "notes = [\"A note.\"]".into()),
        ("width", BAR.into(), "width = 500".into()),
        ("height", BAR.into(), "height = 500".into()),
        ("alt", BAR.into(), "alt = \"Bars by year.\"".into()),
        // Line.
        ("line markers", LINE.into(), "markers = \"never\"".into()),
        ("line values", LINE.into(), "values = false".into()),
        ("line annotation", LINE.into(), "annotations = [{ x = 2002, text = \"Here\" }]".into()),
        ("line span", LINE.into(), "annotations = [{ x = [2002, 2003], text = \"Then\" }]".into()),
        ("line rule", LINE.into(), "annotations = [{ y = 5, text = \"Five\" }]".into()),
        ("line x min", line_x(""), line_x(", min = 2002")),
        ("line x max", line_x(""), line_x(", max = 2003")),
        ("line y title", LINE.into(), "y = { title = \"People\" }".into()),
        ("line x title", line_x(""), line_x(", title = \"Year\"")),
        // Area.
        ("area stack", "kind = \"area\"\ndata = \"long.csv\"\nx = { field = \"year\", type = \"temporal\" }\ny = { field = \"value\" }\ncolor = { field = \"fuel\" }".into(), "stack = \"percent\"".into()),
        ("area color order", "kind = \"area\"\ndata = \"long.csv\"\nx = { field = \"year\", type = \"temporal\" }\ny = { field = \"value\" }\ncolor = { field = \"fuel\" }".into(), "kind = \"area\"\ndata = \"long.csv\"\nx = { field = \"year\", type = \"temporal\" }\ny = { field = \"value\" }\ncolor = { field = \"fuel\", order = [\"Wind\"] }".into()),
        ("area series", "kind = \"area\"\ndata = \"wide.csv\"\nx = { field = \"year\", type = \"temporal\" }\nseries = [{ field = \"a\", label = \"A\" }]".into(), "kind = \"area\"\ndata = \"wide.csv\"\nx = { field = \"year\", type = \"temporal\" }\nseries = [{ field = \"a\", label = \"A\" }, { field = \"n\", label = \"N\" }]".into()),
        ("area y max", "kind = \"area\"\ndata = \"wide.csv\"\nx = { field = \"year\", type = \"temporal\" }\ny = { field = \"a\" }".into(), "kind = \"area\"\ndata = \"wide.csv\"\nx = { field = \"year\", type = \"temporal\" }\ny = { field = \"a\", max = 100 }".into()),
        ("area rule", "kind = \"area\"\ndata = \"wide.csv\"\nx = { field = \"year\", type = \"temporal\" }\ny = { field = \"a\" }".into(), "annotations = [{ y = 12, text = \"Twelve\" }]".into()),
        ("range direction", RANGE.into(), "direction = true".into()),
        ("range direction names", format!("{RANGE}\ndirection = true"), format!("{RANGE}\ndirection = {{ from = \"Then\", to = \"Now\" }}")),
        ("transform top", BAR.into(), "transform = [{ top = 2 }]".into()),
        ("transform filter", BAR.into(), "transform = [{ filter = { field = \"a\", above = 10 } }]".into()),
        ("transform sort", BAR.into(), "transform = [{ sort = { field = \"a\" } }]".into()),
        ("transform aggregate", "kind = \"bar\"\ndata = \"long.csv\"\nx = { field = \"fuel\" }\ny = { field = \"value\" }\ntransform = [{ filter = { field = \"year\", in = [2001] } }]".into(), "kind = \"bar\"\ndata = \"long.csv\"\nx = { field = \"fuel\" }\ny = { field = \"value\" }\ntransform = [{ aggregate = { by = [\"fuel\"], values = [{ op = \"sum\", field = \"value\" }] } }]".into()),
        ("transform pivot", "kind = \"range\"\ndata = \"long.csv\"\nx = { field = \"fuel\" }\nranges = [{ low = \"value\", high = \"high\" }]\ntransform = [{ filter = { field = \"year\", in = [2001] } }]".into(), "kind = \"range\"\ndata = \"long.csv\"\nx = { field = \"fuel\" }\nranges = [{ low = \"2001\", high = \"2003\" }]\ntransform = [{ pivot = { key = \"year\", value = \"value\" } }]".into()),
        ("facet", "kind = \"line\"\ndata = \"long.csv\"\nx = { field = \"year\", type = \"temporal\" }\ny = { field = \"value\" }\ntransform = [{ filter = { field = \"fuel\", in = [\"Coal\"] } }]".into(), "kind = \"line\"\ndata = \"long.csv\"\nx = { field = \"year\", type = \"temporal\" }\ny = { field = \"value\" }\nfacet = { field = \"fuel\" }".into()),
        ("facet columns", "kind = \"line\"\ndata = \"long.csv\"\nx = { field = \"year\", type = \"temporal\" }\ny = { field = \"value\" }\nfacet = { field = \"fuel\" }".into(), "kind = \"line\"\ndata = \"long.csv\"\nx = { field = \"year\", type = \"temporal\" }\ny = { field = \"value\" }\nfacet = { field = \"fuel\", columns = 1 }".into()),
        ("facet scales", "kind = \"line\"\ndata = \"long.csv\"\nx = { field = \"year\", type = \"temporal\" }\ny = { field = \"value\" }\nfacet = { field = \"fuel\" }".into(), "kind = \"line\"\ndata = \"long.csv\"\nx = { field = \"year\", type = \"temporal\" }\ny = { field = \"value\" }\nfacet = { field = \"fuel\", scales = \"free_y\" }".into()),
        ("transform calculate", "kind = \"bar\"\ndata = \"long.csv\"\nx = { field = \"fuel\" }\ny = { field = \"value\" }\ntransform = [{ filter = { field = \"year\", in = [2003] } }, { calculate = { running = \"value\", as = \"total\" } }]".into(), "kind = \"bar\"\ndata = \"long.csv\"\nx = { field = \"fuel\" }\ny = { field = \"total\" }\ntransform = [{ filter = { field = \"year\", in = [2003] } }, { calculate = { share = \"value\", as = \"total\" } }]".into()),
        ("transform date", "kind = \"bar\"\ndata = \"dates.csv\"\nx = { field = \"day\", type = \"temporal\" }\ny = { field = \"v\" }".into(), "kind = \"bar\"\ndata = \"dates.csv\"\nx = { field = \"month\", type = \"temporal\" }\ny = { field = \"v\" }\ntransform = [{ date = { field = \"day\", part = \"month\" } }, { aggregate = { by = [\"month\"], values = [{ op = \"sum\", field = \"v\" }] } }]".into()),
        ("facet with color", "kind = \"line\"\ndata = \"long.csv\"\nx = { field = \"year\", type = \"temporal\" }\ny = { field = \"value\" }\ncolor = { field = \"fuel\" }".into(), "kind = \"line\"\ndata = \"long.csv\"\nx = { field = \"year\", type = \"temporal\" }\ny = { field = \"value\" }\ncolor = { field = \"fuel\" }\nfacet = { field = \"low\" }".into()),
        // Dot.
        ("dot values", "kind = \"dot\"\ndata = \"ranges.csv\"\nx = { field = \"name\" }\nseries = [{ field = \"lo\", label = \"Low\" }, { field = \"hi\", label = \"High\" }]".into(), "values = false".into()),
        ("dot series", "kind = \"dot\"\ndata = \"ranges.csv\"\nx = { field = \"name\" }\nseries = [{ field = \"lo\", label = \"Low\" }]".into(), "kind = \"dot\"\ndata = \"ranges.csv\"\nx = { field = \"name\" }\nseries = [{ field = \"lo\", label = \"Low\" }, { field = \"hi\", label = \"High\" }]".into()),
        ("dot y min", "kind = \"dot\"\ndata = \"ranges.csv\"\nx = { field = \"name\" }\ny = { field = \"hi\" }".into(), "kind = \"dot\"\ndata = \"ranges.csv\"\nx = { field = \"name\" }\ny = { field = \"hi\", min = -20 }".into()),
        // Slope.
        ("slope values", "kind = \"slope\"\ndata = \"ranges.csv\"\nx = { field = \"name\" }\nseries = [{ field = \"lo\", label = \"Low\" }, { field = \"hi\", label = \"High\" }]".into(), "values = false".into()),
        ("slope series", "kind = \"slope\"\ndata = \"ranges.csv\"\nx = { field = \"name\" }\nseries = [{ field = \"lo\", label = \"Low\" }]".into(), "kind = \"slope\"\ndata = \"ranges.csv\"\nx = { field = \"name\" }\nseries = [{ field = \"lo\", label = \"Low\" }, { field = \"hi\", label = \"High\" }]".into()),
        ("slope y min", "kind = \"slope\"\ndata = \"ranges.csv\"\nx = { field = \"name\" }\ny = { field = \"hi\" }".into(), "kind = \"slope\"\ndata = \"ranges.csv\"\nx = { field = \"name\" }\ny = { field = \"hi\", min = -50 }".into()),
        ("slope y title", "kind = \"slope\"\ndata = \"ranges.csv\"\nx = { field = \"name\" }\ny = { field = \"hi\" }".into(), "kind = \"slope\"\ndata = \"ranges.csv\"\nx = { field = \"name\" }\ny = { field = \"hi\", title = \"Height\" }".into()),
        ("slope x title", "kind = \"slope\"\ndata = \"ranges.csv\"\nx = { field = \"name\" }\ny = { field = \"hi\" }".into(), "kind = \"slope\"\ndata = \"ranges.csv\"\nx = { field = \"name\", title = \"Names\" }\ny = { field = \"hi\" }".into()),
        // Scatter.
        ("scatter color", SCATTER.into(), "color = { field = \"region\" }".into()),
        ("scatter color order", format!("{SCATTER}\ncolor = {{ field = \"region\" }}"), format!("{SCATTER}\ncolor = {{ field = \"region\", order = [\"South\"] }}")),
        ("scatter color direct", format!("{SCATTER}\ncolor = {{ field = \"region\" }}"), format!("{SCATTER}\ncolor = {{ field = \"region\", direct = true }}")),
        ("scatter size", SCATTER.into(), "size = { field = \"pop\" }".into()),
        ("scatter size title", format!("{SCATTER}\nsize = {{ field = \"pop\" }}"), format!("{SCATTER}\nsize = {{ field = \"pop\", title = \"People\" }}")),
        ("scatter size format", format!("{SCATTER}\nsize = {{ field = \"pop\" }}"), format!("{SCATTER}\nsize = {{ field = \"pop\", suffix = \" people\" }}")),
        ("scatter label", SCATTER.into(), "label = { field = \"name\" }".into()),
        ("scatter label only", format!("{SCATTER}\nlabel = {{ field = \"name\" }}"), format!("{SCATTER}\nlabel = {{ field = \"name\", only = [\"Aland\"] }}")),
        ("scatter trend", SCATTER.into(), "trend = true".into()),
        ("scatter x log", SCATTER.into(), "kind = \"scatter\"\ndata = \"points.csv\"\nx = { field = \"gdp\", scale = \"log\" }\ny = { field = \"life\" }".into()),
        ("scatter y log", SCATTER.into(), "kind = \"scatter\"\ndata = \"points.csv\"\nx = { field = \"gdp\" }\ny = { field = \"life\", scale = \"log\" }".into()),
        ("scatter x min", SCATTER.into(), "kind = \"scatter\"\ndata = \"points.csv\"\nx = { field = \"gdp\", min = 0, max = 30000 }\ny = { field = \"life\" }".into()),
        ("scatter x title", SCATTER.into(), "kind = \"scatter\"\ndata = \"points.csv\"\nx = { field = \"gdp\", title = \"GDP\" }\ny = { field = \"life\" }".into()),
        ("scatter rule", SCATTER.into(), "annotations = [{ y = 70, text = \"Seventy\" }]".into()),
        ("scatter span", SCATTER.into(), "annotations = [{ x = [1000, 4000], text = \"Poor\" }]".into()),
        ("bar x title", BAR.into(), "kind = \"bar\"\ndata = \"wide.csv\"\nx = { field = \"year\", format = \"plain\", title = \"Year\" }\ny = { field = \"a\" }".into()),
        ("date x title", date_x(""), date_x(", title = \"Day\"")),
        ("line y min", LINE.into(), "y = { min = -10 }".into()),
        ("line y max", LINE.into(), "y = { max = 100 }".into()),
        ("line y format", LINE.into(), "y = { format = \"percent\" }".into()),
        ("line y decimals", LINE.into(), "y = { decimals = 2 }".into()),
        ("line y prefix", LINE.into(), "y = { prefix = \"$\" }".into()),
        ("line y suffix", LINE.into(), "y = { suffix = \" t\" }".into()),
        ("line y unit", LINE.into(), "y = { unit = \"tonnes\" }".into()),
        ("date x format", date_x(""), date_x(", format = \"%d/%m\"")),
        ("date annotation", date_x(""), "annotations = [{ x = \"2021-03-03\", text = \"Here\" }]".into()),
        ("color order", "kind = \"line\"\ndata = \"long.csv\"\nx = { field = \"year\", type = \"temporal\" }\ny = { field = \"value\" }\ncolor = { field = \"fuel\" }".into(), "kind = \"line\"\ndata = \"long.csv\"\nx = { field = \"year\", type = \"temporal\" }\ny = { field = \"value\" }\ncolor = { field = \"fuel\", order = [\"Wind\", \"Coal\"] }".into()),
        // Bars.
        ("bar orientation", BAR.into(), "orientation = \"horizontal\"".into()),
        ("bar values", BAR.into(), "values = false".into()),
        ("bar label", BAR.into(), "label = { field = \"n\", suffix = \" people\" }".into()),
        ("bar y min", bar_y(""), bar_y(", min = 0, max = 200")),
        ("bar y scale", bar_y(""), bar_y(", scale = \"linear\", max = 1000")),
        ("bar annotation", BAR.into(), "annotations = [{ y = 11, text = \"Eleven\" }]".into()),
        ("grouped values", GROUPED.into(), "values = false".into()),
        ("stacked orientation", STACKED.into(), "orientation = \"horizontal\"".into()),
        // Range.
        ("range y min", RANGE.into(), "y = { min = -20 }".into()),
        ("range second", RANGE.into(), RANGE.replace("label = \"One\" }]", "label = \"One\" }, { low = \"lo2\", high = \"hi2\", label = \"Two\" }]")),
        // Table and text.
        ("table columns", TABLE_KIND.into(), "columns = [{ field = \"name\", title = \"Region\" }, { field = \"count\", title = \"Count\", format = \"plain\" }]".into()),
        ("text style", TEXT_KIND.into(), "style = \"numbered\"".into()),
    ];
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(case, without, with)| {
            // A plain key line is added to the spec; a whole body replaces it.
            let with = if with.starts_with("kind = ") {
                with.clone()
            } else {
                format!("{without}\n{with}")
            };
            changes(case, without, &with)
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_date_axis_needs_no_pattern_for_iso_and_takes_one_for_its_own_spelling() {
    let iso = draw(&format!(
        "{DATE_LINE}\nx = {{ field = \"day\", type = \"temporal\" }}"
    ))
    .unwrap();
    let tmp_csv = DATES
        .lines()
        .map(|l| {
            // 2021-03-01 → 01.03.2021
            let (d, v) = l.split_once(',').unwrap();
            if d == "day" {
                l.to_string()
            } else {
                format!("{}.{}.{},{v}", &d[8..10], &d[5..7], &d[0..4])
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("dates.csv"), format!("{tmp_csv}\n")).unwrap();
    std::fs::write(
        tmp.path().join("charts.toml"),
        format!("[report]\ntitle = \"Keys\"\n\n[[chart]]\nid = \"c\"\ntitle = \"A chart\"\nsource = \"Test\"\n{DATE_LINE}\nx = {{ field = \"day\", type = \"temporal\", parse = \"%d.%m.%Y\" }}\n"),
    )
    .unwrap();
    let loaded = chartbook::spec::load(&tmp.path().join("charts.toml")).unwrap();
    let parsed = render_chart(
        &loaded.spec.charts[0],
        &Context::of(&loaded.spec),
        None,
        false,
    )
    .unwrap()
    .svg;
    // The same dates, however written, draw the same picture.
    assert_eq!(strip_desc(&iso), strip_desc(&parsed));
    assert!(iso.contains(">1 Mar 2021<"), "day ticks labelled as dates");
}

/// The SVG without its description (which quotes the cells as written) and its metadata
/// (which holds the data file's checksum).
fn strip_desc(svg: &str) -> String {
    let mut s = svg.to_string();
    for (open, close) in [("<desc", "</desc>"), ("<metadata", "</metadata>")] {
        let mut out = String::new();
        let mut rest = s.as_str();
        while let Some(i) = rest.find(open) {
            out.push_str(&rest[..i]);
            match rest[i..].find(close) {
                Some(j) => rest = &rest[i + j + close.len()..],
                None => break,
            }
        }
        out.push_str(rest);
        s = out;
    }
    s
}

#[test]
fn keys_without_a_picture_are_tested_elsewhere() {
    // `number`, `section` and `footnotes` shape the PDF handout (tests/pdf.rs); `id` names the files;
    // `data`, `x.field`, `series` and `ranges` are what every chart draws. This test only
    // keeps that list honest: each of those keys is still accepted.
    let spec = format!("{BAR}\nsection = \"Part one\"");
    assert!(draw(&spec).is_ok(), "section is accepted");
}
