//! The project's own files name no folder of the machine they were written on: a path
//! under the work or home folders of one machine means nothing on a user's machine or in a fresh clone.

use std::process::Command;

#[test]
fn no_file_names_a_machine_path() {
    let root = yusuan_testkit::root();
    let out = Command::new("git")
        .arg("-C")
        .arg(&root)
        .args(["ls-files", "-z"])
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git ls-files failed in {}",
        root.display()
    );
    let files: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .split('\0')
        .filter(|f| !f.is_empty())
        .map(str::to_owned)
        .collect();
    assert!(files.len() > 100, "only {} files tracked", files.len());
    // Spelled in pieces so that this file does not match itself.
    let machine = [
        ["/", "work/"].concat(),
        ["/", "home/"].concat(),
        ["/", "root/"].concat(),
        ["/", "Users/"].concat(),
    ];
    let mut found = Vec::new();
    for f in &files {
        let Ok(text) = std::fs::read_to_string(root.join(f)) else {
            continue; // binary files
        };
        for (n, line) in text.lines().enumerate() {
            if machine.iter().any(|m| line.contains(m.as_str())) {
                found.push(format!("{f}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "machine paths:\n{}", found.join("\n"));
}
