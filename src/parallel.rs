//! The library's thread pool (rayon's), so that a build without the `cli` feature (the browser's,
//! where wasm32 has no threads) runs the same code on the calling thread. The engine's only other
//! thread is a large contact file's reader (`engine::contact_file`).
//!
//! Owns: fork-join over the pool, and dropping aside on it. Never imports anything of the crate.

/// Runs both closures, on two threads when the pool has them, and returns both results.
pub fn join<A, B, RA, RB>(a: A, b: B) -> (RA, RB)
where
    A: FnOnce() -> RA + Send,
    B: FnOnce() -> RB + Send,
    RA: Send,
    RB: Send,
{
    #[cfg(feature = "cli")]
    return rayon::join(a, b);
    #[cfg(not(feature = "cli"))]
    return (a(), b());
}

/// `each` over every item, the items spread over the pool when it has threads; the results in
/// item order, flattened.
pub fn flat_map<T, I, F>(items: Vec<T>, each: F) -> Vec<I::Item>
where
    T: Send,
    I: IntoIterator,
    I::Item: Send,
    F: Fn(T) -> I + Sync + Send,
{
    #[cfg(feature = "cli")]
    {
        use rayon::iter::{IntoParallelIterator, ParallelIterator};
        items.into_par_iter().flat_map_iter(each).collect()
    }
    #[cfg(not(feature = "cli"))]
    items.into_iter().flat_map(each).collect()
}

/// `each` over every item of a slice, spread over the pool when it has threads; the results in
/// item order.
pub fn map<T, R, F>(items: &[T], each: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync + Send,
{
    #[cfg(feature = "cli")]
    {
        use rayon::iter::{IntoParallelRefIterator, ParallelIterator};
        items.par_iter().map(each).collect()
    }
    #[cfg(not(feature = "cli"))]
    items.iter().map(each).collect()
}

/// Drops `value` on the pool when it has threads, beside what the calling thread does next: what
/// a run kept for the rules of its modules (an exported organisation's facts, freed a value at a
/// time) need not hold up its output.
pub fn drop_aside<T: Send + 'static>(value: T) {
    #[cfg(feature = "cli")]
    rayon::spawn(move || drop(value));
    #[cfg(not(feature = "cli"))]
    drop(value);
}
