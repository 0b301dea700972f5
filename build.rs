//! Build script: a fingerprint of the code that renders (every source file, the bundled fonts
//! and the locked dependency versions), so that the manifest's input hashes change whenever
//! the code does, even without a version bump: `check` then never takes outputs of older code
//! for current. Computed here, once, rather than by every run of `check`.

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let mut list = Vec::new();
    files(&root.join("src"), &mut list);
    files(&root.join("assets/fonts"), &mut list);
    list.push(root.join("Cargo.lock"));
    list.sort();
    // FNV-1a, 64 bits, over each file's relative path and bytes.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for p in &list {
        let rel = p.strip_prefix(&root).unwrap_or(p);
        eat(rel.to_string_lossy().as_bytes());
        eat(&[0]);
        eat(&std::fs::read(p).unwrap_or_default());
        eat(&[0]);
    }
    println!("cargo:rustc-env=CHARTBOOK_CODE_ID={h:016x}");
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=assets/fonts");
    println!("cargo:rerun-if-changed=Cargo.lock");
}
