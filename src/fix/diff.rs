//! A unified diff of two texts, line by line (Myers' algorithm: fast when few lines change, as
//! with fixes), in the format `patch` and `git apply` read.

/// Lines of context around each change.
const CONTEXT: usize = 3;

/// The unified diff turning `old` into `new`, with `path` in its headers; empty when they are
/// equal.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let ops = diff_lines(&a, &b);
    if ops.iter().all(|op| matches!(op, Op::Same(..))) {
        return String::new();
    }
    let mut out = format!("--- a/{path}\n+++ b/{path}\n");
    for hunk in hunks(&ops) {
        write_hunk(&mut out, &ops[hunk], &a, &b);
    }
    out
}

/// One step from `a` to `b`: a line kept (its index in each), removed (in `a`) or added (in `b`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Op {
    Same(usize, usize),
    Removed(usize),
    Added(usize),
}

/// The shortest edit script (Myers, 1986), as a list of operations in order.
pub(super) fn diff_lines(a: &[&str], b: &[&str]) -> Vec<Op> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let max = (n + m) as usize;
    let offset = max as isize + 1;
    let mut v = vec![0isize; 2 * max + 3];
    let mut trace: Vec<Vec<isize>> = Vec::new();
    'search: for d in 0..=max as isize {
        trace.push(v.clone());
        for k in (-d..=d).step_by(2) {
            let i = (k + offset) as usize;
            let mut x = if k == -d || (k != d && v[i - 1] < v[i + 1]) {
                v[i + 1]
            } else {
                v[i - 1] + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[i] = x;
            if x >= n && y >= m {
                break 'search;
            }
        }
    }
    // Walk the trace back from the end.
    let mut ops = Vec::new();
    let (mut x, mut y) = (n, m);
    for (d, v) in trace.iter().enumerate().rev() {
        let d = d as isize;
        let k = x - y;
        let i = |k: isize| (k + offset) as usize;
        let previous_k = if k == -d || (k != d && v[i(k - 1)] < v[i(k + 1)]) {
            k + 1
        } else {
            k - 1
        };
        let previous_x = v[i(previous_k)];
        let previous_y = previous_x - previous_k;
        while x > previous_x && y > previous_y {
            x -= 1;
            y -= 1;
            ops.push(Op::Same(x as usize, y as usize));
        }
        if d > 0 {
            if x == previous_x {
                ops.push(Op::Added(previous_y as usize));
            } else {
                ops.push(Op::Removed(previous_x as usize));
            }
        }
        (x, y) = (previous_x, previous_y);
    }
    ops.reverse();
    ops
}

/// The ranges of `ops` that make hunks: each change with up to [`CONTEXT`] kept lines around it,
/// changes closer than twice that sharing one hunk.
fn hunks(ops: &[Op]) -> Vec<std::ops::Range<usize>> {
    let changed: Vec<usize> = (0..ops.len())
        .filter(|&i| !matches!(ops[i], Op::Same(..)))
        .collect();
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for index in changed {
        let start = index.saturating_sub(CONTEXT);
        let end = (index + 1 + CONTEXT).min(ops.len());
        match out.last_mut() {
            Some(last) if start <= last.end => last.end = end,
            _ => out.push(start..end),
        }
    }
    out
}

fn write_hunk(out: &mut String, ops: &[Op], a: &[&str], b: &[&str]) {
    let old_start = ops.iter().find_map(|op| match op {
        Op::Same(x, _) | Op::Removed(x) => Some(*x),
        Op::Added(_) => None,
    });
    let new_start = ops.iter().find_map(|op| match op {
        Op::Same(_, y) | Op::Added(y) => Some(*y),
        Op::Removed(_) => None,
    });
    let old_len = ops.iter().filter(|op| !matches!(op, Op::Added(_))).count();
    let new_len = ops
        .iter()
        .filter(|op| !matches!(op, Op::Removed(_)))
        .count();
    // A range of no lines names the line before it, as diff(1) does.
    let start = |first: Option<usize>, len: usize| match (first, len) {
        (Some(first), len) if len > 0 => first + 1,
        (Some(first), _) => first,
        (None, _) => 0,
    };
    out.push_str(&format!(
        "@@ -{},{old_len} +{},{new_len} @@\n",
        start(old_start, old_len),
        start(new_start, new_len)
    ));
    for op in ops {
        let (mark, line) = match *op {
            Op::Same(x, _) => (' ', a[x]),
            Op::Removed(x) => ('-', a[x]),
            Op::Added(y) => ('+', b[y]),
        };
        out.push(mark);
        out.push_str(line);
        if !line.ends_with('\n') {
            out.push_str("\n\\ No newline at end of file\n");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_have_no_diff() {
        assert_eq!(unified_diff("a", "x\ny\n", "x\ny\n"), "");
    }

    #[test]
    fn a_changed_line_is_one_hunk_with_context() {
        let old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        let new = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
        assert_eq!(
            unified_diff("l.json", old, new),
            "--- a/l.json\n+++ b/l.json\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n"
        );
    }

    #[test]
    fn far_changes_make_two_hunks_and_a_missing_final_newline_is_said() {
        let old: String = (1..=20).map(|i| format!("{i}\n")).collect::<String>() + "end";
        let new = old.replacen("2\n", "two\n", 1).replace("end", "END");
        let diff = unified_diff("x", &old, &new);
        assert_eq!(diff.matches("@@ -").count(), 2, "{diff}");
        assert!(
            diff.ends_with(
                "-end\n\\ No newline at end of file\n+END\n\\ No newline at end of file\n"
            ),
            "{diff}"
        );
    }
}
