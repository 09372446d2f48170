// The binary's allocator: mimalloc. A pair's checks make a few hundred short-lived
// allocations, and glibc's malloc spent about a tenth of all instructions on them
// (docs/performance.md). The library leaves the choice to its users.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    paracheck::cli::main()
}
