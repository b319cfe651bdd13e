//! Advice to the kernel on the engine's largest buffers (an exported organisation's text and the
//! nodes of its document): backed by huge pages where the system allows them, so that reading
//! and parsing a file of megabytes takes a few page faults, not one per 4 KiB page.
//!
//! Owns: that advice, the crate's one `unsafe` call. Never imports anything of the crate.

/// The size of a transparent huge page on x86-64 and aarch64 Linux.
#[cfg(target_os = "linux")]
const HUGE_PAGE: usize = 2 << 20;

/// Asks that the whole huge pages within the room `buffer` has reserved be backed by huge
/// pages (`madvise(MADV_HUGEPAGE)`). Advice only: nothing changes where transparent huge pages
/// are off, on other systems, or for a buffer too small to hold an aligned huge page.
pub fn prefer_huge_pages<T>(buffer: &mut Vec<T>) {
    #[cfg(target_os = "linux")]
    {
        let start = buffer.as_mut_ptr() as usize;
        let end = start + buffer.capacity() * size_of::<T>();
        let (first, last) = (
            start.next_multiple_of(HUGE_PAGE),
            end / HUGE_PAGE * HUGE_PAGE,
        );
        if last > first {
            // SAFETY: `first..last` lies within the allocation `buffer` owns and keeps;
            // `MADV_HUGEPAGE` changes neither its contents nor its mapping, only how the
            // kernel backs it. A refusal (transparent huge pages compiled out) is ignored.
            #[allow(unsafe_code)]
            unsafe {
                libc::madvise(
                    first as *mut libc::c_void,
                    last - first,
                    libc::MADV_HUGEPAGE,
                );
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = buffer;
}
