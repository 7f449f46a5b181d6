//! Lowering the CPU priority of work that runs beside someone typing: the watcher, and the
//! reader's own background threads (the follower, the names builder). A courtesy, so it never
//! fails: where the system refuses, the work runs as it is.

/// Puts the calling thread, and the threads it starts afterwards (they inherit it), in the
/// idle scheduling class on Linux (`SCHED_IDLE`): a reader's thread that wakes for a
/// keystroke takes the core at once, where a high `nice` only shares the cores out less
/// unevenly. Elsewhere, or if the class is refused, the whole process's `nice` goes up by
/// `fallback_nice` (for a process that is background work as a whole: `watch`).
pub fn idle(fallback_nice: i32) {
    if idle_thread() {
        return;
    }
    #[cfg(unix)]
    let _ = rustix::process::nice(fallback_nice);
    #[cfg(not(unix))]
    let _ = fallback_nice;
}

/// The same for the calling thread alone, with no fallback (a process's `nice` would slow
/// the reader it runs in): whether it took, never outside Linux.
pub fn idle_thread() -> bool {
    #[cfg(target_os = "linux")]
    {
        use thread_priority::{
            NormalThreadSchedulePolicy, ThreadPriority, ThreadSchedulePolicy,
            set_thread_priority_and_policy, thread_native_id,
        };
        let idle = ThreadSchedulePolicy::Normal(NormalThreadSchedulePolicy::Idle);
        set_thread_priority_and_policy(thread_native_id(), ThreadPriority::Min, idle).is_ok()
    }
    #[cfg(not(target_os = "linux"))]
    false
}

/// A pool of threads for a background thread's parallel work, named `{name}-{i}`: started
/// from the calling thread, they share its priority, and the work never queues the reader's
/// searches on the global pool. `None` if the threads could not be started.
pub fn own_pool(name: &'static str) -> Option<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .thread_name(move |i| format!("{name}-{i}"))
        .build()
        .ok()
}

/// Raises the calling thread's `nice` by `by` on Linux, where a thread's nice value is its
/// own; elsewhere it would be the whole process's, so nothing is done.
pub fn nicer_thread(by: i32) {
    #[cfg(target_os = "linux")]
    let _ = rustix::process::nice(by);
    #[cfg(not(target_os = "linux"))]
    let _ = by;
}

#[cfg(test)]
#[cfg(target_os = "linux")]
mod tests {
    use super::*;

    /// The scheduling policy and nice value of the calling thread, from `/proc`.
    fn policy_and_nice() -> (u32, i32) {
        let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap();
        // Fields after the command name (which may hold spaces), counted from 3.
        let rest = &stat[stat.rfind(')').unwrap() + 2..];
        let fields: Vec<&str> = rest.split(' ').collect();
        (
            fields[41 - 3].parse().unwrap(),
            fields[19 - 3].parse().unwrap(),
        )
    }

    #[test]
    fn an_idle_thread_and_the_threads_it_starts_are_in_the_idle_class() {
        const SCHED_IDLE: u32 = 5;
        let (policy, child) = std::thread::spawn(|| {
            idle(15);
            let child = std::thread::spawn(policy_and_nice).join().unwrap();
            (policy_and_nice().0, child.0)
        })
        .join()
        .unwrap();
        assert_eq!((policy, child), (SCHED_IDLE, SCHED_IDLE));
        assert_eq!(
            policy_and_nice().0,
            0,
            "the caller's own thread is untouched"
        );
    }

    #[test]
    fn a_nicer_thread_is_nicer_alone() {
        let before = policy_and_nice().1;
        let after = std::thread::spawn(|| {
            nicer_thread(5);
            policy_and_nice().1
        })
        .join()
        .unwrap();
        assert_eq!(after, (before + 5).min(19));
        assert_eq!(policy_and_nice().1, before);
    }
}
