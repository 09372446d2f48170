// The binary's allocator: mimalloc. A pair's checks make a few hundred short-lived
// allocations, and glibc's malloc spent about a tenth of all instructions on them
// (docs/performance.md). The library leaves the choice to its users. Built with
// `no_thp`: mimalloc otherwise asks for transparent huge pages, and every page
// it returned and took back cost a 2 MiB clear (6 % of a run's time, and 103
// instead of 62 MiB peak at -j 8).
#[global_allocator]
static GLOBAL: MiMalloc = MiMalloc;

/// mimalloc behind Rust's allocator interface. Nearly every allocation asks for
/// an alignment of at most 8 (strings, vectors of offsets), which every block of
/// mimalloc has: those take its plain entry points, whose fast path is half as
/// long as the aligned ones' (that the `mimalloc` crate calls for every
/// allocation). Wider alignments go to the aligned entry points.
struct MiMalloc;

/// The alignment every block of mimalloc has, whatever its size (a word).
const WORD: usize = std::mem::size_of::<usize>();

// SAFETY: mimalloc's entry points are thread-safe; each block is returned to
// `mi_free`, whichever entry point made it; a block from the plain entry points
// is word-aligned, and those are used only for alignments of a word or less.
unsafe impl std::alloc::GlobalAlloc for MiMalloc {
    #[inline]
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        // SAFETY: as above; `layout.size()` is non-zero by the trait's contract.
        let p: *mut u8 = unsafe {
            if layout.align() <= WORD {
                libmimalloc_sys::mi_malloc(layout.size()).cast()
            } else {
                libmimalloc_sys::mi_malloc_aligned(layout.size(), layout.align()).cast()
            }
        };
        debug_assert!(p.is_null() || p.addr().is_multiple_of(layout.align()));
        p
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        // SAFETY: as above.
        unsafe {
            if layout.align() <= WORD {
                libmimalloc_sys::mi_zalloc(layout.size()).cast()
            } else {
                libmimalloc_sys::mi_zalloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: std::alloc::Layout) {
        // SAFETY: `ptr` came from one of mimalloc's entry points above.
        unsafe { libmimalloc_sys::mi_free(ptr.cast()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` came from the entry point of the same alignment class.
        unsafe {
            if layout.align() <= WORD {
                libmimalloc_sys::mi_realloc(ptr.cast(), new_size).cast()
            } else {
                libmimalloc_sys::mi_realloc_aligned(ptr.cast(), new_size, layout.align()).cast()
            }
        }
    }
}

fn main() -> std::process::ExitCode {
    paracheck::cli::main()
}
