//! The files that put talkdeck on the desktop agree with each other and with the app:
//! one app id everywhere, an icon at every hicolor size, and every file the Debian
//! package lists present.

use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(ROOT).join(path)).unwrap()
}

#[test]
fn the_icon_is_there_at_every_size() {
    for size in [16u32, 22, 24, 32, 48, 64, 128, 256, 512] {
        let bytes = std::fs::read(format!("{ROOT}/assets/icons/talkdeck-{size}.png")).unwrap();
        let icon = eframe::icon_data::from_png_bytes(&bytes).unwrap();
        assert_eq!((icon.width, icon.height), (size, size));
        // Transparent corners: a drawn icon, not a square.
        assert_eq!(icon.rgba[3], 0, "{size} px");
    }
}

#[test]
fn desktop_entry_and_metadata_name_the_window_app_id() {
    let id = talkdeck::APP_ID;
    let entry = read(&format!("packaging/{id}.desktop"));
    for line in [
        "Exec=talkdeck %F".to_owned(),
        format!("Icon={id}"),
        format!("StartupWMClass={id}"),
        concat!(
            "MimeType=text/plain;text/markdown;application/x-subrip;text/vtt;",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation;",
            "application/vnd.oasis.opendocument.presentation;"
        )
        .to_owned(),
    ] {
        assert!(entry.lines().any(|l| l == line), "{line}");
    }
    let metainfo = read(&format!("packaging/{id}.metainfo.xml"));
    assert!(metainfo.contains(&format!("<id>{id}</id>")));
    assert!(metainfo.contains(&format!(
        "<launchable type=\"desktop-id\">{id}.desktop</launchable>"
    )));
}

/// Every source file the package takes from the repository exists (the generated ones,
/// under target/, are made by packaging/deb.sh).
#[test]
fn the_package_lists_files_that_exist() {
    let manifest = read("Cargo.toml");
    let deb = &manifest[manifest.find("[package.metadata.deb]").unwrap()..];
    let assets = &deb[deb.find("assets = [").unwrap()..];
    let assets = &assets[..assets.find("\n]").unwrap()];
    let mut sources = 0;
    for line in assets.lines().filter(|l| l.trim_start().starts_with("[\"")) {
        let source = line.trim_start().trim_start_matches("[\"");
        let source = &source[..source.find('"').unwrap()];
        if !source.starts_with("target/") {
            assert!(Path::new(ROOT).join(source).is_file(), "{source}");
            sources += 1;
        }
    }
    assert!(sources >= 15, "{sources} files from the repository");
    assert!(assets.contains("usr/share/applications/\"") && assets.contains("usr/share/metainfo/"));
}
