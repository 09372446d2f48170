// The filter of names' first two characters, shared by `build.rs` (which sets the
// bits) and `src/gazetteer.rs` (which tests them): both `include!` this file, so
// that they hash alike.

/// Bits of a language's pair filter: 2^19 (64 KiB).
const PAIR_BITS: u32 = 19;

/// The bit of the pair filter for a name starting with the characters `a`, `b`.
fn pair_bit(a: char, b: char) -> usize {
    let k = ((u64::from(u32::from(a)) << 21) | u64::from(u32::from(b)))
        .wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (k >> (64 - PAIR_BITS)) as usize
}
