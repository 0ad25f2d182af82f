//! The `--metadata-dir` files: which are bundled, and the checks that locate their problems.

use super::*;

#[test]
fn both_metadata_files_are_bundled_with_their_bytes_and_sorted() {
    let (_dir, dir) = workspace(&[
        ("permissionset-meta.xml", PERMISSION_SET),
        ("connectedapp-meta.xml", CONNECTED_APP),
    ]);
    let run = bundle(&dir, &["api-spec.yaml", "--metadata-dir", "meta", "-o", "publish.zip"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "wrote publish.zip: api-spec.yaml, connectedapp-meta.xml, permissionset-meta.xml\n"
    );
    let entries = unzip(&dir.join("publish.zip"));
    assert_eq!(
        names(&entries),
        ["api-spec.yaml", "connectedapp-meta.xml", "permissionset-meta.xml"]
    );
    assert_eq!(entries[0].1, SPEC.as_bytes());
    assert_eq!(entries[1].1, CONNECTED_APP.as_bytes());
    assert_eq!(entries[2].1, PERMISSION_SET.as_bytes());
}

#[test]
fn sfdx_names_other_files_and_a_spec_in_the_folder_are_not_bundled() {
    let (_dir, dir) = workspace(&[
        ("QuotePerms.permissionset-meta.xml", PERMISSION_SET),
        ("QuoteApp.connectedApp-meta.xml", CONNECTED_APP),
        ("PermissionSet-meta.xml", PERMISSION_SET),
        ("api-spec.yaml", SPEC),
        ("notes.txt", "hello"),
    ]);
    let run = bundle(&dir, &["api-spec.yaml", "--metadata-dir", "meta", "-o", "publish.zip"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(names(&unzip(&dir.join("publish.zip"))), ["api-spec.yaml"]);
}

#[test]

fn sfdx_names_are_warned_about_under_al952() {
    let (_dir, dir) = workspace(&[("QuotePerms.permissionset-meta.xml", PERMISSION_SET)]);
    let run = bundle(&dir, &["api-spec.yaml", "--metadata-dir", "meta", "-o", "publish.zip"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("warning[AL952]"), "{}", run.stderr);
    assert!(
        run.stderr.contains("QuotePerms.permissionset-meta.xml"),
        "{}",
        run.stderr
    );
}

#[test]

fn a_metadata_file_and_its_flag_together_are_refused_under_al953() {
    let (_dir, dir) = workspace(&[("permissionset-meta.xml", PERMISSION_SET)]);
    let run = bundle(
        &dir,
        &[
            "api-spec.yaml",
            "--metadata-dir",
            "meta",
            "--authorization-permission-set-name",
            "QuotePerms",
            "-o",
            "publish.zip",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[AL953]"), "{}", run.stderr);
    assert!(!dir.join("publish.zip").exists());
}

#[test]

fn a_connected_app_file_with_the_eca_flag_is_a_warning_under_al954() {
    let (_dir, dir) = workspace(&[("connectedapp-meta.xml", CONNECTED_APP)]);
    let run = bundle(
        &dir,
        &[
            "api-spec.yaml",
            "--metadata-dir",
            "meta",
            "--authorization-external-client-app-name",
            "QuoteApp",
            "-o",
            "publish.zip",
        ],
    );
    assert!(run.stderr.contains("warning[AL954]"), "{}", run.stderr);
}

#[test]
fn malformed_metadata_xml_is_located_and_nothing_is_written() {
    let (_dir, dir) = workspace(&[(
        "permissionset-meta.xml",
        "<PermissionSet xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <label>x</labl>\n</PermissionSet>\n",
    )]);
    let run = bundle(&dir, &["api-spec.yaml", "--metadata-dir", "meta", "-o", "publish.zip"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error[AL952]: `permissionset-meta.xml` is not well-formed XML"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--> meta/permissionset-meta.xml:2:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("error: nothing written"), "{}", run.stderr);
    assert!(!dir.join("publish.zip").exists());
}

#[test]
fn wrong_root_namespace_and_full_name_are_errors_with_positions() {
    let (_dir, dir) = workspace(&[
        (
            "connectedapp-meta.xml",
            "<ConnectedApp xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n  <fullName>OtherApp</fullName>\n  \
             <contactEmail>a@example.com</contactEmail>\n  <label>x</label>\n</ConnectedApp>\n",
        ),
        (
            "permissionset-meta.xml",
            "<PermissionSet>\n  <label>x</label>\n</PermissionSet>\n",
        ),
    ]);
    let run = bundle(&dir, &["api-spec.yaml", "--metadata-dir", "meta", "-o", "publish.zip"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let expected = [
        "error[AL952]: `fullName` is `OtherApp` but the spec names the connected app `QuoteApp`",
        "--> meta/connectedapp-meta.xml:2:13",
        "error[AL952]: `<PermissionSet>` has no namespace",
        "--> meta/permissionset-meta.xml:1:2",
        "warning[AL952]: the permission set is not session-activated",
    ];
    for line in expected {
        assert!(run.stderr.contains(line), "missing {line:?} in:\n{}", run.stderr);
    }
    assert!(!dir.join("publish.zip").exists());
}

#[test]
fn a_metadata_file_the_spec_does_not_use_is_a_warning_and_still_bundled() {
    let (_dir, dir) = workspace(&[("connectedapp-meta.xml", CONNECTED_APP)]);
    let spec = SPEC.replace("connectedApp: QuoteApp", "externalClientApp: QuoteApp");
    std::fs::write(dir.join("api-spec.yaml"), spec).unwrap();
    let run = bundle(&dir, &["api-spec.yaml", "--metadata-dir", "meta", "-o", "publish.zip"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "warning[AL952]: `connectedapp-meta.xml` is uploaded but no operation names a `connectedApp` in \
             `x-sfdc.heroku.authorization` (the spec names an `externalClientApp`"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        names(&unzip(&dir.join("publish.zip"))),
        ["api-spec.yaml", "connectedapp-meta.xml"]
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_metadata_file_is_refused_even_inside_the_folder() {
    let (_dir, dir) = workspace(&[("real.xml", PERMISSION_SET)]);
    std::os::unix::fs::symlink("real.xml", dir.join("meta/permissionset-meta.xml")).unwrap();
    let run = bundle(&dir, &["api-spec.yaml", "--metadata-dir", "meta", "-o", "publish.zip"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("meta/permissionset-meta.xml: is a symlink"),
        "{}",
        run.stderr
    );
    assert!(!dir.join("publish.zip").exists());

    let outside = tempfile::NamedTempFile::new().unwrap();
    std::fs::remove_file(dir.join("meta/permissionset-meta.xml")).unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.join("meta/connectedapp-meta.xml")).unwrap();
    let run = bundle(&dir, &["api-spec.yaml", "--metadata-dir", "meta", "-o", "publish.zip"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("is a symlink"), "{}", run.stderr);
}

#[test]
fn a_folder_with_a_metadata_name_and_an_oversized_file_are_refused() {
    let (_dir, dir) = workspace(&[]);
    std::fs::create_dir(dir.join("meta/permissionset-meta.xml")).unwrap();
    let run = bundle(&dir, &["api-spec.yaml", "--metadata-dir", "meta", "-o", "publish.zip"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("is not a regular file"), "{}", run.stderr);

    std::fs::remove_dir(dir.join("meta/permissionset-meta.xml")).unwrap();
    let big = format!("<!-- {} -->", "x".repeat(1024 * 1024));
    std::fs::write(dir.join("meta/connectedapp-meta.xml"), big).unwrap();
    let run = bundle(&dir, &["api-spec.yaml", "--metadata-dir", "meta", "-o", "publish.zip"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("applinkc reads at most 1048576 bytes"),
        "{}",
        run.stderr
    );
    assert!(!dir.join("publish.zip").exists());
}
