//! contactlint's engine for the browser page, built for wasm32 without the `cli` feature: no
//! threads, no file system, no network. The page (`web/page/worker.js`) calls it through a plain
//! exported ABI, JSON in and JSON out, in a Web Worker:
//!
//! - `buffer_alloc(len)` / `buffer_free(ptr, len)`: a buffer in wasm memory for the request.
//! - `run(ptr, len)`: runs the request (a [`Request`] as JSON) and returns the length of the
//!   answer, which `answer()` points to until the next call.
//! - the import `page.random_bytes(into, len)`: the browser's `crypto.getRandomValues`, for the
//!   seeds of hash maps (getrandom's custom backend; see `.cargo/config.toml`).
//! - the import `page.read_contacts(offset, into, len)`: the worker copies up to `len` bytes of
//!   the contacts `File` from `offset` into wasm memory (with `FileReaderSync`, a chunk at a
//!   time) and returns how many, or -1 when the file cannot be read. The CSV is never held whole.
//!
//! Owns: the request and answer formats and the ABI. Imports the library's public API only.

mod request;

use std::cell::RefCell;

pub use request::{Request, answer};

thread_local! {
    /// The last answer, kept until the next call so that the page can read it.
    static ANSWER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// A buffer of `len` bytes for the page to write a request into.
#[unsafe(no_mangle)]
pub extern "C" fn buffer_alloc(len: usize) -> *mut u8 {
    let mut buffer = Vec::<u8>::with_capacity(len);
    let pointer = buffer.as_mut_ptr();
    std::mem::forget(buffer);
    pointer
}

/// Frees a buffer from [`buffer_alloc`].
///
/// # Safety
/// `pointer` and `len` are those of one [`buffer_alloc`] call, freed once.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn buffer_free(pointer: *mut u8, len: usize) {
    // SAFETY: the caller passes back what `buffer_alloc` gave, with its capacity.
    drop(unsafe { Vec::from_raw_parts(pointer, 0, len) });
}

/// Runs the request in `len` bytes at `pointer`; the answer's length (see [`answer_pointer`]).
///
/// # Safety
/// `pointer` holds `len` initialised bytes (a buffer from [`buffer_alloc`] the page wrote).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn run(pointer: *const u8, len: usize) -> usize {
    // SAFETY: the caller wrote `len` bytes there.
    let request = unsafe { std::slice::from_raw_parts(pointer, len) };
    let answer = answer(request);
    ANSWER.with(|kept| {
        let mut kept = kept.borrow_mut();
        *kept = answer.into_bytes();
        kept.len()
    })
}

/// Where the last answer lies in wasm memory.
#[unsafe(no_mangle)]
pub extern "C" fn answer_pointer() -> *const u8 {
    ANSWER.with(|kept| kept.borrow().as_ptr())
}

/// getrandom's custom backend: the page's `crypto.getRandomValues`.
///
/// # Safety
/// `into` points at `len` writable bytes (getrandom's contract).
#[cfg(target_arch = "wasm32")]
#[unsafe(no_mangle)]
unsafe extern "Rust" fn __getrandom_v03_custom(
    into: *mut u8,
    len: usize,
) -> Result<(), getrandom::Error> {
    #[link(wasm_import_module = "page")]
    unsafe extern "C" {
        fn random_bytes(into: *mut u8, len: usize);
    }
    // SAFETY: the page writes exactly `len` bytes at `into`.
    unsafe { random_bytes(into, len) };
    Ok(())
}
