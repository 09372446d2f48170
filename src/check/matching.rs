//! One-to-one matching of mentions across a pair, in time linear in the number of
//! mentions for texts of any length.
//!
//! The checks pair source and target mentions greedily: among all candidate pairs
//! `(i, j)` with a cost, the cheapest is taken first (ties by `i`, then `j`), and
//! pairs whose mentions are already taken are skipped. Done naively this builds
//! every source × target candidate, which grows with the square of the mention
//! count. [`greedy`] gives the same matching without doing so:
//!
//! - Each candidate's cost is at least the distance between the two mentions'
//!   relative positions plus a penalty. Right-hand mentions are put into buckets
//!   (by value, kind, month…) sorted by position, and each left mention asks a few
//!   buckets, each with a lower bound for the penalty of what it holds.
//! - A left mention then reads its buckets outwards from its own position, nearest
//!   first, and only as far as a cheaper candidate could still be found: the
//!   candidates it offers come out in exact cost order.
//! - A global heap holds each left mention's best remaining candidate and takes
//!   the cheapest; a candidate whose right mention is taken is replaced by that
//!   left mention's next best.
//!
//! This is the exhaustive greedy matching exactly, provided every candidate of a
//! left mention lies in one of the buckets it asks with a penalty bound no larger
//! than its true cost (the callers' bucket keys are built so; debug builds check
//! it against the exhaustive matching wherever that is cheap). Small inputs use the
//! exhaustive algorithm directly. A left mention reads at most [`BUDGET`] free
//! right mentions (taken ones are skipped along [`Links`]); only a text with
//! hundreds of mentions of one bucket between a mention and its partner can reach
//! it, and then the mention stays unmatched.

use foldhash::{HashMap, HashMapExt};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

