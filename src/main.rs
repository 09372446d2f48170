// The binary's allocator: mimalloc. A pair's checks make a few hundred short-lived
// allocations, and glibc's malloc spent about a tenth of all instructions on them
// (docs/performance.md). The library leaves the choice to its users. Built with
// `no_thp`: mimalloc otherwise asks for transparent huge pages, and every page
// it returned and took back cost a 2 MiB clear (6 % of a run's time, and 103
// instead of 62 MiB peak at -j 8).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    paracheck::cli::main()
}
