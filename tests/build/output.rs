//! Where build writes: failures leave nothing behind, `--force`, templates, new folders, and
//! never over an input.

use super::*;

#[test]
fn an_unwritable_output_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let not_a_folder = dir.path().join("file");
    std::fs::write(&not_a_folder, "x").unwrap();
    build_cmd(
        &example("tests/data/build/plain.json"),
        "Inventory",
        &not_a_folder.join("out.zip"),
        &[],
    )
    .assert()
    .code(2)
    // The message names the folder that cannot be made, not an internal temporary name.
    .stderr(predicates::str::contains(format!(
        "error: {}: is a file, so the folder for {} cannot be made",
        not_a_folder.display(),
        not_a_folder.join("out.zip").display()
    )))
    .stderr(predicates::str::contains(".applinkc-").not());
    assert_eq!(listing(dir.path()), ["file"]);
}

#[test]
fn template_errors_leave_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let cases = [
        ("PermissionSet.xml", "{{ no_such_field }}", "undefined"),
        (
            "PermissionSet.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Package xmlns=\"http://soap.sforce.com/2006/04/metadata\"/>\n",
            "the root element is <Package>, expected <PermissionSet>",
        ),
        (
            "PermissionSet.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PermissionSet>\n",
            "rendered invalid XML",
        ),
        ("PermissionSet.xml", "{{ label|safe }}", "safe"),
        ("Nonsense.xml", "x", "is not a template applinkc uses"),
    ];
    for (name, text, expected) in cases {
        let templates = tempfile::tempdir().unwrap();
        std::fs::write(templates.path().join(name), text).unwrap();
        for layout in ["zip", "dir", "source"] {
            build_cmd(
                &example("tests/data/build/plain.json"),
                "Inventory",
                &out.join("result"),
                &["--layout", layout, "--templates", templates.path().to_str().unwrap()],
            )
            .assert()
            .code(2)
            .stderr(predicates::str::contains(expected));
            assert!(listing(&out).is_empty(), "{name}: {:?}", listing(&out));
        }
    }
}

#[test]
fn a_template_override_replaces_the_built_in_one() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    // Files that are not .xml templates (a README) are ignored.
    std::fs::copy(example("templates/README.md"), templates.join("README.md")).unwrap();
    let builtin = std::fs::read_to_string(example("templates/PermissionSet.xml")).unwrap();
    std::fs::write(
        templates.join("PermissionSet.xml"),
        builtin.replace("    <label>", "    <!-- overridden -->\n    <label>"),
    )
    .unwrap();
    let zip = dir.path().join("out.zip");
    build_cmd(
        &example("tests/data/build/plain.json"),
        "Inventory",
        &zip,
        &["--templates", templates.to_str().unwrap()],
    )
    .assert()
    .success();
    let files = read_zip(&zip);
    let set = files
        .iter()
        .find(|(p, _)| p == "unpackaged/permissionsets/Inventory.permissionset")
        .unwrap();
    assert!(String::from_utf8_lossy(&set.1).contains("<!-- overridden -->"));
}

#[test]
fn an_existing_output_is_replaced_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let spec = example("tests/data/build/plain.json");
    let zip = dir.path().join("out.zip");
    std::fs::write(&zip, "keep me").unwrap();
    build_cmd(&spec, "Inventory", &zip, &[])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("already exists; pass --force to replace it"));
    assert_eq!(std::fs::read(&zip).unwrap(), b"keep me");
    build_cmd(&spec, "Inventory", &zip, &["--force"]).assert().success();
    assert!(read_zip(&zip).iter().any(|(p, _)| p == "unpackaged/package.xml"));

    let folder = dir.path().join("folder");
    build_cmd(&spec, "Inventory", &folder, &["--layout", "dir"])
        .assert()
        .success();
    std::fs::write(folder.join("stale.txt"), "x").unwrap();
    build_cmd(&spec, "Inventory", &folder, &["--layout", "dir"])
        .assert()
        .code(2);
    assert!(folder.join("stale.txt").exists());
    build_cmd(&spec, "Inventory", &folder, &["--layout", "dir", "--force"])
        .assert()
        .success();
    assert!(!folder.join("stale.txt").exists());
    // --force never replaces a file by a folder or the reverse.
    build_cmd(&spec, "Inventory", &folder, &["--force"]).assert().code(2);
    assert_eq!(listing(dir.path()), ["folder", "out.zip"]);
}

#[test]
fn the_output_never_replaces_the_spec() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("api-spec.json");
    std::fs::copy(example("tests/data/build/plain.json"), &spec).unwrap();
    build_cmd(&spec, "Inventory", &spec, &["--force"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("api-spec.json: is an input of the build ("));
    assert_eq!(
        std::fs::read(&spec).unwrap(),
        std::fs::read(example("tests/data/build/plain.json")).unwrap()
    );
}

/// An output in a folder that does not exist yet gets the folder (as report files do), for
/// build and bundle alike.
#[test]
fn outputs_in_new_folders_are_created() {
    let dir = tempfile::tempdir().unwrap();
    let zip = dir.path().join("out/nested/acme.zip");
    let (code, _, stderr) = run(build_cmd(&example("examples/api-spec.yaml"), "AcmePricing", &zip, &[]));
    assert_eq!(code, 0, "{stderr}");
    assert!(zip.is_file());
    let payload = dir.path().join("payload/p.zip");
    let output = applinkc()
        .args(["bundle"])
        .arg(example("examples/api-spec.yaml"))
        .arg("-o")
        .arg(&payload)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(payload.is_file());
}