thread_local! {
    /// Steps of the matching on this thread: candidate pairs costed and bucket
    /// items read. Tests check that it grows linearly with the text (tests/linear.rs).
    static STEPS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

fn step() {
    STEPS.with(|s| s.set(s.get().wrapping_add(1)));
}

/// Steps of the matching done so far on this thread (see `STEPS`).
pub fn steps() -> u64 {
    STEPS.with(std::cell::Cell::get)
}

/// Below this many candidate pairs, every pair is costed.
const SMALL: usize = 1024;

/// How many right mentions one left mention reads at most.
pub(crate) const BUDGET: usize = 512;

/// The exhaustive greedy matching: every `(i, j)` with a cost, cheapest first (ties
/// by `i` then `j`), skipping used items.
pub(crate) fn exhaustive(
    left: &[usize],
    right: &[usize],
    mut cost: impl FnMut(usize, usize) -> Option<i64>,
) -> Vec<(usize, usize)> {
    let mut cands = Vec::new();
    for &i in left {
        for &j in right {
            step();
            if let Some(c) = cost(i, j) {
                cands.push((c, i, j));
            }
        }
    }
    cands.sort_unstable();
    let mut used_l: Vec<usize> = Vec::new();
    let mut used_r: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for (_, i, j) in cands {
        if !used_l.contains(&i) && !used_r.contains(&j) {
            used_l.push(i);
            used_r.push(j);
            out.push((i, j));
        }
    }
    out
}

/// How a caller describes its candidates to [`greedy`].
pub(crate) trait Candidates {
    /// Relative position (0..=1000) of left mention `i` and right mention `j`.
    fn left_pos(&self, i: usize) -> i64;
    fn right_pos(&self, j: usize) -> i64;
    /// The buckets right mention `j` is in.
    fn right_keys(&self, j: usize, keys: &mut Vec<u64>);
    /// The buckets left mention `i` reads, each with a lower bound of the penalty
    /// (cost minus position distance) of the candidates it finds there.
    fn left_queries(&self, i: usize, queries: &mut Vec<(u64, i64)>);
    /// The cost of pairing `i` with `j`, if they may pair.
    fn cost(&self, i: usize, j: usize) -> Option<i64>;
}

/// One bucket as a left mention reads it: outwards from its position.
struct Stream {
    bucket: usize,
    penalty: i64,
    /// Next item to the left is `lo - 1` (none when 0); next to the right is `hi`.
    lo: usize,
    hi: usize,
}

/// A left mention's search state.
struct Searcher {
    i: usize,
    pos: i64,
    streams: Vec<Stream>,
    found: BinaryHeap<Reverse<(i64, usize)>>,
    read: usize,
}

/// The greedy matching of [`exhaustive`], without building every candidate.
pub(crate) fn greedy(left: &[usize], right: &[usize], c: &impl Candidates) -> Vec<(usize, usize)> {
    if left.is_empty() || right.is_empty() {
        return Vec::new();
    }
    if left.len().saturating_mul(right.len()) <= SMALL {
        return exhaustive(left, right, |i, j| c.cost(i, j));
    }
    let out = lazy(left, right, c);
    // In debug builds (the tests), check the bucket keys of every caller: the lazy
    // search must give the exhaustive matching wherever that is cheap to compute.
    #[cfg(debug_assertions)]
    if left.len().saturating_mul(right.len()) <= VERIFY {
        // Not counted as steps: they measure the search itself.
        let counted = steps();
        let (mut got, mut want) = (out.clone(), exhaustive(left, right, |i, j| c.cost(i, j)));
        STEPS.with(|s| s.set(counted));
        got.sort_unstable();
        want.sort_unstable();
        assert_eq!(
            got,
            want,
            "{}: the lazy matching differs from the exhaustive one",
            std::any::type_name_of_val(c)
        );
    }
    out
}

/// In debug builds, inputs up to this many candidate pairs are matched both ways
/// and compared (see [`greedy`]).
#[cfg(debug_assertions)]
const VERIFY: usize = 1 << 18;

/// The lazy search behind [`greedy`], for inputs of any size.
fn lazy(left: &[usize], right: &[usize], c: &impl Candidates) -> Vec<(usize, usize)> {
    // Buckets of right mentions, sorted by (position, index).
    let mut ids: HashMap<u64, usize> = HashMap::new();
    let mut buckets: Vec<Vec<(i64, usize)>> = Vec::new();
    let mut keys = Vec::new();
    for &j in right {
        keys.clear();
        c.right_keys(j, &mut keys);
        keys.sort_unstable();
        keys.dedup();
        for &k in &keys {
            let b = *ids.entry(k).or_insert_with(|| {
                buckets.push(Vec::new());
                buckets.len() - 1
            });
            buckets[b].push((c.right_pos(j), j));
        }
    }
    for b in &mut buckets {
        b.sort_unstable();
    }
    let max_right = right.iter().copied().max().unwrap_or(0);
    let mut used = vec![false; max_right + 1];
    let mut searchers: Vec<Searcher> = Vec::with_capacity(left.len());
    let mut queries = Vec::new();
    for &i in left {
        let pos = c.left_pos(i);
        queries.clear();
        c.left_queries(i, &mut queries);
        let streams = queries
            .iter()
            .filter_map(|&(k, penalty)| {
                let bucket = *ids.get(&k)?;
                let hi = buckets[bucket].partition_point(|&(p, _)| p < pos);
                Some(Stream {
                    bucket,
                    penalty,
                    lo: hi,
                    hi,
                })
            })
            .collect();
        searchers.push(Searcher {
            i,
            pos,
            streams,
            found: BinaryHeap::new(),
            read: 0,
        });
    }
    // Per bucket item, links over runs of taken right mentions (see [`skip`]).
    let mut jump: Vec<Links> = buckets
        .iter()
        .map(|b| Links {
            right: vec![0; b.len()],
            left: vec![0; b.len()],
        })
        .collect();
    let mut heap: BinaryHeap<Reverse<(i64, usize, usize, usize)>> = BinaryHeap::new();
    for (s, searcher) in searchers.iter_mut().enumerate() {
        if let Some((cost, j)) = next_best(searcher, &buckets, &mut jump, &used, c) {
            heap.push(Reverse((cost, searcher.i, j, s)));
        }
    }
    let mut out = Vec::new();
    while let Some(Reverse((_, i, j, s))) = heap.pop() {
        if used[j] {
            if let Some((cost, j)) = next_best(&mut searchers[s], &buckets, &mut jump, &used, c) {
                heap.push(Reverse((cost, i, j, s)));
            }
            continue;
        }
        used[j] = true;
        out.push((i, j));
        // The searcher is done; free what it holds.
        searchers[s].streams = Vec::new();
        searchers[s].found = BinaryHeap::new();
    }
    out
}

/// The cheapest candidate of a left mention whose right mention is free, taken out
/// of its search; `None` when it has none left.
fn next_best(
    s: &mut Searcher,
    buckets: &[Vec<(i64, usize)>],
    jump: &mut [Links],
    used: &[bool],
    c: &impl Candidates,
) -> Option<(i64, usize)> {
    loop {
        // The nearest unread item over all streams, as a lower bound `(cost, j)` of
        // what each stream can still offer. Reading to the right, items of one
        // position come in increasing `j`, so the next item's `j` bounds the
        // ties; reading to the left they come the other way, so any `j` may.
        let mut frontier: Option<(i64, usize, usize, bool)> = None;
        for (k, st) in s.streams.iter().enumerate() {
            let b = &buckets[st.bucket];
            let left = (st.lo > 0).then(|| (s.pos - b[st.lo - 1].0 + st.penalty, 0, k, false));
            let right =
                (st.hi < b.len()).then(|| (b[st.hi].0 - s.pos + st.penalty, b[st.hi].1, k, true));
            for cand in [left, right].into_iter().flatten() {
                if frontier.is_none_or(|f| (cand.0, cand.1) < (f.0, f.1)) {
                    frontier = Some(cand);
                }
            }
        }
        // Skip found candidates whose right mention was taken meanwhile.
        while s.found.peek().is_some_and(|Reverse((_, j))| used[*j]) {
            s.found.pop();
        }
        let best = s.found.peek().map(|Reverse(x)| *x);
        match (best, frontier) {
            (Some(found), Some((bound, bound_j, _, _))) if found < (bound, bound_j) => {
                return s.found.pop().map(|r| r.0);
            }
            (_, None) => return s.found.pop().map(|r| r.0),
            (_, Some((_, _, k, towards_right))) => {
                if s.read >= BUDGET {
                    s.streams.clear();
                    continue;
                }
                s.read += 1;
                step();
                let st = &mut s.streams[k];
                let (b, links) = (&buckets[st.bucket], &mut jump[st.bucket]);
                let j = if towards_right {
                    let at = skip(st.hi, b, links, used, true);
                    if at == b.len() {
                        st.hi = at;
                        continue;
                    }
                    st.hi = at + 1;
                    b[at].1
                } else {
                    let lo = skip(st.lo, b, links, used, false);
                    if lo == 0 {
                        st.lo = 0;
                        continue;
                    }
                    st.lo = lo - 1;
                    b[st.lo].1
                };
                if !used[j]
                    && let Some(cost) = c.cost(s.i, j)
                {
                    s.found.push(Reverse((cost, j)));
                }
            }
        }
    }
}

/// Links over the taken items of one bucket, found lazily and shortened as they
/// are followed (path halving, as in a union-find), so that every reader skips a
/// run of taken mentions in amortised logarithmic steps, whichever way it reads.
/// `right[x]`: the first index past `x` that may be free (0: `x + 1`, not known
/// better). `left[x]`: the cursor `lo` (next item `lo - 1`) a reader reaches when
/// it passes `x` going left, plus one (0: `x`).
struct Links {
    right: Vec<u32>,
    left: Vec<u32>,
}

/// From a cursor, the first position whose item is free, reading right (`hi`: the
/// next item is `b[hi]`; returns `b.len()` when none is) or left (`lo`: the next
/// item is `b[lo - 1]`; returns 0 when none is).
fn skip(mut at: usize, b: &[(i64, usize)], links: &mut Links, used: &[bool], right: bool) -> usize {
    if right {
        let next = |links: &Links, x: usize| match links.right[x] {
            0 => x + 1,
            n => n as usize,
        };
        while at < b.len() && used[b[at].1] {
            step();
            let n = next(links, at);
            if n < b.len() && used[b[n].1] {
                links.right[at] = next(links, n) as u32;
            }
            at = n;
        }
    } else {
        let next = |links: &Links, x: usize| match links.left[x] {
            0 => x,
            n => n as usize - 1,
        };
        while at > 0 && used[b[at - 1].1] {
            step();
            let n = next(links, at - 1);
            if n > 0 && used[b[n - 1].1] {
                links.left[at - 1] = next(links, n - 1) as u32 + 1;
            }
            at = n;
        }
    }
    at
}

/// A bucket key from a tag and up to three values (hashing is not needed: keys
/// only have to differ when their parts do, within one caller).
pub(crate) fn key(tag: u8, a: u64, b: u64) -> u64 {
    // FNV-1a over the parts: stable and cheap.
    let mut h: u64 = 0xcbf29ce484222325;
    for x in [tag as u64, a, b] {
        for byte in x.to_le_bytes() {
            h ^= byte as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Random candidates: each item has a position, a group and a "digit"; valid
    /// pairs share the group; the cost adds penalties for different digits.
    struct Random {
        lpos: Vec<i64>,
        rpos: Vec<i64>,
        lgroup: Vec<u8>,
        rgroup: Vec<u8>,
        ldig: Vec<u8>,
        rdig: Vec<u8>,
    }

    impl Candidates for Random {
        fn left_pos(&self, i: usize) -> i64 {
            self.lpos[i]
        }
        fn right_pos(&self, j: usize) -> i64 {
            self.rpos[j]
        }
        fn right_keys(&self, j: usize, keys: &mut Vec<u64>) {
            keys.push(key(1, self.rgroup[j] as u64, self.rdig[j] as u64));
            keys.push(key(2, self.rgroup[j] as u64, 0));
        }
        fn left_queries(&self, i: usize, q: &mut Vec<(u64, i64)>) {
            q.push((key(1, self.lgroup[i] as u64, self.ldig[i] as u64), 0));
            q.push((key(2, self.lgroup[i] as u64, 0), 300));
        }
        fn cost(&self, i: usize, j: usize) -> Option<i64> {
            (self.lgroup[i] == self.rgroup[j]).then(|| {
                (self.lpos[i] - self.rpos[j]).abs()
                    + if self.ldig[i] == self.rdig[j] { 0 } else { 300 }
            })
        }
    }

    proptest! {
        #[test]
        fn lazy_greedy_is_the_exhaustive_greedy(
            l in prop::collection::vec((0i64..40, 0u8..3, 0u8..3), 0..80),
            r in prop::collection::vec((0i64..40, 0u8..3, 0u8..3), 0..80),
        ) {
            let c = Random {
                lpos: l.iter().map(|x| x.0).collect(),
                rpos: r.iter().map(|x| x.0).collect(),
                lgroup: l.iter().map(|x| x.1).collect(),
                rgroup: r.iter().map(|x| x.1).collect(),
                ldig: l.iter().map(|x| x.2).collect(),
                rdig: r.iter().map(|x| x.2).collect(),
            };
            let left: Vec<usize> = (0..l.len()).collect();
            let right: Vec<usize> = (0..r.len()).collect();
            let mut want = exhaustive(&left, &right, |i, j| c.cost(i, j));
            // The lazy search, whatever the size.
            let mut got = lazy(&left, &right, &c);
            want.sort_unstable();
            got.sort_unstable();
            prop_assert_eq!(got, want);
        }
    }
}
