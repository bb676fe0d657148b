//! Build script: the commit the binary is built from, for `civex --version`.
//!
//! `CIVEX_COMMIT` is the short hash of `HEAD`, or `unknown` outside a git
//! checkout of civex (a crate tarball). Cargo reruns this when `HEAD` or the
//! branch it names moves; not on every change of the working tree (a build would
//! then recompile the crate after every `git add`), so a build from edited
//! files names the commit they started from.

use std::path::Path;
use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn main() {
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    // Only a checkout of civex itself: a source tarball unpacked inside
    // another repository must not take that repository's commit.
    let own_checkout = git(&["rev-parse", "--show-toplevel"]).is_some_and(|top| {
        Path::new(&top).canonicalize().ok() == Path::new(&manifest_dir).canonicalize().ok()
    });
    let commit = own_checkout
        .then(|| git(&["rev-parse", "--short=12", "HEAD"]))
        .flatten()
        .filter(|c| !c.is_empty());
    let version = commit.unwrap_or_else(|| "unknown".to_string());
    println!("cargo:rustc-env=CIVEX_COMMIT={version}");
    println!("cargo:rerun-if-changed=build.rs");
    if !own_checkout {
        return;
    }
    // HEAD lives in the worktree's git folder, branches and packed refs in
    // the common one. Only paths that exist are watched: cargo reruns a
    // build script whose watched path is missing on every build.
    let git_dir = git(&["rev-parse", "--git-dir"]);
    let common_dir = git(&["rev-parse", "--git-common-dir"]);
    let mut watched = Vec::new();
    if let Some(dir) = &git_dir {
        watched.push(Path::new(dir).join("HEAD"));
    }
    if let Some(dir) = &common_dir {
        if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
            watched.push(Path::new(dir).join(branch));
        }
        watched.push(Path::new(dir).join("packed-refs"));
    }
    for path in watched.into_iter().filter(|p| p.exists()) {
        println!("cargo:rerun-if-changed={}", path.display());
    }
}
