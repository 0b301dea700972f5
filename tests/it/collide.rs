//! The collision step through the binary: a label that cannot fit is shortened, keeps its full
//! text as the SVG title, and the build says so as a warning located at the chart (again on
//! a build that does not draw the chart again).

use std::process::Command;

#[test]
fn a_label_that_cannot_fit_is_shortened_with_a_warning_and_a_title() {
    let dir = tempfile::tempdir().unwrap();
    let long = "The lowest number of arrests recorded in the whole period since records began";
    std::fs::create_dir_all(dir.path().join("data")).unwrap();
    std::fs::write(
        dir.path().join("data/a.csv"),
        "year,arrests\n2014,840\n2015,1196\n2016,920\n2017,651\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("charts.toml"),
        format!(
            "[report]\ntitle = \"T\"\n\n[[chart]]\nid = \"tight\"\nkind = \"line\"\ntitle = \"Arrests\"\nwidth = 320\ndata = \"data/a.csv\"\nx = {{ field = \"year\", type = \"temporal\" }}\ny = {{ field = \"arrests\" }}\nsource = \"Test\"\nannotations = [{{ x = 2017, text = \"{long}\" }}]\n"
        ),
    )
    .unwrap();
    // A second build draws nothing (the chart is up to date) and says the warning again,
    // from the manifest, where the first build kept it.
    for cmd in [
        &["validate"][..],
        &["build", "--formats", "svg"][..],
        &["build", "--formats", "svg"][..],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_chartbook"))
            .current_dir(dir.path())
            .args(cmd)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{err}");
        assert!(
            err.contains(&format!(
                "warning: the label “{long}” did not fit and is written “"
            )) && err.contains("(chart `tight`)")
                && err.contains("charts.toml:5:6"),
            "{cmd:?}: {err}"
        );
    }
    let manifest = std::fs::read_to_string(dir.path().join("output/manifest.json")).unwrap();
    assert!(manifest.contains("\"warnings\""), "{manifest}");
    let svg = std::fs::read_to_string(dir.path().join("output/svg/tight.svg")).unwrap();
    assert!(svg.contains(&format!("<title>{long}</title>")), "{svg}");
    assert!(svg.contains("…</text>"));
}
