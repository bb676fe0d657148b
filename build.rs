//! Build script: the commit the binary is built from, for `civex --version`.
//!
//! `CIVEX_COMMIT` is the short hash of `HEAD`, or `unknown` outside a git
//! checkout (a crate tarball). Cargo reruns this when `HEAD` or the branch
//! it names moves; not on every change of the working tree (a build would
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
    let commit = git(&["rev-parse", "--short=12", "HEAD"]).filter(|c| !c.is_empty());
    let version = commit.unwrap_or_else(|| "unknown".to_string());
    println!("cargo:rustc-env=CIVEX_COMMIT={version}");
    if let Some(git_dir) = git(&["rev-parse", "--git-dir"]) {
        let git_dir = Path::new(&git_dir);
        println!("cargo:rerun-if-changed={}", git_dir.join("HEAD").display());
        if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
            println!("cargo:rerun-if-changed={}", git_dir.join(branch).display());
        }
        println!(
            "cargo:rerun-if-changed={}",
            git_dir.join("packed-refs").display()
        );
    }
}
