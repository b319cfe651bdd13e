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

#[cfg(test)]
#[cfg(target_os = "linux")]
mod tests {
    use super::*;

    /// The flags `/proc/self/smaps` gives the mapping that holds `address`.
    fn flags_at(address: usize) -> String {
        let smaps = std::fs::read_to_string("/proc/self/smaps").unwrap();
        let mut holds = false;
        for line in smaps.lines() {
            if let Some((range, _)) = line.split_once(' ')
                && let Some((start, end)) = range.split_once('-')
                && let (Ok(start), Ok(end)) = (
                    usize::from_str_radix(start, 16),
                    usize::from_str_radix(end, 16),
                )
            {
                holds = (start..end).contains(&address);
            } else if let Some(flags) = line.strip_prefix("VmFlags:")
                && holds
            {
                return flags.to_owned();
            }
        }
        panic!("no mapping holds {address:#x}");
    }

    /// A buffer of several huge pages is advised (`hg` in its mapping's flags, on a kernel
    /// built with transparent huge pages) and keeps what it holds; one too small to hold an
    /// aligned huge page is left as it is.
    #[test]
    fn a_large_buffer_is_advised_and_a_small_one_left_alone() {
        let mut large: Vec<u8> = Vec::with_capacity(8 * HUGE_PAGE);
        large.extend_from_slice(b"kept");
        prefer_huge_pages(&mut large);
        assert_eq!(large, b"kept");
        let aligned = (large.as_ptr() as usize).next_multiple_of(HUGE_PAGE);
        let has_huge_pages = std::path::Path::new("/sys/kernel/mm/transparent_hugepage").exists();
        let advised = flags_at(aligned)
            .split_whitespace()
            .any(|flag| flag == "hg");
        assert_eq!(advised, has_huge_pages);
        let mut small: Vec<u8> = Vec::with_capacity(4096);
        prefer_huge_pages(&mut small);
        assert!(
            !flags_at(small.as_ptr() as usize)
                .split_whitespace()
                .any(|flag| flag == "hg")
        );
    }
}
