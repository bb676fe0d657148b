//! The `civex` command: the library's command line ([`civex::cli::main`]).

use std::process::ExitCode;

/// jemalloc, not the system allocator: see `Cargo.toml` and the README's
/// Speed section for why and what it was measured to change.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    civex::cli::main()
}
